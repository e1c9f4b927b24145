package com.magentobridge.ops;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;
import com.magentobridge.flow.Expiring;

/**
 * Orders in the ledger per export state as gauges ({@code bridge_orders_ledger{state="PARKED"}} in Prometheus), so a
 * parked order (a mapping is missing) or a failed export shows on a dashboard, not only in the audit API. One query
 * serves every state of a scrape (the counts are reused for a few seconds).
 */
@Component
public class OrderMetrics {

    static final List<String> STATES = List.of("PENDING", "QUEUED", "EXPORTED", "FAILED", "INELIGIBLE", "PARKED",
            "UPDATE", "QUEUED_UPDATE");

    private final Expiring<Map<String, Long>> counts;

    public OrderMetrics(OrderAudit audit, MeterRegistry meters) {
        this.counts = new Expiring<>(Duration.ofSeconds(5), audit::countsByState);
        for (String state : STATES) {
            Gauge.builder("bridge.orders.ledger", counts, reused -> reused.get().getOrDefault(state, 0L))
                    .description("Orders in the ledger by export state")
                    .tag("state", state)
                    .register(meters);
        }
    }
}
