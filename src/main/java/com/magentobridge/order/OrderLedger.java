package com.magentobridge.order;

import com.magentobridge.storage.Columns;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.magentobridge.storage.ImportCursors;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.SqlDialect;

/** SQL for the order ledger, its versions (the import's idempotency key), the import cursors and export history. */
@Repository
public class OrderLedger {

    /** The ledger's view of an order, as far as import and export decisions need it. */
    public record Entry(long entityId, String incrementId, String status, Instant updatedAt, String exportState,
                        String exportedStatus, String payload, String fingerprint) { }

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final ImportCursors cursors;

    public OrderLedger(NamedParameterJdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.cursors = new ImportCursors(jdbc, "order_import_cursor");
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public Optional<Instant> cursor(String storeCode) {
        return cursors.cursor(storeCode);
    }

    /** Moves the store's cursor to {@code to} unless it is already there or later. */
    public void advanceCursor(String storeCode, Instant to) {
        cursors.advance(storeCode, to);
    }

    /** Records a version; false when this (entity_id, updated_at) was read before (nothing to do). */
    public boolean recordVersion(long entityId, Instant updatedAt, String fingerprint, String status, String summary) {
        String insert = """
                INSERT INTO order_version (entity_id, magento_updated_at, fingerprint, status, change_summary, imported_at)
                VALUES (:id, :updated, :fingerprint, :status, :summary, :now)""";
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("id", entityId)
                .addValue("updated", utc(updatedAt)).addValue("fingerprint", fingerprint).addValue("status", status)
                .addValue("summary", Columns.fit(summary)).addValue("now", InboxStore.now());
        if (dialect.isPostgres()) {
            return jdbc.update(insert + " ON CONFLICT DO NOTHING", params) == 1;
        }
        try {
            return jdbc.update(insert, params) == 1;
        } catch (DuplicateKeyException seen) {
            return false;
        }
    }

    public Optional<Entry> find(long entityId) {
        List<Entry> found = jdbc.query("""
                SELECT entity_id, increment_id, status, magento_updated_at, export_state, exported_status, payload,
                       fingerprint
                FROM order_ledger WHERE entity_id = :id""", Map.of("id", entityId),
                (rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getString(8)));
        return found.stream().findFirst();
    }

    public void insert(String storeCode, CanonicalOrder order, String payload, ExportDecision decision) {
        OffsetDateTime now = InboxStore.now();
        jdbc.update("""
                INSERT INTO order_ledger (entity_id, store_code, store_id, increment_id, state, status, magento_updated_at,
                                          magento_created_at, payload, fingerprint, export_state, export_reason,
                                          imported_at, changed_at)
                VALUES (:id, :store, :storeId, :increment, :state, :status, :updated, :created, :payload, :fingerprint,
                        :exportState, :reason, :now, :now)""",
                orderParams(storeCode, order, payload).addValue("exportState", decision.state())
                        .addValue("reason", Columns.fit(decision.reason())).addValue("now", now));
    }

    /** A newer version of a known order; the export state is replaced only when {@code decision} is given. */
    public void update(String storeCode, CanonicalOrder order, String payload, ExportDecision decision) {
        MapSqlParameterSource params = orderParams(storeCode, order, payload).addValue("now", InboxStore.now());
        if (decision == null) {
            jdbc.update("""
                    UPDATE order_ledger SET store_code = :store, store_id = :storeId, increment_id = :increment,
                           state = :state, status = :status, magento_updated_at = :updated, payload = :payload,
                           fingerprint = :fingerprint, changed_at = :now
                    WHERE entity_id = :id""", params);
        } else {
            jdbc.update("""
                    UPDATE order_ledger SET store_code = :store, store_id = :storeId, increment_id = :increment,
                           state = :state, status = :status, magento_updated_at = :updated, payload = :payload,
                           fingerprint = :fingerprint, export_state = :exportState, export_reason = :reason,
                           changed_at = :now
                    WHERE entity_id = :id""", params.addValue("exportState", decision.state())
                    .addValue("reason", Columns.fit(decision.reason())));
        }
    }

    private static MapSqlParameterSource orderParams(String storeCode, CanonicalOrder order, String payload) {
        return new MapSqlParameterSource().addValue("id", order.entityId()).addValue("store", storeCode)
                .addValue("storeId", order.storeId()).addValue("increment", order.incrementId())
                .addValue("state", order.state()).addValue("status", order.status())
                .addValue("updated", utc(order.updatedAt())).addValue("created", utc(order.createdAt()))
                .addValue("payload", payload).addValue("fingerprint", OrderImporter.fingerprint(payload));
    }

    /** Replaces the units per SKU the order still holds back (for inventory adjustment level 1). */
    public void replaceOpenUnits(long entityId, Map<String, java.math.BigDecimal> units) {
        jdbc.update("DELETE FROM order_open_units WHERE entity_id = :id", Map.of("id", entityId));
        if (units.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO order_open_units (entity_id, sku, units) VALUES (:id, :sku, :units)",
                units.entrySet().stream().map(entry -> new MapSqlParameterSource().addValue("id", entityId)
                        .addValue("sku", entry.getKey()).addValue("units", entry.getValue()))
                        .toArray(org.springframework.jdbc.core.namedparam.SqlParameterSource[]::new));
    }

    /**
     * Units per SKU held back by orders not exported yet, in the given statuses, created since {@code since}
     * (inventory adjustment level 1).
     */
    public Map<String, Long> unsentUnits(java.util.Collection<String> skus, java.util.Collection<String> statuses,
                                         Instant since) {
        Map<String, Long> units = new java.util.HashMap<>();
        if (skus.isEmpty() || statuses.isEmpty()) {
            return units;
        }
        List<String> all = List.copyOf(skus);
        for (int from = 0; from < all.size(); from += 500) {
            jdbc.query("""
                    SELECT u.sku, SUM(u.units) FROM order_open_units u JOIN order_ledger l ON l.entity_id = u.entity_id
                    WHERE u.sku IN (:skus) AND l.status IN (:statuses) AND l.magento_created_at >= :since
                      AND l.export_state NOT IN ('EXPORTED', 'UPDATE', 'QUEUED_UPDATE')
                    GROUP BY u.sku""",
                    Map.of("skus", all.subList(from, Math.min(all.size(), from + 500)), "statuses", statuses,
                            "since", utc(since)),
                    rs -> {
                        units.put(rs.getString(1), rs.getBigDecimal(2).setScale(0, java.math.RoundingMode.CEILING)
                                .longValueExact());
                    });
        }
        return units;
    }

}
