package com.magentobridge.ops;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.magentobridge.inventory.InventoryStore;
import com.magentobridge.flow.Flow;

/**
 * What the ops console shows per flow: processing state, inbox depth and oldest waiting, results over a window, the
 * last runs, the latest failures and the open dead letters. Reuses the audit and flow-control reads where they exist;
 * the queries here run unchanged on H2 and PostgreSQL.
 */
@Repository
public class FlowSummary {

    /** One processed request, export call or import cursor, with its counts. */
    public record Run(String ref, String label, String state, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                      Map<String, ? extends Number> counts, String note) { }

    /** A line or order that failed: which request or export, what (SKU, order), why, when. */
    public record Failure(String ref, String subject, String message, OffsetDateTime at) { }

    /**
     * @param inboxDepth      received and not processed yet (orders: waiting for an export batch); null for a poll
     * @param results         per result over the window: lines of the messages received in it, results of the export
     *                        calls made in it, order versions imported in it by Magento status
     * @param states          orders or products per ledger export state (the export flows only)
     * @param lastSuccessAt   the export flows: when the back office last took an order or product (success or
     *                        duplicate), by any node; null if never
     * @param deadLetterFlow  the name its dead letters are filed under; null when the flow parks none
     */
    public record Flow(String flow, String processing, Long inboxDepth, OffsetDateTime oldestPendingAt,
                       Long oldestPendingSeconds, Map<String, Long> results, Map<String, Long> states,
                       OffsetDateTime lastSuccessAt, List<Run> lastRuns, List<Failure> recentFailures,
                       long openDeadLetters, String deadLetterFlow) { }

    public record Summary(OffsetDateTime generatedAt, OffsetDateTime since, List<Flow> flows) { }

    static final String INVENTORY = "inventory";
    static final String SHIPMENT = "shipment";
    static final String ORDER_STATUS = "orderstatus";
    static final String ORDERS_IMPORT = "orders-import";
    static final String ORDERS_EXPORT = "orders-export";
    static final String PRODUCTS_EXPORT = "products-export";

    /** A flow as the console shows it, with the name its dead letters carry (the failing route's prefix). */
    private record ShownFlow(String flow, String deadLetterFlow) { }

    /** In display order; a failed order-import poll is retried by the next one, so it parks nothing. */
    private static final List<ShownFlow> FLOWS = List.of(new ShownFlow(INVENTORY, "inventory"),
            new ShownFlow(SHIPMENT, "shipment"), new ShownFlow(ORDER_STATUS, "orderstatus"),
            new ShownFlow(ORDERS_IMPORT, null), new ShownFlow(ORDERS_EXPORT, ORDERS_EXPORT),
            new ShownFlow(PRODUCTS_EXPORT, PRODUCTS_EXPORT));

    /** An export flow's ledger and its entity in the shared export history (order_export.entity). */
    private record ExportedEntity(String ledger, String entity, String plural) { }

    private static final Map<String, ExportedEntity> EXPORTED = Map.of(
            ORDERS_EXPORT, new ExportedEntity("order_ledger", "order", "orders"),
            PRODUCTS_EXPORT, new ExportedEntity("product_ledger", "product", "products"));

    /** The two line-table queries of an inbox flow: results in the window, and the latest failed lines (inventory's are
     * packed per request: InventoryStore reads them). */
    private record LineQueries(String results, String failures) { }

    private static final Map<String, LineQueries> LINE_QUERIES = Map.of(
            SHIPMENT, new LineQueries("""
                    SELECT l.result, COUNT(*) FROM inbound_request r JOIN shipment_line l ON l.request_id = r.id
                    WHERE r.flow = :flow AND r.received_at >= :since GROUP BY l.result""", """
                    SELECT r.id, l.sku, l.message, l.processed_at
                    FROM inbound_request r JOIN shipment_line l ON l.request_id = r.id
                    WHERE r.flow = :flow AND r.received_at >= :since AND l.result = 'Failed'
                    ORDER BY l.processed_at DESC, l.id DESC FETCH FIRST :limit ROWS ONLY"""),
            ORDER_STATUS, new LineQueries("""
                    SELECT s.result, COUNT(*) FROM inbound_request r JOIN order_status_result s ON s.request_id = r.id
                    WHERE r.flow = :flow AND r.received_at >= :since GROUP BY s.result""", """
                    SELECT r.id, s.increment_id, s.message, s.processed_at
                    FROM inbound_request r JOIN order_status_result s ON s.request_id = r.id
                    WHERE r.flow = :flow AND r.received_at >= :since AND s.result = 'Failed'
                    ORDER BY s.processed_at DESC, r.id DESC FETCH FIRST :limit ROWS ONLY"""));

