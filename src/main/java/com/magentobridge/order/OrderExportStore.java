package com.magentobridge.order;

import com.magentobridge.storage.Columns;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;


import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.storage.ExportLedger;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.SqlDialect;

/** SQL for export batches: claims on the ledger and the export history. Named parameters only. */
@Repository
public class OrderExportStore {

    /** A claimed order: its id, number and canonical JSON. */
    public record Claimed(long entityId, String incrementId, String payload) { }

    /** The order ledger in the export life cycle every export shares. */
    static final ExportLedger.Table ORDERS = new ExportLedger.Table("order_ledger", "entity_id", "increment_id",
            "payload", "order");

    private final NamedParameterJdbcTemplate jdbc;
    private final ExportLedger ledger;

    public OrderExportStore(NamedParameterJdbcTemplate jdbc, SqlDialect dialect, NodeLiveness liveness) {
        this.jdbc = jdbc;
        this.ledger = new ExportLedger(jdbc, dialect, liveness, ORDERS);
    }

    /**
     * Claims up to {@code limit} orders in state {@code waiting} (PENDING, or UPDATE for status updates), oldest
     * first, moving them to {@code queued} (QUEUED, or QUEUED_UPDATE); must run inside a transaction. Each kind of
     * batch has its own queued state, so the take-overs of {@link ExportLedger#claim} apply per kind. A status update
     * sent again sets a status (the order's current one): it changes nothing.
     */
    public List<Claimed> claim(String waiting, String queued, int limit, String claimant, Duration lease) {
        return claimed(ledger.claim(waiting, queued, limit, claimant, lease));
    }

    /** The orders with these entity ids, whatever their state (a replay takes them as they are). */
    public List<Claimed> rows(List<Long> entityIds) {
        return claimed(ledger.rows(entityIds));
    }

    /** The order ledger's export life cycle (claims, renewals, the record's check; see {@link ExportLedger}). */
    ExportLedger ledger() {
        return ledger;
    }

    private static List<Claimed> claimed(List<ExportLedger.Claimed> rows) {
        return rows.stream().map(row -> new Claimed(row.id(), row.reference(), row.payload())).toList();
    }

    /** One export call and its per-order results; returns the export id. */
    public long recordExport(String adapter, String messageId, Map<Claimed, ExportOutcome> outcomes, String error,
                             OffsetDateTime startedAt, String requestBody, String responseBody) {
        List<ExportLedger.Line> lines = outcomes.entrySet().stream().map(entry -> new ExportLedger.Line(
                entry.getKey().entityId(), entry.getKey().incrementId(), entry.getValue())).toList();
        return ledger.recordExport(adapter, messageId, lines, error, startedAt, requestBody, responseBody);
    }

    /** Sets an order's export state after a call when it was not exported: FAILED, PARKED, INELIGIBLE or back to PENDING. */
    public void settle(long entityId, String state, String reason) {
        ledger.settle(entityId, state, reason);
    }

    /**
     * The back office has the order with status {@code sentStatus}. If the import saw another status meanwhile, the
     * order goes to {@code ifChangedSince} (UPDATE when the adapter takes status updates) instead of EXPORTED, so the
     * newer status is not lost.
     */
    public void settleExported(long entityId, String sentStatus, String reason, String ifChangedSince) {
        jdbc.update("""
                UPDATE order_ledger
                SET export_state = CASE WHEN COALESCE(status, '') = COALESCE(CAST(:sent AS VARCHAR(64)), '')
                                        THEN 'EXPORTED' ELSE :changed END,
                    export_reason = :reason, exported_status = :sent, exported_at = :now,
                    claimed_at = NULL, claimed_by = NULL
                WHERE entity_id = :id""", new MapSqlParameterSource().addValue("id", entityId)
                .addValue("sent", sentStatus).addValue("changed", ifChangedSince)
                .addValue("reason", Columns.fit(reason)).addValue("now", InboxStore.now()));
    }
}
