package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

/** bridge.retry: what check-config and start-up refuse, each problem naming its key. */
class RetrySettingsTest {

    private static BridgeProperties configured() {
        BridgeProperties properties = new BridgeProperties();
        properties.getMagento().setBaseUrl("https://shop.example.com");
        properties.getMagento().setToken("integration-token");
        properties.getInbound().setToken("back-office-token");
        properties.getOps().setUsername("ops");
        properties.getOps().setPassword("ops-secret");
        return properties;
    }

    private static List<String> problems(BridgeProperties properties) {
        return SettingsRules.problems(properties);
    }

    @Test
    void theDefaultsStart() {
        BridgeProperties properties = configured();

        assertThat(problems(properties)).isEmpty();
    }

    @Test
    void refusedCredentialsCannotBeListedAsTransient() {
        BridgeProperties properties = configured();
        properties.getRetry().getFlows().getShipment().setTransientStatuses(List.of(401, 503));

        assertThat(problems(properties)).singleElement().asString()
                .startsWith("bridge.retry.flows.shipment.transient-statuses: 401 ")
                .contains("always parked at once");
    }

    @Test
    void aStatusCannotBeTransientAndPermanentAtOnce() {
        BridgeProperties properties = configured();
        properties.getRetry().getFlows().getOrdersExport().setTransientStatuses(List.of(500, 503));
        properties.getRetry().getFlows().getOrdersExport().setPermanentStatuses(List.of(503));

        assertThat(problems(properties)).singleElement().asString()
                .isEqualTo("bridge.retry.flows.orders-export: 503 is listed in both transient-statuses and permanent-statuses");
    }

    @Test
    void theDefaultMustBeCompleteBecauseFlowsInheritIt() {
        BridgeProperties properties = configured();
        properties.getRetry().getDefault().setMaxRedeliveries(null);
        properties.getRetry().getDefault().setMaxDelay(null);

        assertThat(problems(properties)).containsExactly(
                "bridge.retry.default.max-redeliveries is not set: every flow without its own value uses it",
                "bridge.retry.default.max-delay is not set: every flow without its own value uses it");
    }

    @Test
    void delaysCannotBeNegative() {
        BridgeProperties properties = configured();
        properties.getRetry().getFlows().getInventory().setInitialDelay(Duration.ofMillis(-5));

        assertThat(problems(properties)).singleElement().asString()
                .isEqualTo("bridge.retry.flows.inventory.initial-delay: PT-0.005S is negative");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "bridge.retry.default.multiplier                     | 0.5     | bridge.retry.default.multiplier",
            "bridge.retry.flows.inventory.jitter                 | 1.5     | bridge.retry.flows.inventory.jitter",
            "bridge.retry.flows.shipment.jitter                  | -0.1    | bridge.retry.flows.shipment.jitter",
            "bridge.retry.flows.shipment.max-redeliveries        | -1      | bridge.retry.flows.shipment.max-redeliveries",
            "bridge.retry.flows.shipment.transient-statuses      | 503,99  | 'bridge.retry.flows.shipment' on field 'transientStatuses[1]'",
            "bridge.retry.flows.orders-export.permanent-statuses | 600     | 'bridge.retry.flows.orders-export' on field 'permanentStatuses[0]'"})
    void multiplierJitterRedeliveriesAndStatusesAreValidatedWhenBound(String key, String value, String named) {
        Throwable failure = catchThrowable(() -> bind(Map.of(key, value)));

        assertThat(failure).isInstanceOf(BindException.class).cause().isInstanceOf(BindValidationException.class);
        assertThat(failure.getCause().getMessage()).contains(named);
    }

    @Test
    void validValuesBind() {
        BridgeProperties properties = bind(Map.of(
                "bridge.retry.default.multiplier", "1",
                "bridge.retry.flows.inventory.jitter", "0",
                "bridge.retry.flows.shipment.transient-statuses", "409,599"));

        assertThat(properties.getRetry().getFlows().getShipment().getTransientStatuses()).containsExactly(409, 599);
    }

    private static BridgeProperties bind(Map<String, String> values) {
        try (LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean()) {
            validator.afterPropertiesSet();
            return new Binder(new MapConfigurationPropertySource(values))
                    .bind("bridge", Bindable.ofInstance(new BridgeProperties()), new ValidationBindHandler(validator))
                    .get();
        }
    }
}
