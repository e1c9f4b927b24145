package com.magentobridge.retry;

import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.magentobridge.flow.Flow;
import com.magentobridge.config.BridgeProperties;

/**
 * The flows' retry policies from {@code bridge.retry}. Each flow's routeConfigurations in
 * routes/error-handlers.camel.yaml name its RedeliveryPolicy bean ({@code redeliveryPolicyRef}) rather than
 * placeholders, because a flow's value may be inherited from bridge.retry.default and only the bean knows which.
 */
@Configuration(proxyBeanMethods = false)
public class RetryConfiguration {

    @Bean
    public RetryPolicies retryPolicies(BridgeProperties properties) {
        return new RetryPolicies(properties.getRetry());
    }

    @Bean
    public RedeliveryPolicy inventoryRetryPolicy(RetryPolicies policies) {
        return policies.of(Flow.INVENTORY.id()).redeliveryPolicy();
    }

    @Bean
    public RedeliveryPolicy shipmentRetryPolicy(RetryPolicies policies) {
        return policies.of(Flow.SHIPMENT.id()).redeliveryPolicy();
    }

    @Bean
    public RedeliveryPolicy orderstatusRetryPolicy(RetryPolicies policies) {
        return policies.of(Flow.ORDERSTATUS.id()).redeliveryPolicy();
    }

    @Bean
    public RedeliveryPolicy ordersExportRetryPolicy(RetryPolicies policies) {
        return policies.of(Flow.ORDERS_EXPORT.id()).redeliveryPolicy();
    }
}
