package com.magentobridge.order;

import com.magentobridge.storage.Columns;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.SqlDialect;

/** SQL for export batches: claims on the ledger and the export history. Named parameters only. */
@Repository
public class OrderExportStore {

    private static final Logger LOG = LoggerFactory.getLogger(OrderExportStore.class);

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
    private final NodeLiveness liveness;

    public OrderExportStore(NamedParameterJdbcTemplate jdbc, SqlDialect dialect, NodeLiveness liveness) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.liveness = liveness;
    }

    /**
     * Claims up to {@code limit} orders in state {@code waiting} (PENDING, or UPDATE for status updates), oldest
     * first, moving them to {@code queued} (QUEUED, or QUEUED_UPDATE); must run inside a transaction. First it takes
     * over the stale claims in state {@code queued}, which stay queued and go into this batch whatever their number:
     * the claimant's own (an export run is one at a time per node, see {@link OrderExportService}, and each kind of
     * batch has its own queued state, so an own claim still open when this kind is claimed again is left over from a
     * run that ended without settling it, e.g. when the database went away), claims of an instance that is dead (on
     * PostgreSQL: registered, and its liveness lock is gone, see {@link NodeLiveness}) and, on a single-process
     * database, every claim made by another process (it can only be a dead one). Such an order may already have been
     * sent: the back office answers a re-sent order as a duplicate (counted as exported), and a status update sets a
     * status (the order's current one), so sending it again changes nothing. Claims of others whose lease ran out go
     * back to {@code waiting} (the backstop for a node PostgreSQL still believes alive, or one without a liveness row).
     * A node that does not hold its liveness lock (it lost its database session) claims nothing.
     */
    public List<Claimed> claim(String waiting, String queued, int limit, String claimant, Duration lease) {
        if (!liveness.held()) {
            return List.of();
        }
        OffsetDateTime now = InboxStore.now();
        Map<String, Object> params = Map.of("waiting", waiting, "queued", queued, "claimant", claimant, "now", now,
                "cutoff", now.minus(lease));
        int leftOver = jdbc.update("""
                UPDATE order_ledger SET claimed_at = :now
                WHERE export_state = :queued AND claimed_by = :claimant""", params);
        jdbc.update("""
                UPDATE order_ledger SET export_state = :waiting, claimed_at = NULL, claimed_by = NULL
                WHERE export_state = :queued AND claimed_by <> :claimant AND claimed_at < :cutoff""", params);
        int others;
        if (dialect.isSingleProcess()) {
            others = jdbc.update("""
                    UPDATE order_ledger SET claimed_at = :now, claimed_by = :claimant
                    WHERE export_state = :queued AND claimed_by <> :claimant""", params);
        } else {
            others = takeOverDead(queued, claimant, now);
        }
        int takenOver = leftOver + others;
        if (takenOver > 0) {
            LOG.info("order export ({}) took over {} queued orders left by a run that ended without settling them "
                    + "({} its own, {} of dead instances); they are sent again", queued, takenOver, leftOver, others);
        }
        List<Long> ids = limit > takenOver ? claimWaiting(waiting, queued, limit - takenOver, claimant, now) : List.of();
        if (takenOver > 0) {
            ids = jdbc.queryForList("""
                    SELECT entity_id FROM order_ledger WHERE export_state = :queued AND claimed_by = :claimant
                    ORDER BY entity_id""", params, Long.class);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT entity_id, increment_id, payload FROM order_ledger WHERE entity_id IN (:ids) ORDER BY entity_id""",
                Map.of("ids", ids), (rs, i) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    /**
     * The {@code queued} claims held by instances known to be dead become the claimant's (the same liveness check as
     * the inbox's, {@link NodeLiveness#dead}). Row locks order two claimants taking over the same dead instance's
     * claims: the second finds them claimed by the first and takes none.
     */
    private int takeOverDead(String queued, String claimant, OffsetDateTime now) {
        List<String> others = jdbc.queryForList("""
                SELECT DISTINCT claimed_by FROM order_ledger
                WHERE export_state = :queued AND claimed_by <> :claimant""",
                Map.of("queued", queued, "claimant", claimant), String.class);
        Set<String> dead = liveness.dead(others).keySet();
        if (dead.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                UPDATE order_ledger SET claimed_at = :now, claimed_by = :claimant
                WHERE export_state = :queued AND claimed_by IN (:dead)""",
                Map.of("queued", queued, "claimant", claimant, "now", now, "dead", dead));
    }

    /** Up to {@code limit} orders in state {@code waiting}, oldest first, claimed for {@code claimant} at {@code now}. */
    private List<Long> claimWaiting(String waiting, String queued, int limit, String claimant, OffsetDateTime now) {
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
                    WHERE entity_id IN (:ids) AND export_state = :queued AND claimed_by = :claimant AND claimed_at = :now
                    ORDER BY entity_id""",
                    Map.of("ids", ids, "queued", queued, "now", now, "claimant", claimant), Long.class);
        }
        return ids;
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

    /**
     * Of these orders, those {@code claimant} still holds in state {@code queued}, locked until the caller's transaction
     * ends (a peer cannot take them over meanwhile).
     */
    public List<Long> lockHeld(List<Long> entityIds, String queued, String claimant) {
        if (entityIds.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("""
                SELECT entity_id FROM order_ledger
                WHERE entity_id IN (:ids) AND export_state = :queued AND claimed_by = :claimant
                FOR UPDATE""", Map.of("ids", entityIds, "queued", queued, "claimant", claimant), Long.class);
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
