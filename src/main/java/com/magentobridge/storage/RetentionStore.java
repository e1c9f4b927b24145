package com.magentobridge.storage;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.magentobridge.storage.DeadLetterStore;

/**
 * The retention job's SQL, one bounded batch per call (the caller commits each batch on its own). Runs unchanged on
 * H2 and PostgreSQL; named parameters only. What is never touched: requests still waiting or being processed, requests
 * an open dead letter may still replay into, the applied sequences, the order ledger and its cursors.
 */
@Repository
public class RetentionStore {

    /** Inbox states after which nothing is done with a request any more. */
    static final List<String> FINISHED = List.of("PROCESSED", "DUPLICATE");
    /** Dead letters that may still be replayed, and so still need their requests. */
    static final List<String> UNSETTLED = List.of(DeadLetterStore.OPEN, DeadLetterStore.REPLAYING);
    static final List<String> SETTLED = List.of(DeadLetterStore.REPLAYED, DeadLetterStore.DISCARDED);

    /** Tables the job deletes from, in the order of the report. */
    public static final List<String> DELETED_TABLES = List.of("inbound_request", "inbound_request_body",
            "inventory_result", "shipment_line", "shipment_progress", "order_status_result", "order_export",
            "order_export_line", "idempotency_key", "dead_letter");
    /** Tables whose raw bodies the job removes while keeping the row. */
    public static final List<String> BLANKED_TABLES = List.of("inbound_request_body", "order_export");

    /**
     * Finished requests processed before the cutoff, oldest first, after {@code after}. An open (or replaying) dead
     * letter keeps every request of its flow processed since it first failed: its own requests are among them, and a
     * replay rewrites their line results (and continues a shipment from its progress).
     */
    private static final String DUE_REQUESTS = """
            SELECT r.id FROM inbound_request r
            WHERE r.id > :after AND r.state IN (:finished) AND r.processed_at < :cutoff
              AND NOT EXISTS (SELECT 1 FROM dead_letter d
                              WHERE d.flow = r.flow AND d.state IN (:unsettled) AND d.first_failed_at <= r.processed_at)
            ORDER BY r.id
            FETCH FIRST :limit ROWS ONLY""";

    private static final String DUE_RAW_BODIES = """
            SELECT r.id FROM inbound_request r JOIN inbound_request_body b ON b.request_id = r.id
            WHERE r.id > :after AND r.state IN (:finished) AND r.processed_at < :cutoff AND LENGTH(b.raw_body) > 0
            ORDER BY r.id
            FETCH FIRST :limit ROWS ONLY""";

    private static final String DUE_EXPORTS = """
            SELECT id FROM order_export
            WHERE id > :after AND processed_at < :cutoff
            ORDER BY id
            FETCH FIRST :limit ROWS ONLY""";

    private static final String DUE_EXPORT_BODIES = """
            SELECT id FROM order_export
            WHERE id > :after AND processed_at < :cutoff AND (request_body IS NOT NULL OR response_body IS NOT NULL)
            ORDER BY id
            FETCH FIRST :limit ROWS ONLY""";

    /** A key goes once its request is gone: a request still kept (waiting, or held by a dead letter) keeps its key. */
    private static final String DELETE_KEYS = """
            DELETE FROM idempotency_key WHERE (scope, idem_key) IN (
                SELECT k.scope, k.idem_key FROM idempotency_key k
                WHERE k.created_at < :cutoff AND NOT EXISTS (SELECT 1 FROM inbound_request r WHERE r.id = k.request_id)
                ORDER BY k.created_at
                FETCH FIRST :limit ROWS ONLY)""";

    private static final String DELETE_DEAD_LETTERS = """
            DELETE FROM dead_letter WHERE id IN (
                SELECT id FROM dead_letter
                WHERE state IN (:settled) AND COALESCE(discarded_at, replayed_at) < :cutoff
                ORDER BY id
                FETCH FIRST :limit ROWS ONLY)""";

    /**
     * What one batch did.
     *
     * @param selected rows the batch took on; fewer than the batch size means nothing more is due
     * @param lastId   the highest id taken on, where the next batch continues (rows kept are not looked at again)
     * @param counts   rows deleted or blanked, by table
     */
    public record Batch(int selected, long lastId, Map<String, Integer> counts) { }

    private final NamedParameterJdbcTemplate jdbc;

