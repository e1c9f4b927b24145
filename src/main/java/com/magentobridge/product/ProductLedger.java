package com.magentobridge.product;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import com.magentobridge.storage.Columns;
import com.magentobridge.storage.ExportLedger;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.SqlDialect;

/**
 * SQL for the product ledger: one row per product and destination with what was last read (payload, fingerprint)
 * and what the back office last accepted (exported_fingerprint). Named parameters only.
 *
 * <p>What a read does to a row ({@link #apply}): a new row is PENDING (FAILED when the mapping refuses it); a QUEUED
 * row only takes the new content (the batch sending it settles it against what it sent); a PENDING row stays PENDING
 * (ops may have asked for it); content the back office already has is EXPORTED (nothing to send); content that failed
 * before stays FAILED (it is not re-sent every poll); other new content is PENDING.
 *
 * <p>Reads are applied one page at a time across the cluster: polls, sweeps and manual reads on several nodes read the
 * same products, and each decides from the rows as they are once the earlier page committed (two inserts of one new
 * product, or a stale PENDING written over a row a batch has just claimed, would send it twice).
 */
public class ProductLedger {

    public static final String PENDING = "PENDING";
    public static final String QUEUED = "QUEUED";
    public static final String EXPORTED = "EXPORTED";
    public static final String FAILED = "FAILED";

    /** The product ledger in the export life cycle every export shares. */
    public static final ExportLedger.Table PRODUCTS = new ExportLedger.Table("product_ledger", "id", "sku", "payload",
            "product");

    /** One product read for one destination: its mapped payload and fingerprint, or the mapping's failure. */
    public record Read(String sku, long productId, Instant updatedAt, ProductDestinations.Destination destination,
                       String payload, String fingerprint, String failure) { }

    /** What applying reads changed. */
    public record Applied(int pending, int unchanged, int failed) { }

    private record Row(long id, String state, String fingerprint, String exportedFingerprint) { }

    /** PostgreSQL's transaction-level advisory lock key of the ledger's writers (any fixed number; "PRODLEDG"). */
    private static final long APPLY_LOCK = 0x50524F444C454447L;

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;

