package com.magentobridge.storage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The durable inbox every inbound flow shares: one request row per call from the back office (committed before it
 * is acknowledged), its write-once body, and the claims of the scheduled processors. Named parameters only.
 */
@Repository
public class InboxStore {

    /** A request as received: the masked raw body and the parsed content (flow-specific JSON). */
    public record NewRequest(String flow, String operation, String channel, String storeCode, long messageSeqId,
                             int lineCount, String rawBody, String content) { }

    /**
     * Several processes on one database: row locks decide who gets a request (SKIP LOCKED: never wait for a peer).
     * Ordered by the index's columns so the database reads the index in order and stops after {@code limit}.
     */
    private static final String CLAIMABLE_SHARED = """
            SELECT id FROM inbound_request
            WHERE flow = :flow AND state = 'RECEIVED'
            ORDER BY flow, state, id
            FETCH FIRST :limit ROWS ONLY
            FOR UPDATE SKIP LOCKED""";

    /**
     * One process (embedded H2): no peer to lock out, and H2 locks every matching row for FOR UPDATE before it applies
     * the limit, which costs in proportion to the backlog. The conditional UPDATE that follows is the guard instead.
     */
    private static final String CLAIMABLE_SINGLE_PROCESS = """
            SELECT id FROM inbound_request
            WHERE flow = :flow AND state = 'RECEIVED'
            ORDER BY flow, state, id
            FETCH FIRST :limit ROWS ONLY""";

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;
    private final NodeLiveness liveness;