    private static final String OPEN_DEAD_LETTERS = """
            SELECT flow, COUNT(*) FROM dead_letter WHERE state = 'OPEN' GROUP BY flow""";

    private static final String IMPORTED_VERSIONS = """
            SELECT COALESCE(status, '(none)'), COUNT(*) FROM order_version WHERE imported_at >= :since GROUP BY status""";

    private static final String IMPORT_CURSORS = """
            SELECT store_code, cursor_at, moved_at FROM order_import_cursor
            ORDER BY moved_at DESC, store_code FETCH FIRST :limit ROWS ONLY""";

    /** %s: the flow's ledger table (a fixed name from {@link #EXPORTED}, never input). */
    private static final String LEDGER_STATES = "SELECT export_state, COUNT(*) FROM %s GROUP BY export_state";

    private static final String OLDEST_UNEXPORTED = """
            SELECT MIN(changed_at) FROM %s WHERE export_state IN ('PENDING', 'QUEUED')""";

    private static final String EXPORT_RESULTS = """
            SELECT l.result, COUNT(*) FROM order_export e JOIN order_export_line l ON l.export_id = e.id
            WHERE e.processed_at >= :since AND e.entity = :entity GROUP BY l.result""";

    private static final String EXPORT_FAILURES = """
            SELECT e.id, l.increment_id, l.message, e.processed_at
            FROM order_export e JOIN order_export_line l ON l.export_id = e.id
            WHERE e.processed_at >= :since AND e.entity = :entity AND l.result = 'Failed'
            ORDER BY e.id DESC, l.entity_id DESC FETCH FIRST :limit ROWS ONLY""";

    private static final String LAST_SUCCESS = """
            SELECT MAX(processed_at) FROM order_export
            WHERE entity = :entity AND successes + duplicates > 0""";

    private final NamedParameterJdbcTemplate jdbc;
    private final FlowControl flows;
    private final RequestAudit requests;
    private final OrderAudit orders;
    private final InventoryStore inventory;

