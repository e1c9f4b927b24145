package com.magentobridge.storage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import com.magentobridge.backoffice.ExportOutcome;

/**
 * The life cycle every export to the back office shares (orders, products): a ledger table of things to send, each
 * with an {@code export_state}, claimed in batches with a lease ({@code claimed_at}, {@code claimed_by}; SKIP LOCKED on
 * a shared database), renewed before the call, settled after it, and each call recorded in the export history
 * ({@code order_export} and {@code order_export_line}, whose {@code entity} column tells orders and products apart).
 *
 * <p>The ledger's table and key column come from a {@link Table} constant and are checked to be plain identifiers;
 * every value is a named parameter.
 */
public final class ExportLedger {

    private static final Logger LOG = LoggerFactory.getLogger(ExportLedger.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_]+");

    /**
     * A ledger table: its name, its key column (a BIGINT), the column with what the back office knows it by, the
     * column with the payload sent, and the {@code entity} recorded in the export history.
     */
    public record Table(String name, String key, String reference, String payload, String entity) {
        public Table {
            for (String identifier : List.of(name, key, reference, payload)) {
                if (!IDENTIFIER.matcher(identifier).matches()) {
                    throw new IllegalArgumentException("not a plain identifier: " + identifier);
                }
            }
        }
    }

    /** A claimed row: its key, its reference (increment id, SKU) and payload. */
    public record Claimed(long id, String reference, String payload) { }

    /** One thing sent in an export call and the back office's answer for it. */
    public record Line(long id, String reference, ExportOutcome outcome) { }

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final NodeLiveness liveness;
    private final Table table;
    private final String claimableShared;
    private final String claimableSingleProcess;
    private final String touchOwn;
    private final String releaseExpired;
    private final String takeOverAll;
    private final String othersClaimants;
    private final String takeOverDead;
    private final String markClaimed;
    private final String claimedNow;
    private final String ownQueued;
    private final String rows;
    private final String renew;
    private final String stillMine;
    private final String lockHeld;
    private final String settle;

