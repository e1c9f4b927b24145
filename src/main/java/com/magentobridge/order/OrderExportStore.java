package com.magentobridge.order;

import com.magentobridge.storage.Columns;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.SqlDialect;

/** SQL for export batches: claims on the ledger and the export history. Named parameters only. */
@Repository
public class OrderExportStore {

    /** The flow's name in its retry policy (bridge.retry.flows), /ops/flows and dead letters. */
    /** A claimed order: its id, number and canonical JSON. */
    public record Claimed(long entityId, String incrementId, String payload) { }

    private static final String CLAIMABLE_SHARED = """
            SELECT entity_id FROM order_ledger WHERE export_state = :waiting
            ORDER BY export_state, entity_id FETCH FIRST :limit ROWS ONLY FOR UPDATE SKIP LOCKED""";

    private static final String CLAIMABLE_SINGLE_PROCESS = """
            SELECT entity_id FROM order_ledger WHERE export_state = :waiting
            ORDER BY export_state, entity_id FETCH FIRST :limit ROWS ONLY""";

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;

    public OrderExportStore(NamedParameterJdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Claims up to {@code limit} orders in state {@code waiting} (PENDING, or UPDATE for status updates), oldest
     * first, moving them to {@code queued}; must run inside a transaction. Claims older than the lease go back first.
     */
    public List<Claimed> claim(String waiting, String queued, int limit, String claimant, Duration lease) {
        OffsetDateTime now = InboxStore.now();
        jdbc.update("""
                UPDATE order_ledger SET export_state = :waiting, claimed_at = NULL, claimed_by = NULL
                WHERE export_state = :queued AND claimed_at < :cutoff""",
                Map.of("waiting", waiting, "queued", queued, "cutoff", now.minus(lease)));
        // ordered by the index's columns, so the database reads the index in order and stops after the limit; one
        // process (embedded H2) takes no row locks, which H2 would take on every pending order before the limit
        List<Long> ids = jdbc.queryForList(dialect.isSingleProcess() ? CLAIMABLE_SINGLE_PROCESS : CLAIMABLE_SHARED,
                Map.of("waiting", waiting, "limit", limit), Long.class);
        if (ids.isEmpty()) {
            return List.of();
        }
        int claimed = jdbc.update("""
                UPDATE order_ledger SET export_state = :queued, claimed_at = :now, claimed_by = :claimant
                WHERE entity_id IN (:ids) AND export_state = :waiting""",
                Map.of("ids", ids, "queued", queued, "waiting", waiting, "now", now, "claimant", claimant));
        if (claimed != ids.size()) {
            ids = jdbc.queryForList("""
                    SELECT entity_id FROM order_ledger
                    WHERE entity_id IN (:ids) AND export_state = :queued AND claimed_by = :claimant AND claimed_at = :now""",
                    Map.of("ids", ids, "queued", queued, "now", now, "claimant", claimant), Long.class);
            if (ids.isEmpty()) {
                return List.of();
            }
        }
        return jdbc.query("""
                SELECT entity_id, increment_id, payload FROM order_ledger WHERE entity_id IN (:ids) ORDER BY entity_id""",
                Map.of("ids", ids), (rs, i) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    /** One export call and its per-order results; returns the export id. */
    public long recordExport(String adapter, String messageId, Map<Claimed, ExportOutcome> outcomes, String error,
                             OffsetDateTime startedAt, String requestBody, String responseBody) {
        int successes = 0;
        int duplicates = 0;
        int failures = 0;
        for (ExportOutcome outcome : outcomes.values()) {
            switch (outcome.result()) {
                case Success -> successes++;
                case Duplicate -> duplicates++;
                default -> failures++;
            }
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO order_export (adapter, message_id, order_count, successes, duplicates, failures, error,
                                          started_at, processed_at, request_body, response_body)
                VALUES (:adapter, :messageId, :count, :successes, :duplicates, :failures, :error, :started, :now,
                        :request, :response)""",
                new MapSqlParameterSource().addValue("adapter", adapter).addValue("messageId", messageId)
                        .addValue("count", outcomes.size()).addValue("successes", successes)
                        .addValue("duplicates", duplicates).addValue("failures", failures)
                        .addValue("error", Columns.fit(error)).addValue("started", startedAt)
                        .addValue("now", InboxStore.now()).addValue("request", requestBody)
                        .addValue("response", responseBody), key, new String[] {"id"});
        long exportId = key.getKey().longValue();
        SqlParameterSource[] lines = outcomes.entrySet().stream().map(entry -> new MapSqlParameterSource()
                .addValue("export", exportId).addValue("id", entry.getKey().entityId())
                .addValue("increment", entry.getKey().incrementId())
                .addValue("result", entry.getValue().result().name())
                .addValue("message", Columns.fit(entry.getValue().message())))
                .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("""
                INSERT INTO order_export_line (export_id, entity_id, increment_id, result, message)
                VALUES (:export, :id, :increment, :result, :message)""", lines);
        return exportId;
    }

    /**
     * Renews this process's claim on the orders just before they are sent; returns those it still holds (an order whose
     * lease ran out was given back and may be in another node's batch: it must not be sent twice).
     */
    public List<Long> renew(List<Long> entityIds, String queued, String claimant) {
        if (entityIds.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = Map.of("ids", entityIds, "queued", queued, "claimant", claimant, "now", InboxStore.now());
        jdbc.update("""
                UPDATE order_ledger SET claimed_at = :now
                WHERE entity_id IN (:ids) AND export_state = :queued AND claimed_by = :claimant""", params);
        return jdbc.queryForList("""
                SELECT entity_id FROM order_ledger
                WHERE entity_id IN (:ids) AND export_state = :queued AND claimed_by = :claimant""", params, Long.class);
    }

    /** Sets an order's export state after a call when it was not exported: FAILED, PARKED, INELIGIBLE or back to PENDING. */
    public void settle(long entityId, String state, String reason) {
        jdbc.update("""
                UPDATE order_ledger SET export_state = :state, export_reason = :reason, claimed_at = NULL,
                       claimed_by = NULL
                WHERE entity_id = :id""", new MapSqlParameterSource().addValue("id", entityId)
                .addValue("state", state).addValue("reason", Columns.fit(reason)));
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