    public RetentionStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Deletes a batch of finished requests processed before {@code cutoff}, with their bodies and results. */
    public Batch deleteFinishedRequests(OffsetDateTime cutoff, long after, int limit) {
        List<Long> ids = jdbc.queryForList(DUE_REQUESTS, page(cutoff, after, limit)
                .addValue("finished", FINISHED).addValue("unsettled", UNSETTLED), Long.class);
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            Map<String, Object> requests = Map.of("ids", ids);
            counts.put("inventory_result",
                    jdbc.update("DELETE FROM inventory_result WHERE request_id IN (:ids)", requests));
            counts.put("shipment_line", jdbc.update("DELETE FROM shipment_line WHERE request_id IN (:ids)", requests));
            counts.put("shipment_progress",
                    jdbc.update("DELETE FROM shipment_progress WHERE request_id IN (:ids)", requests));
            counts.put("order_status_result",
                    jdbc.update("DELETE FROM order_status_result WHERE request_id IN (:ids)", requests));
            counts.put("inbound_request_body",
                    jdbc.update("DELETE FROM inbound_request_body WHERE request_id IN (:ids)", requests));
            counts.put("inbound_request", jdbc.update("DELETE FROM inbound_request WHERE id IN (:ids)", requests));
        }
        return batch(ids, after, counts);
    }

    /** Deletes a batch of export calls recorded before {@code cutoff}, with their per-order results. */
    public Batch deleteExportHistory(OffsetDateTime cutoff, long after, int limit) {
        List<Long> ids = jdbc.queryForList(DUE_EXPORTS, page(cutoff, after, limit), Long.class);
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            Map<String, Object> exports = Map.of("ids", ids);
            counts.put("order_export_line", jdbc.update("DELETE FROM order_export_line WHERE export_id IN (:ids)", exports));
            counts.put("order_export", jdbc.update("DELETE FROM order_export WHERE id IN (:ids)", exports));
        }
        return batch(ids, after, counts);
    }

    /** Empties the raw body of a batch of finished requests processed before {@code cutoff}; the audit row stays. */
    public Batch blankRawBodies(OffsetDateTime cutoff, long after, int limit) {
        List<Long> ids = jdbc.queryForList(DUE_RAW_BODIES, page(cutoff, after, limit).addValue("finished", FINISHED),
                Long.class);
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            counts.put("inbound_request_body", jdbc.update(
                    "UPDATE inbound_request_body SET raw_body = '' WHERE request_id IN (:ids)", Map.of("ids", ids)));
        }
        return batch(ids, after, counts);
    }

    /** Removes the request and response bodies of a batch of export calls recorded before {@code cutoff}. */
    public Batch blankExportBodies(OffsetDateTime cutoff, long after, int limit) {
        List<Long> ids = jdbc.queryForList(DUE_EXPORT_BODIES, page(cutoff, after, limit), Long.class);
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            counts.put("order_export", jdbc.update(
                    "UPDATE order_export SET request_body = NULL, response_body = NULL WHERE id IN (:ids)",
                    Map.of("ids", ids)));
        }
        return batch(ids, after, counts);
    }

    /** Deletes a batch of idempotency keys created before {@code cutoff} whose request is gone. */
    public Batch deleteIdempotencyKeys(OffsetDateTime cutoff, int limit) {
        int deleted = jdbc.update(DELETE_KEYS, page(cutoff, 0, limit));
        return new Batch(deleted, 0, Map.of("idempotency_key", deleted));
    }

    /** Deletes a batch of dead letters replayed or discarded before {@code cutoff}; open ones are never deleted. */
    public Batch deleteSettledDeadLetters(OffsetDateTime cutoff, int limit) {
        int deleted = jdbc.update(DELETE_DEAD_LETTERS, page(cutoff, 0, limit).addValue("settled", SETTLED));
        return new Batch(deleted, 0, Map.of("dead_letter", deleted));
    }

    private static MapSqlParameterSource page(OffsetDateTime cutoff, long after, int limit) {
        return new MapSqlParameterSource().addValue("cutoff", cutoff).addValue("after", after).addValue("limit", limit);
    }

    private static Batch batch(List<Long> ids, long after, Map<String, Integer> counts) {
        return new Batch(ids.size(), ids.isEmpty() ? after : ids.get(ids.size() - 1), counts);
    }
}
