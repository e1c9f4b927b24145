package com.magentobridge.ops;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Read side of the order ledger for ops (the extension's export grids, Mage2Plenty's sync log): orders with their
 * export state and reason (a parked order names the missing mapping key), one order's versions and export results,
 * and the export history.
 */
@Repository
public class OrderAudit {

    public record OrderSummary(long entityId, String incrementId, String storeCode, int storeId, String status,
                               OffsetDateTime magentoUpdatedAt, String exportState, String exportReason,
                               String exportedStatus, OffsetDateTime exportedAt) { }

    public record Version(OffsetDateTime magentoUpdatedAt, String status, String change, OffsetDateTime importedAt) { }

    public record ExportLine(long exportId, String result, String message, OffsetDateTime processedAt) { }

    public record OrderDetail(OrderSummary order, List<Version> versions, List<ExportLine> exports) { }

    public record Export(long id, String adapter, String messageId, int orders, int successes, int duplicates,
                         int failures, String error, OffsetDateTime startedAt, OffsetDateTime processedAt) { }

    private static final String SUMMARY_COLUMNS = """
            entity_id, increment_id, store_code, store_id, status, magento_updated_at, export_state, export_reason,
            exported_status, exported_at""";

    private final NamedParameterJdbcTemplate jdbc;

    public OrderAudit(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<OrderSummary> list(String exportState, int limit) {
        return jdbc.query("SELECT " + SUMMARY_COLUMNS + """
                 FROM order_ledger
                WHERE (CAST(:state AS VARCHAR(16)) IS NULL OR export_state = :state)
                ORDER BY magento_updated_at DESC, entity_id DESC
                FETCH FIRST :limit ROWS ONLY""",
                new MapSqlParameterSource().addValue("state", exportState == null ? null : exportState.toUpperCase())
                        .addValue("limit", limit), (rs, i) -> summary(rs));
    }

    public Optional<OrderDetail> find(String incrementId) {
        List<OrderSummary> found = jdbc.query("SELECT " + SUMMARY_COLUMNS
                + " FROM order_ledger WHERE increment_id = :number ORDER BY entity_id DESC",
                Map.of("number", incrementId), (rs, i) -> summary(rs));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        OrderSummary order = found.get(0);
        List<Version> versions = jdbc.query("""
                SELECT magento_updated_at, status, change_summary, imported_at FROM order_version
                WHERE entity_id = :id ORDER BY magento_updated_at""", Map.of("id", order.entityId()),
                (rs, i) -> new Version(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)));
        List<ExportLine> exports = exportLines("order", List.of(order.entityId()));
        return Optional.of(new OrderDetail(order, versions, exports));
    }

    public List<Export> exports(int limit) {
        return exports("order", limit);
    }

    /** The export history of orders or products ({@code entity} "order" or "product"), newest first. */
    public List<Export> exports(String entity, int limit) {
        return jdbc.query("""
                SELECT id, adapter, message_id, order_count, successes, duplicates, failures, error, started_at,
                       processed_at
                FROM order_export WHERE entity = :entity ORDER BY id DESC FETCH FIRST :limit ROWS ONLY""",
                Map.of("entity", entity, "limit", limit),
                (rs, i) -> new Export(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class),
                        rs.getObject(10, OffsetDateTime.class)));
    }

    /** The export results of these ledger rows (orders or products), oldest first. */
    public List<ExportLine> exportLines(String entity, List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT l.export_id, l.result, l.message, e.processed_at FROM order_export_line l
                JOIN order_export e ON e.id = l.export_id WHERE l.entity_id IN (:ids) AND e.entity = :entity
                ORDER BY l.export_id""",
                Map.of("ids", ids, "entity", entity), (rs, i) -> new ExportLine(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getObject(4, OffsetDateTime.class)));
    }

    /** Orders per export state, for the flow status and metrics. */
    public Map<String, Long> countsByState() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT export_state, COUNT(*) FROM order_ledger GROUP BY export_state", Map.of(), rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private static OrderSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new OrderSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getObject(6, OffsetDateTime.class), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getObject(10, OffsetDateTime.class));
    }
}
