package com.magentobridge.health;

import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.actuate.health.liveness.CamelLivenessStateHealthIndicator;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.magentobridge.backoffice.ConfiguredBackOfficeExporter;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.magento.MagentoClient;

/**
 * The bridge's own health components ({@code magento}, {@code backOffice}) and Camel's liveness. Camel's availability
 * auto-configuration is excluded in application.yaml because its readiness indicator reports a flow paused by ops
 * (a suspended route) as OUT_OF_SERVICE, which would take the whole instance out of service although it still
 * receives and acknowledges; its liveness indicator is declared here instead. Which component counts for which probe
 * is in application.yaml ({@code management.endpoint.health.group.*}).
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

    @Bean
    public MagentoHealthIndicator magentoHealthIndicator(MagentoClient client, BridgeProperties properties) {
        return new MagentoHealthIndicator(client, properties);
    }

    @Bean
    public BackOfficeHealthIndicator backOfficeHealthIndicator(ConfiguredBackOfficeExporter backOffice,
                                                               BridgeProperties properties) {
        return new BackOfficeHealthIndicator(backOffice, properties);
    }

    /** Spring's liveness state and Camel's liveness checks (the Camel context is started). */
    @Bean
    public CamelLivenessStateHealthIndicator camelLivenessStateHealthIndicator(ApplicationAvailability availability,
                                                                               CamelContext camel) {
        return new CamelLivenessStateHealthIndicator(availability, camel);
    }
}
