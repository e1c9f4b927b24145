package com.magentobridge.security;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.inbound.InboundGate;

/**
 * No anonymous endpoint but health, the WSDL (answered by WsdlFilter before this chain) and the ops console's static page
 * (no data): the back office authenticates on /soap and /rest (Basic
 * or Bearer), ops on /ops and the other actuator endpoints (Basic). Stateless, no CSRF (machine clients).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain bridgeSecurity(HttpSecurity http, BridgeProperties properties) throws Exception {
        AuthenticationEntryPoint entryPoint = (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"magento-bridge\"");
            ErrorReplies.write(request, response, 401, "Authentication required: missing or wrong credentials");
        };
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authenticationManager(new ProviderManager(new BridgeAuthenticationProvider(properties)))
                .addFilterBefore(new InboundTokenFilter(properties.getInbound()), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(entryPoint))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) ->
                                ErrorReplies.write(request, response, 403, "These credentials may not use " + request.getRequestURI())))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/soap/**", "/rest/**").hasRole(BridgeAuthenticationProvider.INBOUND)
                        .requestMatchers("/ops/**", "/actuator/**").hasRole(BridgeAuthenticationProvider.OPS)
                        // The ops console: a static page without data. Everything it shows comes from /ops with the
                        // ops credentials, which the page sends as a header it sets itself; the browser never holds
                        // them as ambient credentials, so another site cannot make it call /ops on the user's behalf.
                        .requestMatchers("/console", "/console/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    public FilterRegistrationBean<BodySizeLimitFilter> inboundBodySizeLimit(BridgeProperties properties) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(properties.getInbound().getMaxBodyBytes()));
        registration.addUrlPatterns("/soap/*", "/rest/*");
        registration.setOrder(-200);
        return registration;
    }

    @Bean
    public FilterRegistrationBean<com.magentobridge.inbound.WsdlFilter> soapWsdl() {
        FilterRegistrationBean<com.magentobridge.inbound.WsdlFilter> registration =
                new FilterRegistrationBean<>(new com.magentobridge.inbound.WsdlFilter());
        registration.addUrlPatterns("/soap/*");
        registration.setOrder(-150);
        return registration;
    }

    /**
     * 503 "the bridge is starting" (or stopping) with Retry-After on /soap and /rest while the routes cannot take the
     * call; after authentication (a caller without credentials is told so first), after the WSDL (served at any time).
     */
    @Bean
    public FilterRegistrationBean<InboundGate> inboundGate(ApplicationAvailability availability,
                                                           ObjectProvider<CamelContext> camel) {
        FilterRegistrationBean<InboundGate> registration =
                new FilterRegistrationBean<>(new InboundGate(availability, camel::getObject));
        registration.addUrlPatterns("/soap/*", "/rest/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
