package com.magentobridge.inbound;

import org.apache.camel.CamelContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.function.SingletonSupplier;

import com.magentobridge.storage.DatabaseAvailability;

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
     * 503 "the bridge is starting" (or stopping, or the database is unavailable) with Retry-After on /soap and /rest
     * while the call cannot be stored; after authentication (a caller without credentials is told so first), after the
     * WSDL (served at any time).
     */
    @Bean
    public FilterRegistrationBean<InboundGate> inboundGate(ApplicationAvailability availability,
                                                           ObjectProvider<CamelContext> camel,
                                                           ObjectProvider<DatabaseAvailability> database) {
        // asked for once the application is ready, like Camel (the filter is registered while Tomcat starts)
        SingletonSupplier<DatabaseAvailability> storage = SingletonSupplier.of(database::getObject);
        FilterRegistrationBean<InboundGate> registration = new FilterRegistrationBean<>(
                new InboundGate(availability, camel::getObject, () -> storage.obtain().isAvailable()));
        registration.addUrlPatterns("/soap/*", "/rest/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 10);
        return registration;
    }
}