    public ProductLedger(NamedParameterJdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Applies a page of reads (in one transaction, the caller's). A product read twice in one page (a configurable's
     * child is read through its parent too) counts once, as last read. On PostgreSQL the transaction first takes the
     * ledger's apply lock (released when it ends), so another node's page is applied before or after this one, never
     * in between; in one process the callers take turns (embedded H2 has no other writer). The rows it changes are read
     * again locked until the caller commits (a batch's claim skips them, its record waits), so what it writes follows
     * from their current state; unchanged rows are not locked.
     */
    public Applied apply(List<Read> page) {
        Map<String, Read> distinct = new java.util.LinkedHashMap<>();
        page.forEach(read -> distinct.put(read.sku() + "\n" + read.destination().key(), read));
        List<Read> reads = List.copyOf(distinct.values());
        if (reads.isEmpty()) {
            return new Applied(0, 0, 0);
        }
        if (dialect.isPostgres()) {
            jdbc.query("SELECT pg_advisory_xact_lock(:key)", Map.of("key", APPLY_LOCK), rs -> { });
        }
        Map<String, Row> existing = rows("sku IN (:skus)",
                Map.of("skus", reads.stream().map(Read::sku).distinct().toList()));
        // the rows this page changes, read again locked (in id order): a batch may have claimed one since
        List<Long> toLock = new ArrayList<>();
        for (Read read : reads) {
            Row row = existing.get(read.sku() + "\n" + read.destination().key());
            if (row != null && (!read.fingerprint().equals(row.fingerprint())
                    || !nextState(row, read).equals(row.state()))) {
                toLock.add(row.id());
            }
        }
        if (!toLock.isEmpty()) {
            existing.putAll(rows("id IN (:ids) ORDER BY id FOR UPDATE", Map.of("ids", toLock)));
        }
        OffsetDateTime now = InboxStore.now();
        List<SqlParameterSource> inserts = new ArrayList<>();
        List<SqlParameterSource> updates = new ArrayList<>();
        int pending = 0;
        int unchanged = 0;
        int failed = 0;
        for (Read read : reads) {
            Row row = existing.get(read.sku() + "\n" + read.destination().key());
            String state = nextState(row, read);
            MapSqlParameterSource params = new MapSqlParameterSource().addValue("sku", read.sku())
                    .addValue("destination", read.destination().key())
                    .addValue("organisation", read.destination().organisation())
                    .addValue("channel", read.destination().channel()).addValue("productId", read.productId())
                    .addValue("updated", read.updatedAt() == null ? null : read.updatedAt().atOffset(ZoneOffset.UTC))
                    .addValue("payload", read.payload()).addValue("fingerprint", read.fingerprint())
                    .addValue("state", state).addValue("reason", Columns.fit(reason(row, read, state)))
                    .addValue("now", now);
            if (row == null) {
                inserts.add(params);
            } else {
                boolean changed = !read.fingerprint().equals(row.fingerprint()) || !state.equals(row.state());
                if (!changed) {
                    unchanged++;
                    continue;
                }
                updates.add(params.addValue("id", row.id()).addValue("changed", true));
            }
            switch (state) {
                case PENDING -> pending++;
                case FAILED -> failed++;
                default -> unchanged++;
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO product_ledger (sku, destination, organisation, channel, product_id, magento_updated_at,
                                                payload, fingerprint, export_state, export_reason, read_at, changed_at)
                    VALUES (:sku, :destination, :organisation, :channel, :productId, :updated, :payload, :fingerprint,
                            :state, :reason, :now, :now)""", inserts.toArray(SqlParameterSource[]::new));
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("""
                    UPDATE product_ledger SET product_id = :productId, magento_updated_at = :updated, payload = :payload,
                           fingerprint = :fingerprint, export_state = :state, export_reason = :reason, read_at = :now,
                           changed_at = :now
                    WHERE id = :id""", updates.toArray(SqlParameterSource[]::new));
        }
        return new Applied(pending, unchanged, failed);
    }

    /** Ledger rows by SKU and destination, {@code where} the condition (with its order and locking). */
    private Map<String, Row> rows(String where, Map<String, ?> params) {
        Map<String, Row> rows = new HashMap<>();
        jdbc.query("SELECT id, sku, destination, export_state, fingerprint, exported_fingerprint FROM product_ledger"
                + " WHERE " + where, params, rs -> {
            rows.put(rs.getString(2) + "\n" + rs.getString(3),
                    new Row(rs.getLong(1), rs.getString(4), rs.getString(5), rs.getString(6)));
        });
        return rows;
    }

    private static String nextState(Row row, Read read) {
        if (row != null && QUEUED.equals(row.state())) {
            return QUEUED;
        }
        if (read.failure() != null) {
            return FAILED;
        }
        if (row == null || PENDING.equals(row.state())) {
            // a pending product (changed, or reset or asked for by ops) is sent, with what was read last
            return PENDING;
        }
        if (read.fingerprint().equals(row.exportedFingerprint())) {
            return EXPORTED;
        }
        if (FAILED.equals(row.state()) && read.fingerprint().equals(row.fingerprint())) {
            return FAILED;
        }
        return PENDING;
    }

    private static String reason(Row row, Read read, String state) {
        return switch (state) {
            case FAILED -> read.failure() != null ? "Not sent: " + read.failure() : null;
            case PENDING -> row == null ? "New in Magento" : "Changed in Magento";
            case EXPORTED -> "Unchanged since the last export";
            default -> null;
        };
    }

    /** What the back office accepted of one product: the fingerprint sent, and the reason shown. */
    public record Accepted(long id, String sentFingerprint, String reason) { }

    /**
     * The back office has these products as sent (one batch). If a read brought other content meanwhile a row goes
     * back to PENDING, so the newer content is sent too.
     */
    public void settleExported(List<Accepted> accepted) {
        if (accepted.isEmpty()) {
            return;
        }
        OffsetDateTime now = InboxStore.now();
        jdbc.batchUpdate("""
                UPDATE product_ledger
                SET export_state = CASE WHEN fingerprint = :sent THEN 'EXPORTED' ELSE 'PENDING' END,
                    exported_fingerprint = :sent, export_reason = :reason, exported_at = :now, claimed_at = NULL,
                    claimed_by = NULL
                WHERE id = :id""", accepted.stream().map(row -> new MapSqlParameterSource().addValue("id", row.id())
                .addValue("sent", row.sentFingerprint()).addValue("reason", Columns.fit(row.reason()))
                .addValue("now", now)).toArray(SqlParameterSource[]::new));
    }

    /** Products of these SKUs (every destination) to PENDING unless a batch holds them; answers the SKUs found. */
    public List<String> markPending(List<String> skus, String reason) {
        if (skus.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = Map.of("skus", skus, "reason", reason, "now", InboxStore.now());
        jdbc.update("""
                UPDATE product_ledger SET export_state = 'PENDING', export_reason = :reason, changed_at = :now
                WHERE sku IN (:skus) AND export_state <> 'QUEUED'""", params);
        return jdbc.queryForList("SELECT DISTINCT sku FROM product_ledger WHERE sku IN (:skus)", params, String.class);
    }

    /**
     * "Reset Export Status": the products matching every given filter (destination key, SKU prefix, state; null =
     * any) to PENDING, except those a batch holds; answers how many.
     */
    public int reset(String destination, String skuPrefix, String state) {
        return jdbc.update("""
                UPDATE product_ledger SET export_state = 'PENDING', export_reason = 'Reset by ops', changed_at = :now
                WHERE export_state <> 'QUEUED'
                  AND (CAST(:destination AS VARCHAR(255)) IS NULL OR destination = :destination)
                  AND (CAST(:prefix AS VARCHAR(64)) IS NULL OR sku LIKE :prefix)
                  AND (CAST(:state AS VARCHAR(16)) IS NULL OR export_state = :state)""",
                new MapSqlParameterSource().addValue("now", InboxStore.now()).addValue("destination", destination)
                        .addValue("prefix", skuPrefix == null ? null : escapeLike(skuPrefix) + "%")
                        .addValue("state", state));
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Products per export state (for ops and the metrics). */
    public Map<String, Long> countsByState() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("SELECT export_state, COUNT(*) FROM product_ledger GROUP BY export_state", Map.of(),
                rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }
}
