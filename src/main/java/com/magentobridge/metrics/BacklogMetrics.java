package com.magentobridge.metrics;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import com.magentobridge.storage.DeadLetterStore;
import com.magentobridge.flow.Expiring;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.Flow;

/**
 * What is waiting, as gauges: per inbox flow the messages received and not processed yet
 * ({@code bridge_inbox_depth{flow}}) and how long the oldest of them has waited
 * ({@code bridge_inbox_oldest_age_seconds{flow}}, 0 when none waits); per flow the dead letters open or being replayed
 * ({@code bridge_dead_letters{flow, state}}). One query for the inboxes and one for the dead letters serve every gauge
 * of a scrape (reused for a few seconds); both read only the rows still waiting, through the tables' state indexes.
 */
@Component
public class BacklogMetrics {

    /** The flows with an inbox (the order flows read Magento and the ledger: see bridge_orders_ledger). */
    static final List<String> INBOX_FLOWS =
            List.of(Flow.INVENTORY.id(), Flow.SHIPMENT.id(), Flow.ORDERSTATUS.id());
    static final List<String> DEAD_LETTER_STATES = List.of(DeadLetterStore.OPEN, DeadLetterStore.REPLAYING);
    private static final Duration REUSE = Duration.ofSeconds(5);

    /** One flow's waiting messages. */
    record Waiting(long count, OffsetDateTime oldest) {
        static final Waiting NONE = new Waiting(0, null);
    }

    private final NamedParameterJdbcTemplate jdbc;
    private final Expiring<Map<String, Waiting>> inboxes;
    private final Expiring<Map<String, Long>> deadLetters;

    public BacklogMetrics(NamedParameterJdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.inboxes = new Expiring<>(REUSE, this::waiting);
        this.deadLetters = new Expiring<>(REUSE, this::deadLettersByFlowAndState);
        for (String flow : INBOX_FLOWS) {
            Gauge.builder("bridge.inbox.depth", inboxes,
                            reused -> reused.get().getOrDefault(flow, Waiting.NONE).count())
                    .description("Messages received and not processed yet")
                    .tag("flow", flow)
                    .register(meters);
            Gauge.builder("bridge.inbox.oldest.age", inboxes,
                            reused -> ageSeconds(reused.get().getOrDefault(flow, Waiting.NONE).oldest()))
                    .description("How long the oldest message not processed yet has waited (0: none waits)")
                    .baseUnit("seconds")
                    .tag("flow", flow)
                    .register(meters);
        }
        for (String flow : FlowMetrics.FLOWS) {
            for (String state : DEAD_LETTER_STATES) {
                Gauge.builder("bridge.dead.letters", deadLetters,
                                reused -> reused.get().getOrDefault(flow + '/' + state, 0L))
                        .description("Dead letters waiting for ops (OPEN) or being replayed (REPLAYING)")
                        .tag("flow", flow)
                        .tag("state", state)
                        .register(meters);
            }
        }
    }

    private Map<String, Waiting> waiting() {
        Map<String, Waiting> waiting = new HashMap<>();
        jdbc.query("""
                SELECT flow, COUNT(*), MIN(received_at) FROM inbound_request
                WHERE flow IN (:flows) AND state IN ('RECEIVED', 'PROCESSING')
                GROUP BY flow""", Map.of("flows", INBOX_FLOWS), rs -> {
                    waiting.put(rs.getString(1), new Waiting(rs.getLong(2), rs.getObject(3, OffsetDateTime.class)));
                });
        return waiting;
    }

    private Map<String, Long> deadLettersByFlowAndState() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("""
                SELECT flow, state, COUNT(*) FROM dead_letter
                WHERE state IN (:states)
                GROUP BY flow, state""", Map.of("states", DEAD_LETTER_STATES), rs -> {
                    counts.merge(rs.getString(1) + '/' + rs.getString(2), rs.getLong(3), Long::sum);
                });
        return counts;
    }

    private static double ageSeconds(OffsetDateTime oldest) {
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, Duration.between(oldest, InboxStore.now()).toMillis() / 1000.0);
    }
}
