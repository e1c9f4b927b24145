package com.magentobridge.orderstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** For one release, a bridge.shipment.* value ops set still drives the order-status flow, with a warning. */
class OrderStatusSettingsFallbackTest {

    private final List<String> warnings = new ArrayList<>();

    private StandardEnvironment environment(Map<String, Object> opsSettings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("commandLineArgs", opsSettings));
        environment.getPropertySources().addLast(new OriginTrackedMapPropertySource(
                "Config resource 'class path resource [application.yaml]' via location 'optional:classpath:/'",
                Map.of("bridge.shipment.batch-size", "100", "bridge.shipment.poll-delay-ms", "1000",
                        "bridge.orderstatus.batch-size", "100", "bridge.orderstatus.poll-delay-ms", "1000",
                        "bridge.orderstatus.claim-lease", "5m")));
        Log log = Mockito.mock(Log.class);
        Mockito.doAnswer(call -> warnings.add(call.getArgument(0))).when(log).warn(Mockito.any());
        new OrderStatusSettingsFallback(type -> log).postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void aShipmentValueOpsSetStillDrivesTheOrderStatusFlowWithAWarningNamingTheNewKey() {
        StandardEnvironment environment = environment(Map.of("bridge.shipment.poll-delay-ms", "250"));

        assertThat(environment.getProperty("bridge.orderstatus.poll-delay-ms")).isEqualTo("250");
        assertThat(environment.getProperty("bridge.orderstatus.batch-size")).isEqualTo("100");
        assertThat(warnings).singleElement().asString()
                .contains("bridge.shipment.poll-delay-ms", "bridge.orderstatus.poll-delay-ms",
                        "BRIDGE_ORDERSTATUS_POLL_DELAY_MS");
    }

    @Test
    void theNewKeyWinsAndNothingIsSaid() {
        StandardEnvironment environment = environment(Map.of("bridge.shipment.poll-delay-ms", "250",
                "bridge.orderstatus.poll-delay-ms", "75"));

        assertThat(environment.getProperty("bridge.orderstatus.poll-delay-ms")).isEqualTo("75");
        assertThat(warnings).isEmpty();
    }

    @Test
    void packagedDefaultsAloneAreNoReasonToWarn() {
        StandardEnvironment environment = environment(Map.of());

        assertThat(environment.getProperty("bridge.orderstatus.poll-delay-ms")).isEqualTo("1000");
        assertThat(warnings).isEmpty();
    }
}
