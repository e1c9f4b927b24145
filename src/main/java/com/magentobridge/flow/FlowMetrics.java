package com.magentobridge.flow;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import com.magentobridge.flow.LineResult;

/**
 * What happens to the flows' messages, as the counter {@code bridge_messages_total{flow, result}} in Prometheus. Each
 * flow counts in the unit it records results in: inventory and shipment lines, order status messages, orders read
 * from Magento (orders-import), orders sent to the back office (orders-export); {@code dead_lettered} and
 * {@code replayed} count dead letters (a chunk, a message or an export call). Counted where the result is committed,
 * so a rolled-back batch counts nothing; a replay records its lines' results again.
 */
@Component
public class FlowMetrics {

    public static final List<String> FLOWS = Flow.ids();

    /** The {@code result} tag. */
    public enum Result {
        RECEIVED, APPLIED, DUPLICATE, SUPERSEDED, FAILED, DEAD_LETTERED, REPLAYED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** A recorded line result: Success is counted as applied. */
        public static Result of(LineResult result) {
            return switch (result) {
                case Success -> APPLIED;
                case Duplicate -> DUPLICATE;
                case Superseded -> SUPERSEDED;
                case Failed -> FAILED;
            };
        }
    }

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public FlowMetrics(MeterRegistry meters) {
        this.meters = meters;
        // every flow and result from the start, so a rate() over a result that has not happened yet reads 0
        for (String flow : FLOWS) {
            for (Result result : Result.values()) {
                counter(flow, result);
            }
        }
    }

    public void count(String flow, Result result, long amount) {
        if (amount > 0) {
            counter(flow, result).increment(amount);
        }
    }

    /** Each recorded line result counted once. */
    public void countLines(String flow, Collection<LineResult> results) {
        for (LineResult result : results) {
            counter(flow, Result.of(result)).increment();
        }
    }

    /** A dead letter of this flow parked (dead letters carry the flow they belong to). */
    public void deadLettered(String flow) {
        counter(flow, Result.DEAD_LETTERED).increment();
    }

    /** A dead letter of this flow replayed successfully. */
    public void replayed(String flow) {
        counter(flow, Result.REPLAYED).increment();
    }

    private Counter counter(String flow, Result result) {
        return counters.computeIfAbsent(flow + '/' + result.tag(), key -> Counter.builder("bridge.messages")
                .description("Messages (lines, orders) received and their results, per flow; dead letters parked and "
                        + "replayed")
                .tag("flow", flow)
                .tag("result", result.tag())
                .register(meters));
    }
}
