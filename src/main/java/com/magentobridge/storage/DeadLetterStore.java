package com.magentobridge.storage;

import com.magentobridge.storage.Columns;
import java.time.OffsetDateTime;
import java.util.Map;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The dead-letter table. */
@Repository
public class DeadLetterStore {

    public static final String OPEN = "OPEN";
    public static final String REPLAYED = "REPLAYED";
    public static final String DISCARDED = "DISCARDED";
    /** Being replayed right now: a second replay of the same letter is refused meanwhile. */
    public static final String REPLAYING = "REPLAYING";

    private static final RowMapper<DeadLetter> ROW = (rs, i) -> new DeadLetter(rs.getLong("id"), rs.getString("flow"),
            rs.getString("route_id"), rs.getString("endpoint"), rs.getString("replay_uri"), rs.getString("body_type"),
            rs.getString("body"), rs.getString("headers"), rs.getString("exception_class"),
            rs.getString("exception_message"), rs.getInt("attempts"),
            rs.getObject("first_failed_at", OffsetDateTime.class), rs.getObject("last_failed_at", OffsetDateTime.class),
            rs.getString("state"), rs.getObject("replayed_at", OffsetDateTime.class), rs.getString("replayed_by"),
            rs.getInt("replay_count"), rs.getString("replay_outcome"),
            rs.getObject("discarded_at", OffsetDateTime.class), rs.getString("discarded_by"),
            rs.getString("discard_reason"));

    private final NamedParameterJdbcTemplate jdbc;