    public InboxStore(NamedParameterJdbcTemplate jdbc, SqlDialect dialect, NodeLiveness liveness) {
        this.jdbc = jdbc;
        this.dialect = dialect;
        this.liveness = liveness;
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Inserts the request in state RECEIVED with its body; returns the request id. */
    public long insert(NewRequest request) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO inbound_request (flow, operation, channel, store_code, message_seq_id, state,
                                             line_count, received_at)
                VALUES (:flow, :operation, :channel, :store, :msg, 'RECEIVED', :lines, :now)""",
                new MapSqlParameterSource()
                        .addValue("flow", request.flow()).addValue("operation", request.operation())
                        .addValue("channel", request.channel()).addValue("store", request.storeCode())
                        .addValue("msg", request.messageSeqId()).addValue("lines", request.lineCount())
                        .addValue("now", now()),
                key, new String[] {"id"});
        long id = key.getKey().longValue();
        jdbc.update("INSERT INTO inbound_request_body (request_id, raw_body, lines) VALUES (:id, :raw, :content)",
                Map.of("id", id, "raw", request.rawBody(), "content", request.content()));
        return id;
    }

    /**
     * Just before the request is sent to Magento: moves the claim's time to now and marks it as being written (see
     * {@link #markWriting}) if {@code claimant} still holds it; false otherwise.
     */
    public boolean renew(long requestId, String claimant) {
        return markWriting(List.of(requestId), claimant) == 1;
    }

    /**
     * Marks the claimant's claims on these requests as being written to Magento, committed before the first call: from
     * now on a write of theirs may be in Magento's hands, and if the claimant dies they are taken over only once that
     * write can no longer land (see {@link #claim}); until then no one writes anything newer for what they hold (see
     * {@link #writesInFlight}). Returns how many of them the claimant still holds (a request a peer took over is not
     * marked, and must not be written by this run). Renews their claim time too.
     */
    public int markWriting(java.util.Collection<Long> requestIds, String claimant) {
        if (requestIds.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                UPDATE inbound_request SET claimed_at = :now, write_started_at = :now
                WHERE id IN (:ids) AND state = 'PROCESSING' AND claimed_by = :claimant""",
                Map.of("ids", requestIds, "now", now(), "claimant", claimant));
    }

    public void markDuplicate(long requestId) {
        jdbc.update("UPDATE inbound_request SET state = 'DUPLICATE', processed_at = :now WHERE id = :id",
                Map.of("id", requestId, "now", now()));
    }

    public void markProcessed(List<Long> requestIds) {
        if (!requestIds.isEmpty()) {
            jdbc.update("UPDATE inbound_request SET state = 'PROCESSED', processed_at = :now WHERE id IN (:ids)",
                    Map.of("ids", requestIds, "now", now()));
        }
    }

    /**
     * Completes the requests that {@code claimant} still holds (PROCESSING, claimed by it); returns how many. A request
     * a peer took over (or already recorded) is left as it is; the row locks taken here, held until the caller's
     * transaction ends, keep a peer from taking the others over meanwhile.
     */
    public int markProcessedIfClaimed(List<Long> requestIds, String claimant) {
        if (requestIds.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                UPDATE inbound_request SET state = 'PROCESSED', processed_at = :now
                WHERE id IN (:ids) AND state = 'PROCESSING' AND claimed_by = :claimant""",
                Map.of("ids", requestIds, "now", now(), "claimant", claimant));
    }

    /** {@link #claim(String, int, String, Duration, Duration)} with no write ever outliving its writer. */
    public Claim claim(String flow, int limit, String claimant, Duration lease) {
        return claim(flow, limit, claimant, lease, Duration.ZERO);
    }

    /**
     * Claims the flow's requests for {@code claimant}, oldest first; must run inside a transaction. First it takes over
     * the stale claims of the flow, which stay claimed (PROCESSING) and go into this batch whatever their number: the
     * claimant's own (a flow runs one batch at a time per node, so a claim of its still open when it claims again is
     * left over from a batch that ended without recording, e.g. when the database went away), claims whose lease ran out,
     * claims of an instance that is dead (on PostgreSQL: registered, and its liveness lock is gone, see
     * {@link NodeLiveness}) and, on a single-process database, every claim made by another process (it can only be a
     * dead one). Such a request may already be applied (e.g. written to Magento by a node killed before it recorded),
     * so it is never put back among the received ones, where it could wait behind newer requests: it moves from claim
     * to claim until it is recorded. Then up to {@code limit} minus the requests taken over are claimed from the
     * received ones. A node that does not hold its liveness lock (it lost its database session) claims nothing; the
     * claim names the session it was made in (see {@link NodeLiveness#session}).
     *
     * <p>{@code inFlight}: how long a write may still land in Magento after its writer is gone (Magento finishes a save
     * whose caller went away; bounded by the caller's connect plus read timeout). A gone writer's claim that never
     * began writing ({@link #markWriting}) is taken over at once: nothing of it can be in Magento's hands. One that
     * began is taken over only once that long has passed since its writer was first seen dead (on a single-process
     * database: since this process started); until then it stays where it is, visible to every run as a claim held
     * elsewhere ({@link #writesInFlight}): a flow must not write anything newer for what such a claim holds (its older
     * value could land after it). The lease backstop is unchanged.
     */
    public Claim claim(String flow, int limit, String claimant, Duration lease, Duration inFlight) {
        long session = liveness.session();
        if (session == 0) {
            return new Claim(List.of(), 0, 0, 0, 0, session);
        }
        OffsetDateTime now = now();
        Map<String, Object> params = Map.of("flow", flow, "claimant", claimant, "now", now,
                "cutoff", now.minus(lease));
        // this node's next claim comes only once its previous batch has had every write answered (or given up on):
        // its own left-overs are taken back at once, even those of an earlier session
        int leftOver = jdbc.update("""
                UPDATE inbound_request SET claimed_at = :now
                WHERE flow = :flow AND state = 'PROCESSING' AND claimed_by = :claimant""", params);
        int expired = jdbc.update("""
                UPDATE inbound_request SET claimed_at = :now, claimed_by = :claimant, write_started_at = NULL
                WHERE flow = :flow AND state = 'PROCESSING' AND claimed_by <> :claimant AND claimed_at < :cutoff""",
                params);
        Map<String, Boolean> gone = gone(otherClaimants(flow, claimant), claimant, inFlight);
        int goneTaken = takeOverGone(flow, claimant, now, gone);
        // on a single-process database a gone claimant is an earlier process; otherwise a dead instance
        int orphaned = dialect.isSingleProcess() ? goneTaken : 0;
        int dead = dialect.isSingleProcess() ? 0 : goneTaken;
        int takenOver = leftOver + expired + orphaned + dead;
        List<Long> ids = limit > takenOver ? claimReceived(flow, limit - takenOver, claimant, now) : List.of();
        if (takenOver > 0) {
            ids = jdbc.queryForList("""
                    SELECT id FROM inbound_request
                    WHERE flow = :flow AND state = 'PROCESSING' AND claimed_by = :claimant
                    ORDER BY id""", params, Long.class);
        }
        return new Claim(ids, leftOver, expired, orphaned, dead, session);
    }

    /** Until when a write of a writer seen gone at {@code since} may still land. */
    private static OffsetDateTime landingUntil(OffsetDateTime since, Duration inFlight) {
        return since.plus(inFlight);
    }

    /**
     * Of these writers (instance names), the ones that are gone and whose writes have all landed (see {@link #gone}).
     * Runs in the caller's transaction.
     */
    public Set<String> goneAndLanded(Collection<String> writers, String claimant, Duration inFlight) {
        Set<String> landed = new HashSet<>();
        gone(writers, claimant, inFlight).forEach((name, allLanded) -> {
            if (allLanded) {
                landed.add(name);
            }
        });
        return landed;
    }

    /**
     * The one rule for a writer that is gone: of these writers (instance names), the gone ones, each with whether a
     * write of theirs can no longer land in Magento ({@code inFlight} has passed since it was gone). On a
     * single-process database every other process is gone, since this one started at the latest; elsewhere a
     * registered instance whose liveness lock no session holds, since it was first seen dead ({@link NodeLiveness#dead}).
     */
    private Map<String, Boolean> gone(Collection<String> writers, String claimant, Duration inFlight) {
        OffsetDateTime now = now();
        Map<String, Boolean> gone = new HashMap<>();
        if (dialect.isSingleProcess()) {
            boolean landed = !landingUntil(liveness.processStart(), inFlight).isAfter(now);
            writers.stream().filter(name -> !name.equals(claimant)).forEach(name -> gone.put(name, landed));
        } else {
            liveness.dead(writers).forEach((name, since) -> gone.put(name, !landingUntil(since, inFlight).isAfter(now)));
        }
        return gone;
    }

    /** The instances other than the claimant that hold claims of the flow. */
    private List<String> otherClaimants(String flow, String claimant) {
        return jdbc.queryForList("""
                SELECT DISTINCT claimed_by FROM inbound_request
                WHERE flow = :flow AND state = 'PROCESSING' AND claimed_by <> :claimant""",
                Map.of("flow", flow, "claimant", claimant), String.class);
    }

    /**
     * The claims of the flow held by gone writers become the claimant's: those that never began writing, and all of
     * a writer whose writes have all landed. Row locks order two claimants taking over the same gone writer's claims
     * (the second finds them claimed by the first and takes none), and a dying writer's mark against the take-over:
     * whichever commits second sees the other's change.
     */
    private int takeOverGone(String flow, String claimant, OffsetDateTime now, Map<String, Boolean> gone) {
        if (gone.isEmpty()) {
            return 0;
        }
        List<String> landed = gone.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
        return jdbc.update("""
                UPDATE inbound_request SET claimed_at = :now, claimed_by = :claimant, write_started_at = NULL
                WHERE flow = :flow AND state = 'PROCESSING' AND claimed_by IN (:gone)
                  AND (write_started_at IS NULL OR claimed_by IN (:landed))""",
                Map.of("flow", flow, "claimant", claimant, "now", now, "gone", gone.keySet(),
                        "landed", landed.isEmpty() ? List.of("") : landed));
    }

    /**
     * The flow's claims (other instances') that began writing while their writer may be gone, so a write of theirs may
     * still land in Magento (see {@link #claim}): claims of instances dead for less than {@code inFlight} since first
     * seen dead; claims an instance began writing before its current liveness session began, while that began less
     * than {@code inFlight} ago (its database session ended and took its SKU locks, while its batch may still be
     * waiting on Magento; it takes them back itself once that batch has returned, and its clock dates both); on a
     * single-process database, claims of an earlier process, for {@code inFlight} after this one started.
     * {@code underWriteLocks}: the caller holds the write locks of everything it will write (the inventory's SKU
     * locks), which a live writer holds for all of its batch until it has recorded it; then every other claim that
     * began writing counts, whoever holds it: its writer cannot be writing now unless it is dying (its lock connection
     * may end a moment before its liveness lock does) or its batch ended without recording. Runs in the caller's
     * transaction.
     */
    public Set<Long> writesInFlight(String flow, String claimant, Duration inFlight, boolean underWriteLocks) {
        OffsetDateTime now = now();
        Set<String> goneWriters = new HashSet<>();
        gone(otherClaimants(flow, claimant), claimant, inFlight).forEach((name, landed) -> {
            if (!landed) {
                goneWriters.add(name);
            }
        });
        Map<String, Object> params = new HashMap<>();
        params.put("flow", flow);
        params.put("claimant", claimant);
        params.put("gone", goneWriters.isEmpty() ? List.of("") : goneWriters);
        params.put("sessionsSince", now.minus(inFlight));
        params.put("anyWriter", underWriteLocks);
        return Set.copyOf(jdbc.queryForList("""
                SELECT r.id FROM inbound_request r
                WHERE r.flow = :flow AND r.state = 'PROCESSING' AND r.claimed_by <> :claimant
                  AND r.write_started_at IS NOT NULL
                  AND (:anyWriter OR r.claimed_by IN (:gone)
                       OR EXISTS (SELECT 1 FROM bridge_node n WHERE n.name = r.claimed_by
                                  AND n.started_at > :sessionsSince AND r.write_started_at < n.started_at))""",
                params, Long.class));
    }

    /** Up to {@code limit} received requests of the flow, oldest first, claimed for {@code claimant} at {@code now}. */
    private List<Long> claimReceived(String flow, int limit, String claimant, OffsetDateTime now) {
        List<Long> ids = jdbc.queryForList(dialect.isSingleProcess() ? CLAIMABLE_SINGLE_PROCESS : CLAIMABLE_SHARED,
                Map.of("flow", flow, "limit", limit), Long.class);
        if (!ids.isEmpty()) {
            int claimed = jdbc.update("""
                    UPDATE inbound_request SET state = 'PROCESSING', claimed_at = :now, claimed_by = :claimant
                    WHERE id IN (:ids) AND state = 'RECEIVED'""", Map.of("ids", ids, "now", now, "claimant", claimant));
            if (claimed != ids.size()) {
                ids = jdbc.queryForList("""
                        SELECT id FROM inbound_request
                        WHERE id IN (:ids) AND state = 'PROCESSING' AND claimed_by = :claimant AND claimed_at = :now
                        ORDER BY id""", Map.of("ids", ids, "now", now, "claimant", claimant), Long.class);
            }
        }
        return ids;
    }

    /**
     * Claimed request ids, and how many stale claims were taken over first: own left-overs, expired, orphaned (another
     * process on a single-process database) and dead (an instance whose liveness lock is gone); the claimant's
     * liveness session it was made in.
     */
    public record Claim(List<Long> requestIds, int leftOverTaken, int expiredTaken, int orphanedTaken,
                        int deadTaken, long session) { }

    /** The liveness the claims are made under (see {@link NodeLiveness#holdsSince}). */
    public NodeLiveness liveness() {
        return liveness;
    }

    /**
     * The parsed lines of the flow's requests claimed and not recorded yet, by request id, except {@code excluding} (a
     * run's own batch; empty: every claim). Claims are batches of the instances, live or dead: a bounded set. What they
     * hold may already be applied, or be on its way to Magento.
     */
    public Map<Long, String> claimedContents(String flow, java.util.Collection<Long> excluding) {
        Map<Long, String> contents = new LinkedHashMap<>();
        String sql = """
                SELECT b.request_id, b.lines FROM inbound_request r JOIN inbound_request_body b ON b.request_id = r.id
                WHERE r.flow = :flow AND r.state = 'PROCESSING'""";
        if (!excluding.isEmpty()) {
            sql += " AND r.id NOT IN (:excluding)";
        }
        Map<String, Object> params = new HashMap<>();
        params.put("flow", flow);
        params.put("excluding", excluding.isEmpty() ? List.of(-1L) : excluding);
        jdbc.query(sql, params, rs -> {
            contents.put(rs.getLong(1), rs.getString(2));
        });
        return contents;
    }

    /**
     * The parsed content of the next {@code limit} received requests of the flow after request {@code after}, oldest
     * first, without claiming them: a read-ahead while the batch before them is written (content never changes after
     * receipt; whether they are still claimable is decided by the claim).
     */
    public Map<Long, String> receivedContentsAfter(String flow, long after, int limit) {
        Map<Long, String> contents = new LinkedHashMap<>();
        jdbc.query("""
                SELECT b.request_id, b.lines FROM inbound_request r JOIN inbound_request_body b ON b.request_id = r.id
                WHERE r.flow = :flow AND r.state = 'RECEIVED' AND r.id > :after
                ORDER BY r.flow, r.state, r.id
                FETCH FIRST :limit ROWS ONLY""", Map.of("flow", flow, "after", after, "limit", limit), rs -> {
            contents.put(rs.getLong(1), rs.getString(2));
        });
        return contents;
    }

    /** The parsed content committed at receipt, by request id, in request order. */
    public Map<Long, String> contents(List<Long> requestIds) {
        Map<Long, String> contents = new LinkedHashMap<>();
        if (requestIds.isEmpty()) {
            return contents;
        }
        jdbc.query("SELECT request_id, lines FROM inbound_request_body WHERE request_id IN (:ids) ORDER BY request_id",
                Map.of("ids", requestIds), rs -> {
                    contents.put(rs.getLong(1), rs.getString(2));
                });
        return contents;
    }
}