    public FlowSummary(NamedParameterJdbcTemplate jdbc, FlowControl flows, RequestAudit requests, OrderAudit orders,
                       InventoryStore inventory) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.flows = flows;
        this.requests = requests;
        this.orders = orders;
    }

    /** Every flow, with results and failures of the last {@code window} and at most {@code limit} runs and failures. */
    public Summary summarize(Duration window, int limit) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime since = now.minus(window);
        Map<String, Long> openDeadLetters = countBy(OPEN_DEAD_LETTERS, new MapSqlParameterSource());
        List<Flow> summaries = new ArrayList<>();
        for (ShownFlow shown : FLOWS) {
            String deadLetterFlow = shown.deadLetterFlow();
            long open = deadLetterFlow == null ? 0 : openDeadLetters.getOrDefault(deadLetterFlow, 0L);
            FlowControl.FlowStatus status = flows.status(shown.flow());
            summaries.add(switch (shown.flow()) {
                case ORDERS_IMPORT -> importFlow(status, since, limit);
                case ORDERS_EXPORT, PRODUCTS_EXPORT -> exportFlow(status, EXPORTED.get(shown.flow()), now, since,
                        limit, open, deadLetterFlow);
                default -> inboxFlow(status, now, since, limit, open, deadLetterFlow);
            });
        }
        return new Summary(now, since, summaries);
    }

    private Flow inboxFlow(FlowControl.FlowStatus status, OffsetDateTime now, OffsetDateTime since, int limit,
                           long openDeadLetters, String deadLetterFlow) {
        String flow = status.flow();
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("flow", flow).addValue("since", since)
                .addValue("limit", limit);
        long depth = status.requests().getOrDefault("RECEIVED", 0L) + status.requests().getOrDefault("PROCESSING", 0L);
        List<Run> runs = requests.list(flow, "PROCESSED", null, limit).stream()
                .map(r -> new Run(Long.toString(r.id()), "message " + r.messageSeqId(), r.state(), r.receivedAt(),
                        r.processedAt(), r.results(), null))
                .toList();
        Map<String, Long> results;
        List<Failure> failures;
        if (INVENTORY.equals(flow)) {
            results = new TreeMap<>(inventory.resultsReceivedSince(since));
            failures = inventory.recentFailures(since, limit).stream().map(line -> new Failure(
                    Long.toString(line.requestId()), line.sku(), line.message(), line.at())).toList();
        } else {
            LineQueries queries = LINE_QUERIES.get(flow);
            results = countBy(queries.results(), params);
            failures = failures(queries.failures(), params);
        }
        return new Flow(flow, status.processing(), depth, status.oldestWaiting(), ageSeconds(status.oldestWaiting(), now),
                results, null, null, runs, failures, openDeadLetters, deadLetterFlow);
    }

    private Flow importFlow(FlowControl.FlowStatus status, OffsetDateTime since, int limit) {
        List<Run> cursors = jdbc.query(IMPORT_CURSORS, new MapSqlParameterSource("limit", limit), (rs, i) -> new Run(
                rs.getString(1), "store " + rs.getString(1), "POLLED", null, rs.getObject(3, OffsetDateTime.class),
                Map.of(), "orders read up to " + rs.getObject(2, OffsetDateTime.class)));
        return new Flow(status.flow(), status.processing(), null, null, null,
                countBy(IMPORTED_VERSIONS, new MapSqlParameterSource("since", since)), null, null, cursors, List.of(),
                0, null);
    }

    private Flow exportFlow(FlowControl.FlowStatus status, ExportedEntity exported, OffsetDateTime now,
                            OffsetDateTime since, int limit, long openDeadLetters, String deadLetterFlow) {
        Map<String, Long> states = countBy(LEDGER_STATES.formatted(exported.ledger()), new MapSqlParameterSource());
        long depth = states.getOrDefault("PENDING", 0L) + states.getOrDefault("QUEUED", 0L);
        OffsetDateTime oldest = depth == 0 ? null : jdbc.query(OLDEST_UNEXPORTED.formatted(exported.ledger()),
                Map.of(), rs -> rs.next() ? rs.getObject(1, OffsetDateTime.class) : null);
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("since", since).addValue("limit", limit)
                .addValue("entity", exported.entity());
        OffsetDateTime lastSuccess = jdbc.query(LAST_SUCCESS, params,
                rs -> rs.next() ? rs.getObject(1, OffsetDateTime.class) : null);
        List<Run> runs = orders.exports(exported.entity(), limit).stream().map(e -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            counts.put(exported.plural(), e.orders());
            counts.put("successes", e.successes());
            counts.put("duplicates", e.duplicates());
            counts.put("failures", e.failures());
            return new Run(Long.toString(e.id()), "export " + (e.messageId() == null ? "#" + e.id() : e.messageId()),
                    e.error() == null ? "DONE" : "FAILED", e.startedAt(), e.processedAt(), counts, e.error());
        }).toList();
        return new Flow(status.flow(), status.processing(), depth, oldest, ageSeconds(oldest, now),
                countBy(EXPORT_RESULTS, params), states, lastSuccess, runs, failures(EXPORT_FAILURES, params),
                openDeadLetters, deadLetterFlow);
    }

    private Map<String, Long> countBy(String sql, MapSqlParameterSource params) {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query(sql, params, rs -> {
            counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
        });
        return counts;
    }

    private List<Failure> failures(String sql, MapSqlParameterSource params) {
        return jdbc.query(sql, params, (rs, i) -> new Failure(Long.toString(rs.getLong(1)), rs.getString(2),
                rs.getString(3), rs.getObject(4, OffsetDateTime.class)));
    }

    private static Long ageSeconds(OffsetDateTime oldest, OffsetDateTime now) {
        return oldest == null ? null : Math.max(0, Duration.between(oldest, now).toSeconds());
    }
}