    public DeadLetterStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String flow, String routeId, String endpoint, String replayUri, String bodyType, String body,
                       String headers, String exceptionClass, String exceptionMessage, int attempts,
                       OffsetDateTime firstFailedAt) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO dead_letter (flow, route_id, endpoint, replay_uri, body_type, body, headers, exception_class,
                                         exception_message, attempts, first_failed_at, last_failed_at, state)
                VALUES (:flow, :route, :endpoint, :replay, :type, :body, :headers, :exClass, :exMessage, :attempts,
                        :first, :last, 'OPEN')""",
                new MapSqlParameterSource().addValue("flow", flow).addValue("route", routeId)
                        .addValue("endpoint", endpoint).addValue("replay", replayUri).addValue("type", bodyType)
                        .addValue("body", body).addValue("headers", headers).addValue("exClass", exceptionClass)
                        .addValue("exMessage", Columns.fit(exceptionMessage, 4000)).addValue("attempts", attempts)
                        .addValue("first", firstFailedAt).addValue("last", OffsetDateTime.now(ZoneOffset.UTC)),
                key, new String[] {"id"});
        return key.getKey().longValue();
    }

    public List<DeadLetter> list(String flow, String state, int limit) {
        return list(new Filter(flow, state, null, null, null), limit);
    }

    /** Which dead letters: every field optional; {@code text} is searched in the error message, ignoring case. */
    public record Filter(String flow, String state, OffsetDateTime since, OffsetDateTime until, String text) { }

    /** Newest first; a letter matches when its last failure lies within [since, until). */
    public List<DeadLetter> list(Filter filter, int limit) {
        return jdbc.query("""
                SELECT * FROM dead_letter
                WHERE (CAST(:flow AS VARCHAR(32)) IS NULL OR flow = :flow)
                  AND (CAST(:state AS VARCHAR(16)) IS NULL OR state = :state)
                  AND (CAST(:since AS TIMESTAMP WITH TIME ZONE) IS NULL OR last_failed_at >= :since)
                  AND (CAST(:until AS TIMESTAMP WITH TIME ZONE) IS NULL OR last_failed_at < :until)
                  AND (CAST(:text AS VARCHAR(4000)) IS NULL OR LOWER(exception_message) LIKE :text)
                ORDER BY id DESC
                FETCH FIRST :limit ROWS ONLY""",
                new MapSqlParameterSource().addValue("flow", filter.flow()).addValue("state", filter.state())
                        .addValue("since", filter.since(), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                        .addValue("until", filter.until(), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                        .addValue("text", filter.text() == null || filter.text().isBlank() ? null
                                : "%" + filter.text().toLowerCase(java.util.Locale.ROOT)
                                        .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                        .addValue("limit", limit), ROW);
    }

    /**
     * The bodies of the flow's letters not settled yet (OPEN or REPLAYING) by id: few, read by the state index on every
     * batch of a flow whose parked work holds what it touches until it is replayed or discarded.
     */
    public Map<Long, String> unsettledBodies(String flow) {
        Map<Long, String> bodies = new java.util.LinkedHashMap<>();
        jdbc.query("""
                SELECT id, body FROM dead_letter
                WHERE state IN ('OPEN', 'REPLAYING') AND flow = :flow
                ORDER BY id""", Map.of("flow", flow), rs -> {
            bodies.put(rs.getLong(1), rs.getString(2));
        });
        return bodies;
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("SELECT * FROM dead_letter WHERE id = :id", new MapSqlParameterSource("id", id), ROW)
                .stream().findFirst();
    }

    /**
     * The bodies of the flow's letters being replayed now (REPLAYING) by id: a replay holds its SKUs' locks while it
     * writes, so one seen by a run holding those locks is a replay whose instance died, or is dying, mid-write.
     */
    public Map<Long, String> replayingBodies(String flow) {
        Map<Long, String> bodies = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT id, body FROM dead_letter WHERE state = 'REPLAYING' AND flow = :flow ORDER BY id",
                Map.of("flow", flow), rs -> {
                    bodies.put(rs.getLong(1), rs.getString(2));
                });
        return bodies;
    }

    /**
     * Moves an OPEN letter to REPLAYING by this instance ({@code node}, its name in claims); false when it is not OPEN
     * (already replayed, discarded, or being replayed).
     */
    public boolean startReplay(long id, String node) {
        return jdbc.update("""
                UPDATE dead_letter SET state = 'REPLAYING', replay_started_by = :node, replay_started_at = :now
                WHERE id = :id AND state = 'OPEN'""",
                new MapSqlParameterSource().addValue("id", id).addValue("node", node)
                        .addValue("now", OffsetDateTime.now(ZoneOffset.UTC))) == 1;
    }

    /** The flow's letters being replayed by another instance than {@code node}: id → that instance's name. */
    public Map<Long, String> replaysOfOthers(String flow, String node) {
        Map<Long, String> replays = new java.util.LinkedHashMap<>();
        jdbc.query("""
                SELECT id, replay_started_by FROM dead_letter
                WHERE state = 'REPLAYING' AND flow = :flow AND replay_started_by <> :node""",
                Map.of("flow", flow, "node", node), rs -> {
                    replays.put(rs.getLong(1), rs.getString(2));
                });
        return replays;
    }

    /**
     * Letters whose replay was abandoned (its instance died mid-replay) are OPEN again, saying so, for ops to replay or
     * discard; returns how many.
     */
    public int reopenAbandoned(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.update("""
                UPDATE dead_letter SET state = 'OPEN', replay_outcome = :outcome
                WHERE id IN (:ids) AND state = 'REPLAYING'""",
                new MapSqlParameterSource().addValue("ids", ids).addValue("outcome", "replay abandoned: the bridge "
                        + "replaying it stopped before it finished (its write may be in Magento already): replay it again"));
    }

    /** Keeps what a replay learned (e.g. shipments created before it failed) for the next replay. */
    public void updateBody(long id, String body) {
        jdbc.update("UPDATE dead_letter SET body = :body WHERE id = :id", Map.of("id", id, "body", body));
    }

    /** A replay that succeeded: the letter is REPLAYED, by whom, when, with the flow's summary. */
    public void recordReplay(long id, String who, String outcome) {
        jdbc.update("""
                UPDATE dead_letter SET state = 'REPLAYED', replayed_at = :now, replayed_by = :who,
                       replay_count = replay_count + 1, replay_outcome = :outcome
                WHERE id = :id""",
                new MapSqlParameterSource().addValue("id", id).addValue("who", who)
                        .addValue("outcome", Columns.fit(outcome, 4000)).addValue("now", OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /**
     * A replay that failed: the letter is OPEN again and shows this failure (exception, time) with its attempts
     * added to the earlier ones, besides who replayed it and the outcome.
     */
    public void recordReplayFailure(long id, String who, String outcome, String exceptionClass, String exceptionMessage,
                                    int attempts) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.update("""
                UPDATE dead_letter SET state = 'OPEN', replayed_at = :now, replayed_by = :who,
                       replay_count = replay_count + 1, replay_outcome = :outcome, last_failed_at = :now,
                       attempts = attempts + :attempts, exception_class = :exClass, exception_message = :exMessage
                WHERE id = :id""",
                new MapSqlParameterSource().addValue("id", id).addValue("who", who)
                        .addValue("outcome", Columns.fit(outcome, 4000)).addValue("now", now)
                        .addValue("attempts", attempts).addValue("exClass", Columns.fit(exceptionClass, 256))
                        .addValue("exMessage", Columns.fit(exceptionMessage, 4000)));
    }

    /** Gives an OPEN letter up; false when it is not OPEN (replayed, discarded, or being replayed right now). */
    public boolean discard(long id, String who, String reason) {
        return jdbc.update("""
                UPDATE dead_letter SET state = 'DISCARDED', discarded_at = :now, discarded_by = :who,
                       discard_reason = :reason
                WHERE id = :id AND state = 'OPEN'""",
                new MapSqlParameterSource().addValue("id", id).addValue("who", who)
                        .addValue("reason", Columns.fit(reason, 4000))
                        .addValue("now", OffsetDateTime.now(ZoneOffset.UTC))) == 1;
    }

}
