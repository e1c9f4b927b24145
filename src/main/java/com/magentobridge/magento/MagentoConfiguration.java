package com.magentobridge.magento;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.retry.RetryPolicies;

/** The one connection pool to Magento and how it authenticates. */
@Configuration(proxyBeanMethods = false)
public class MagentoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(MagentoConfiguration.class);

    /** oauth1, bearer or admin, as {@code bridge.magento.auth.type} or the values set choose. */
    @Bean
    public MagentoAuthentication magentoAuthentication(BridgeProperties properties) {
        return new ConfiguredAuthentication(properties.getMagento(), Clock.systemUTC());
    }

    /**
     * One line at start-up naming the mode; in admin mode a first login, so a refusal (wrong password, Magento's
     * two-factor module) is said at once rather than at the first stock update. Off the start-up thread: a store
     * that does not answer must not hold the bridge back.
     */
    @Bean
    public ApplicationListener<ApplicationReadyEvent> magentoAuthenticationAnnouncement(MagentoClient client) {
        return event -> {
            String mode = client.authenticationMode();
            if (!"admin".equals(mode)) {
                LOG.info("Magento authentication: {}", mode);
                return;
            }
            Thread firstLogin = new Thread(() -> {
                try {
                    client.get("store.configs", "/V1/store/storeConfigs");
                    LOG.info("Magento authentication: admin (logged in)");
                } catch (RuntimeException e) {
                    LOG.warn("Magento authentication: admin login failed: {}", e.getMessage());
                }
            }, "magento-admin-login");
            firstLogin.setDaemon(true);
            firstLogin.start();
        };
    }

    /** Outside the retrying flows (order import, adjustments) the pool classifies statuses by the default policy. */
    @Bean(destroyMethod = "close")
    public MagentoClient magentoClient(BridgeProperties properties, MagentoAuthentication authentication,
                                       RetryPolicies retryPolicies, ObjectMapper json, MeterRegistry meters) {
        return new MagentoClient(properties.getMagento(), authentication,
                retryPolicies.defaults().transientStatuses(), json, meters);
    }

    @Bean
    public MagentoOrders magentoOrders(MagentoClient client) {
        return new MagentoOrders(client);
    }
}
