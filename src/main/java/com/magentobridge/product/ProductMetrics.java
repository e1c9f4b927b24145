package com.magentobridge.product;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import com.magentobridge.flow.Expiring;

/**
 * Product export as gauges: products per export state ({@code bridge_products_ledger{state="FAILED"}}, one query per
 * scrape, reused for a few seconds) and when the back office last accepted products on this node
 * ({@code bridge_products_last_export_seconds}, epoch seconds, 0 before the first). Exported and failed products are
 * counted in {@code bridge_messages_total{flow="products-export"}}.
 */
@Component
public class ProductMetrics {

    static final List<String> STATES = List.of(ProductLedger.PENDING, ProductLedger.QUEUED, ProductLedger.EXPORTED,
            ProductLedger.FAILED);

    /** Held here: a gauge keeps only a weak reference to what it reads. */
    private final Expiring<Map<String, Long>> counts;

    public ProductMetrics(ProductLedger ledger, ProductExportService exports, MeterRegistry meters) {
        this.counts = new Expiring<>(Duration.ofSeconds(5), ledger::countsByState);
        for (String state : STATES) {
            Gauge.builder("bridge.products.ledger", counts, reused -> reused.get().getOrDefault(state, 0L))
                    .description("Products (per destination) in the ledger by export state")
                    .tag("state", state)
                    .register(meters);
        }
        Gauge.builder("bridge.products.last.export", exports, service -> {
                    OffsetDateTime last = service.lastSuccess();
                    return last == null ? 0 : last.toEpochSecond();
                })
                .description("When the back office last accepted products on this node (epoch seconds; 0: not yet)")
                .baseUnit("seconds")
                .register(meters);
    }
}
