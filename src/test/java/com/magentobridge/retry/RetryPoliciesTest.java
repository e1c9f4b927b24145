package com.magentobridge.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.magentobridge.config.BridgeProperties;

class RetryPoliciesTest {

    @Test
    void aFlowWithoutOverridesHasTheDefaultPolicy() {
        RetryPolicy shipment = new RetryPolicies(new BridgeProperties().getRetry()).of("shipment");

        assertThat(shipment.maxRedeliveries()).isEqualTo(5);
        assertThat(shipment.initialDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(shipment.multiplier()).isEqualTo(2.0);
        assertThat(shipment.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(shipment.jitter()).isEqualTo(0.2);
        assertThat(shipment.transientStatuses().statuses()).containsExactly(408, 429, 500, 502, 503, 504);
    }

    @Test
    void aFlowOverridesOnlyWhatItSetsAndInheritsTheRest() {
        BridgeProperties.Retry settings = new BridgeProperties().getRetry();
        settings.getDefault().setMaxRedeliveries(7);
        settings.getFlows().getShipment().setMaxRedeliveries(0);
        settings.getFlows().getShipment().setMaxDelay(Duration.ofSeconds(2));

        RetryPolicies policies = new RetryPolicies(settings);

        assertThat(policies.of("shipment").maxRedeliveries()).isZero();
        assertThat(policies.of("shipment").maxDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policies.of("shipment").initialDelay()).isEqualTo(Duration.ofMillis(500));
        assertThat(policies.of("inventory").maxRedeliveries()).isEqualTo(7);
        assertThat(policies.of("inventory").maxDelay()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void permanentStatusesAreTakenOutOfTheTransientOnes() {
        BridgeProperties.Retry settings = new BridgeProperties().getRetry();
        settings.getFlows().getOrdersExport().setPermanentStatuses(List.of(500, 503));

        RetryPolicies policies = new RetryPolicies(settings);

        TransientStatuses export = policies.of("orders-export").transientStatuses();
        assertThat(export.isTransient(503)).isFalse();
        assertThat(export.isTransient(500)).isFalse();
        assertThat(export.isTransient(502)).isTrue();
        assertThat(policies.of("inventory").transientStatuses().isTransient(503)).isTrue();
    }

    @Test
    void aFlowsOwnTransientListReplacesTheDefaultsButTheDefaultsPermanentOnesStillApply() {
        BridgeProperties.Retry settings = new BridgeProperties().getRetry();
        settings.getDefault().setPermanentStatuses(List.of(500));
        settings.getFlows().getOrderstatus().setTransientStatuses(List.of(409, 500, 503));

        TransientStatuses orderStatus = new RetryPolicies(settings).of("orderstatus").transientStatuses();

        assertThat(orderStatus.statuses()).containsExactly(409, 503);
    }

    @Test
    void theCamelPolicyBacksOffExponentiallyWithJitterUpToTheCap() {
        BridgeProperties.Retry settings = new BridgeProperties().getRetry();
        settings.getFlows().getInventory().setMaxRedeliveries(3);
        settings.getFlows().getInventory().setInitialDelay(Duration.ofMillis(250));
        settings.getFlows().getInventory().setMultiplier(3.0);
        settings.getFlows().getInventory().setMaxDelay(Duration.ofSeconds(4));
        settings.getFlows().getInventory().setJitter(0.0);

        RedeliveryPolicy camel = new RetryPolicies(settings).of("inventory").redeliveryPolicy();

        assertThat(camel.getMaximumRedeliveries()).isEqualTo(3);
        assertThat(camel.getRedeliveryDelay()).isEqualTo(250);
        assertThat(camel.isUseExponentialBackOff()).isTrue();
        assertThat(camel.getBackOffMultiplier()).isEqualTo(3.0);
        assertThat(camel.getMaximumRedeliveryDelay()).isEqualTo(4000);
        assertThat(camel.isUseCollisionAvoidance()).isFalse();
        assertThat(camel.getRetryAttemptedLogLevel()).isEqualTo(LoggingLevel.WARN);
        // 250, 750, 2250, then capped at 4000
        assertThat(camel.calculateRedeliveryDelay(0, 1)).isEqualTo(250);
        assertThat(camel.calculateRedeliveryDelay(250, 2)).isEqualTo(750);
        assertThat(camel.calculateRedeliveryDelay(750, 3)).isEqualTo(2250);
        assertThat(camel.calculateRedeliveryDelay(2250, 4)).isEqualTo(4000);
    }

    @Test
    void jitterSpreadsEachDelay() {
        BridgeProperties.Retry settings = new BridgeProperties().getRetry();
        settings.getDefault().setJitter(0.5);

        RedeliveryPolicy camel = new RetryPolicies(settings).of("shipment").redeliveryPolicy();

        assertThat(camel.isUseCollisionAvoidance()).isTrue();
        assertThat(camel.getCollisionAvoidanceFactor()).isEqualTo(0.5);
    }

    @Test
    void anUnknownFlowIsNamedWithTheKnownOnes() {
        RetryPolicies policies = new RetryPolicies(new BridgeProperties().getRetry());

        assertThatThrownBy(() -> policies.of("order"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'order'").hasMessageContaining("orders-export");
    }

    @Test
    void everyFlowsPolicyCanBeSetFromTheEnvironment() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "BRIDGE_RETRY_FLOWS_ORDERS_EXPORT_MAX_REDELIVERIES", "1",
                "BRIDGE_RETRY_FLOWS_ORDERS_EXPORT_PERMANENT_STATUSES", "503",
                "BRIDGE_RETRY_FLOWS_SHIPMENT_INITIAL_DELAY", "2s",
                "BRIDGE_RETRY_DEFAULT_TRANSIENT_STATUSES", "429,503,504")));
        environment.getPropertySources().addLast(new MapPropertySource("application.yaml",
                Map.of("bridge.retry.default.max-redeliveries", "4")));

        BridgeProperties properties = new Binder(ConfigurationPropertySources.get(environment))
                .bind("bridge", Bindable.ofInstance(new BridgeProperties())).get();
        RetryPolicies policies = new RetryPolicies(properties.getRetry());

        assertThat(policies.of("orders-export").maxRedeliveries()).isEqualTo(1);
        assertThat(policies.of("orders-export").transientStatuses().statuses()).containsExactly(429, 504);
        assertThat(policies.of("shipment").initialDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(policies.of("shipment").maxRedeliveries()).isEqualTo(4);
        assertThat(policies.of("inventory").transientStatuses().statuses()).containsExactly(429, 503, 504);
    }
}
