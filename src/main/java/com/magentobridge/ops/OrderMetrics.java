package com.magentobridge.ops;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Orders in the ledger per export state as gauges ({@code bridge_orders_ledger{state="PARKED"}} in Prometheus), so a
 * parked order (a mapping is missing) or a failed export shows on a dashboard, not only in the audit API. One query
 * serves every state of a scrape (the counts are reused for a few seconds).
 */
@Component
public class OrderMetrics {

    static final List<String> STATES = List.of("PENDING", "QUEUED", "EXPORTED", "FAILED", "INELIGIBLE", "PARKED",
            "UPDATE", "QUEUED_UPDATE");
    private static final long REUSE_NANOS = 5_000_000_000L;

    private final OrderAudit audit;
    private Map<String, Long> counts = Map.of();
    private long countedAt;

    public OrderMetrics(OrderAudit audit, MeterRegistry meters) {
        this.audit = audit;
        for (String state : STATES) {
            Gauge.builder("bridge.orders.ledger", this, metrics -> metrics.count(state))
                    .description("Orders in the ledger by export state")
                    .tag("state", state)
                    .register(meters);
        }
    }

    private synchronized double count(String state) {
        long now = System.nanoTime();
        if (countedAt == 0 || now - countedAt > REUSE_NANOS) {
            counts = audit.countsByState();
            countedAt = now;
        }
        return counts.getOrDefault(state, 0L);
    }
}
