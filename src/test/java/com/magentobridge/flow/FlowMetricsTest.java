package com.magentobridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.magentobridge.flow.LineResult;

class FlowMetricsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FlowMetrics metrics = new FlowMetrics(meters);

    private double count(String flow, String result) {
        return meters.get("bridge.messages").tag("flow", flow).tag("result", result).counter().count();
    }

    @Test
    void everyFlowAndResultReadsZeroBeforeAnythingHappens() {
        for (String flow : FlowMetrics.FLOWS) {
            for (String result : List.of("received", "applied", "duplicate", "superseded", "failed", "dead_lettered",
                    "replayed")) {
                assertThat(count(flow, result)).as(flow + " " + result).isZero();
            }
        }
    }

    @Test
    void lineResultsAreCountedUnderTheirResultName() {
        metrics.countLines("inventory", List.of(LineResult.Success, LineResult.Success, LineResult.Duplicate,
                LineResult.Superseded, LineResult.Failed));

        assertThat(count("inventory", "applied")).isEqualTo(2);
        assertThat(count("inventory", "duplicate")).isEqualTo(1);
        assertThat(count("inventory", "superseded")).isEqualTo(1);
        assertThat(count("inventory", "failed")).isEqualTo(1);
        assertThat(count("shipment", "applied")).isZero();
    }

    @Test
    void deadLettersAndReplaysAreCountedUnderTheFlowOfTheirRoute() {
        metrics.deadLettered("shipment");
        metrics.deadLettered("orders-export");
        metrics.replayed("inventory");

        assertThat(count("shipment", "dead_lettered")).isEqualTo(1);
        assertThat(count("orders-export", "dead_lettered")).isEqualTo(1);
        assertThat(count("inventory", "replayed")).isEqualTo(1);
    }

    @Test
    void nothingIsCountedForAnEmptyAmount() {
        metrics.count("orders-import", FlowMetrics.Result.RECEIVED, 0);
        metrics.count("orders-import", FlowMetrics.Result.RECEIVED, 7);

        assertThat(count("orders-import", "received")).isEqualTo(7);
    }
}
