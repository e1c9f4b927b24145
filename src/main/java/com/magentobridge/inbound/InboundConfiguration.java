package com.magentobridge.inbound;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The edge's servlet filters, placed around the security chain (its body-size limit runs before both). */
@Configuration(proxyBeanMethods = false)
public class InboundConfiguration {

    /** The WSDL, served to anyone before authentication, as Magento does. */
    @Bean
    public FilterRegistrationBean<WsdlFilter> soapWsdl() {
        FilterRegistrationBean<WsdlFilter> registration = new FilterRegistrationBean<>(new WsdlFilter());
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
