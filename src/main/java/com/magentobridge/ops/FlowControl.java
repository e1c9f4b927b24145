package com.magentobridge.ops;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import com.magentobridge.inventory.AppliedSequences;
import com.magentobridge.flow.Flow;

/**
 * Pause and resume a flow's processing (e.g. during a Magento maintenance window: messages are still received
 * and acknowledged, nothing is written), and the flow's inbox depth for ops.
 */
@Component
public class FlowControl {

    public record FlowStatus(String flow, String processing, Map<String, Long> requests, OffsetDateTime oldestWaiting,
                             long openDeadLetters) { }

    private final CamelContext camel;
    private final NamedParameterJdbcTemplate jdbc;
    private final AppliedSequences sequences;

    public FlowControl(CamelContext camel, NamedParameterJdbcTemplate jdbc, AppliedSequences sequences) {
        this.camel = camel;
        this.jdbc = jdbc;
        this.sequences = sequences;
    }

    /** Folds the applied-sequence log now instead of at the next scheduled run (e.g. before a backup). */
    public Map<String, Object> foldSequences(String flow) {
        route(flow);
        return Map.of("flow", flow, "folded", sequences.fold());
    }

    public FlowStatus status(String flow) {
        String route = route(flow);
        ServiceStatus processing = camel.getRouteController().getRouteStatus(route);
        Map<String, Long> requests = new LinkedHashMap<>();
        jdbc.query("SELECT state, COUNT(*) FROM inbound_request WHERE flow = :flow GROUP BY state ORDER BY state",
                Map.of("flow", flow), rs -> {
                    requests.put(rs.getString(1), rs.getLong(2));
                });
        OffsetDateTime oldest = jdbc.query("""
                SELECT MIN(received_at) FROM inbound_request WHERE flow = :flow AND state IN ('RECEIVED', 'PROCESSING')""",
                Map.of("flow", flow), rs -> rs.next() ? rs.getObject(1, OffsetDateTime.class) : null);
        Long open = jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE flow = :flow AND state = 'OPEN'",
                Map.of("flow", flow), Long.class);
        return new FlowStatus(flow, processing == null ? "Unknown" : processing.name(), requests, oldest,
                open == null ? 0 : open);
    }

    public FlowStatus pause(String flow) throws Exception {
        camel.getRouteController().suspendRoute(route(flow));
        return status(flow);
    }

    public FlowStatus resume(String flow) throws Exception {
        String route = route(flow);
        camel.getRouteController().resumeRoute(route);
        PollNow.queue(camel.getRoute(route));
        return status(flow);
    }

    /** The scheduled route that processes the flow's inbox (or polls, for the order import). */
    private static String route(String flow) {
        return Flow.byId(flow).map(Flow::processingRoute).orElseThrow(() -> new IllegalArgumentException(
                "Unknown flow '" + flow + "'; flows: " + Flow.ids()));
    }
}