    public ExportLedger(NamedParameterJdbcTemplate jdbc, SqlDialect dialect, NodeLiveness liveness, Table table) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.liveness = liveness;
        this.table = table;
        String t = table.name();
        String k = table.key();
        this.claimableShared = "SELECT " + k + " FROM " + t + " WHERE export_state = :waiting ORDER BY export_state, " + k
                + " FETCH FIRST :limit ROWS ONLY FOR UPDATE SKIP LOCKED";
        this.claimableSingleProcess = "SELECT " + k + " FROM " + t + " WHERE export_state = :waiting"
                + " ORDER BY export_state, " + k + " FETCH FIRST :limit ROWS ONLY";
        this.touchOwn = "UPDATE " + t + " SET claimed_at = :now WHERE export_state = :queued AND claimed_by = :claimant";
        this.releaseExpired = "UPDATE " + t + " SET export_state = :waiting, claimed_at = NULL, claimed_by = NULL"
                + " WHERE export_state = :queued AND claimed_by <> :claimant AND claimed_at < :cutoff";
        this.takeOverAll = "UPDATE " + t + " SET claimed_at = :now, claimed_by = :claimant"
                + " WHERE export_state = :queued AND claimed_by <> :claimant";
        this.othersClaimants = "SELECT DISTINCT claimed_by FROM " + t
                + " WHERE export_state = :queued AND claimed_by <> :claimant";
        this.takeOverDead = "UPDATE " + t + " SET claimed_at = :now, claimed_by = :claimant"
                + " WHERE export_state = :queued AND claimed_by IN (:dead)";
        this.markClaimed = "UPDATE " + t + " SET export_state = :queued, claimed_at = :now, claimed_by = :claimant"
                + " WHERE " + k + " IN (:ids) AND export_state = :waiting";
        this.claimedNow = "SELECT " + k + " FROM " + t + " WHERE " + k + " IN (:ids) AND export_state = :queued"
                + " AND claimed_by = :claimant AND claimed_at = :now ORDER BY " + k;
        this.ownQueued = "SELECT " + k + " FROM " + t + " WHERE export_state = :queued AND claimed_by = :claimant"
                + " ORDER BY " + k;
        this.rows = "SELECT " + k + ", " + table.reference() + ", " + table.payload() + " FROM " + t + " WHERE " + k
                + " IN (:ids) ORDER BY " + k;
        this.renew = "UPDATE " + t + " SET claimed_at = :now WHERE " + k + " IN (:ids) AND export_state = :queued"
                + " AND claimed_by = :claimant";
        this.stillMine = "SELECT " + k + " FROM " + t + " WHERE " + k + " IN (:ids) AND export_state = :queued"
                + " AND claimed_by = :claimant";
        // in key order, as the product poll locks the rows it changes: two transactions locking the same rows never
        // wait on each other in a cycle
        this.lockHeld = stillMine + " ORDER BY " + k + " FOR UPDATE";
        this.settle = "UPDATE " + t + " SET export_state = :state, export_reason = :reason, claimed_at = NULL,"
                + " claimed_by = NULL WHERE " + k + " = :id";
    }

    /**
     * Claims up to {@code limit} rows in state {@code waiting}, lowest key first, moving them to {@code queued}; must
     * run inside a transaction. First it takes over the stale claims in state {@code queued}, which stay queued and go
     * into this batch whatever their key: the claimant's own (a run is one at a time per node and kind, so an own claim
     * still open when this kind is claimed again is left over from a run that ended without settling it, e.g. when the
     * database went away), claims of an instance that is dead (on PostgreSQL: registered, and its liveness lock is
     * gone, see {@link NodeLiveness}) and, on a single-process database, every claim made by another process (it can
     * only be a dead one). Such a row may already have been sent: the back office answers a re-sent one as a duplicate.
     * Claims of others whose lease ran out go back to {@code waiting} (the backstop for a node PostgreSQL still
     * believes alive, or one without a liveness row). A node that does not hold its liveness lock (it lost its
     * database session) claims nothing.
     */
    public List<Claimed> claim(String waiting, String queued, int limit, String claimant, Duration lease) {
        if (!liveness.held()) {
            return List.of();
        }
        OffsetDateTime now = InboxStore.now();
        Map<String, Object> params = Map.of("waiting", waiting, "queued", queued, "claimant", claimant, "now", now,
                "cutoff", now.minus(lease));
        int leftOver = jdbc.update(touchOwn, params);
        jdbc.update(releaseExpired, params);
        int others = dialect.isSingleProcess() ? jdbc.update(takeOverAll, params) : takeOverDead(queued, claimant, now);
        int takenOver = leftOver + others;
        if (takenOver > 0) {
            LOG.info("{} export ({}) took over {} queued rows left by a run that ended without settling them "
                    + "({} its own, {} of dead instances); they are sent again", table.entity(), queued, takenOver,
                    leftOver, others);
        }
        List<Long> ids = limit > takenOver ? claimWaiting(waiting, queued, limit - takenOver, claimant, now) : List.of();
        if (takenOver > 0) {
            ids = jdbc.queryForList(ownQueued, params, Long.class);
        }
        return rows(ids);
    }

    /** The rows with these keys, in key order (whatever their state: a replay takes them as they are). */
    public List<Claimed> rows(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.query(rows, Map.of("ids", ids),
                (rs, i) -> new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3)));
    }

    /**
     * The {@code queued} claims held by instances known to be dead become the claimant's (the same liveness check as
     * the inbox's, {@link NodeLiveness#dead}). Row locks order two claimants taking over the same dead instance's
     * claims: the second finds them claimed by the first and takes none.
     */
    private int takeOverDead(String queued, String claimant, OffsetDateTime now) {
        List<String> others = jdbc.queryForList(othersClaimants, Map.of("queued", queued, "claimant", claimant),
                String.class);
        // at once, no answer window: a document sent again is answered as a duplicate (see OrderExportService)
        Set<String> dead = liveness.dead(others).keySet();
        if (dead.isEmpty()) {
            return 0;
        }
        return jdbc.update(takeOverDead, Map.of("queued", queued, "claimant", claimant, "now", now, "dead", dead));
    }

    /** Up to {@code limit} rows in state {@code waiting}, lowest key first, claimed for {@code claimant} at {@code now}. */
    private List<Long> claimWaiting(String waiting, String queued, int limit, String claimant, OffsetDateTime now) {
        // ordered by the index's columns, so the database reads the index in order and stops after the limit; one
        // process (embedded H2) takes no row locks, which H2 would take on every waiting row before the limit
        List<Long> ids = jdbc.queryForList(dialect.isSingleProcess() ? claimableSingleProcess : claimableShared,
                Map.of("waiting", waiting, "limit", limit), Long.class);
        if (ids.isEmpty()) {
            return List.of();
        }
        int claimed = jdbc.update(markClaimed,
                Map.of("ids", ids, "queued", queued, "waiting", waiting, "now", now, "claimant", claimant));
        if (claimed != ids.size()) {
            ids = jdbc.queryForList(claimedNow, Map.of("ids", ids, "queued", queued, "now", now, "claimant", claimant),
                    Long.class);
        }
        return ids;
    }

    /**
     * Renews this process's claim on the rows just before they are sent; returns those it still holds (a row whose
     * lease ran out was given back and may be in another node's batch: it must not be sent twice).
     */
    public List<Long> renew(List<Long> ids, String queued, String claimant) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = Map.of("ids", ids, "queued", queued, "claimant", claimant, "now", InboxStore.now());
        List<Long> held = jdbc.queryForList(lockHeld, params, Long.class);
        if (!held.isEmpty()) {
            jdbc.update(renew, Map.of("ids", held, "queued", queued, "claimant", claimant, "now", params.get("now")));
        }
        return held;
    }

    /**
     * Of these rows, those {@code claimant} still holds in state {@code queued}, locked until the caller's transaction
     * ends (a peer cannot take them over meanwhile): the record step's check that a call's results are still this
     * process's to settle.
     */
    public List<Long> lockHeld(List<Long> ids, String queued, String claimant) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList(lockHeld, Map.of("ids", ids, "queued", queued, "claimant", claimant), Long.class);
    }

    /** What the history calls the ledger's rows ({@code order}, {@code product}). */
    public String entity() {
        return table.entity();
    }

    /** Sets a row's export state (and reason), releasing its claim. */
    public void settle(long id, String state, String reason) {
        settle(java.util.Collections.singletonMap(id, reason), state);
    }

    /** Sets rows' export state, each with its reason (row key → reason), releasing their claims; one batch. */
    public void settle(Map<Long, String> reasons, String state) {
        if (reasons.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(settle, reasons.entrySet().stream().map(entry -> new MapSqlParameterSource()
                .addValue("id", entry.getKey()).addValue("state", state)
                .addValue("reason", Columns.fit(entry.getValue()))).toArray(SqlParameterSource[]::new));
    }

    /** One export call and its per-row results in the export history; returns the export id. */
    public long recordExport(String adapter, String messageId, List<Line> lines, String error,
                             OffsetDateTime startedAt, String requestBody, String responseBody) {
        int successes = 0;
        int duplicates = 0;
        int failures = 0;
        for (Line line : lines) {
            switch (line.outcome().result()) {
                case Success -> successes++;
                case Duplicate -> duplicates++;
                default -> failures++;
            }
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO order_export (entity, adapter, message_id, order_count, successes, duplicates, failures,
                                          error, started_at, processed_at, request_body, response_body)
                VALUES (:entity, :adapter, :messageId, :count, :successes, :duplicates, :failures, :error, :started,
                        :now, :request, :response)""",
                new MapSqlParameterSource().addValue("entity", table.entity()).addValue("adapter", adapter)
                        .addValue("messageId", messageId).addValue("count", lines.size())
                        .addValue("successes", successes).addValue("duplicates", duplicates)
                        .addValue("failures", failures).addValue("error", Columns.fit(error))
                        .addValue("started", startedAt).addValue("now", InboxStore.now())
                        .addValue("request", requestBody).addValue("response", responseBody), key, new String[] {"id"});
        long exportId = key.getKey().longValue();
        SqlParameterSource[] rows = lines.stream().map(line -> new MapSqlParameterSource()
                .addValue("export", exportId).addValue("id", line.id()).addValue("reference", line.reference())
                .addValue("result", line.outcome().result().name())
                .addValue("message", Columns.fit(line.outcome().message())))
                .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("""
                INSERT INTO order_export_line (export_id, entity_id, increment_id, result, message)
                VALUES (:export, :id, :reference, :result, :message)""", rows);
        return exportId;
    }
}
