package com.magentobridge.magento;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.retry.RetryPolicies;

/** The one connection pool to Magento and how it authenticates. */
@Configuration(proxyBeanMethods = false)
public class MagentoConfiguration {

    @Bean
    public MagentoAuthentication magentoAuthentication(BridgeProperties properties) {
        return new BearerTokenAuthentication(() -> properties.getMagento().getToken());
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
