package com.magentobridge.security;

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
}
