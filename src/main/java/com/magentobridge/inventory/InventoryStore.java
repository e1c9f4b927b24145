package com.magentobridge.inventory;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.magentobridge.storage.SqlDialect;

/** SQL for the inventory flow: inbox rows, lines, claims and the per-SKU sequences. Named parameters only. */
@Repository
public class InventoryStore {

    public static final String FLOW = "inventory";

    private static final String ADVANCE_SEQUENCE_H2 = """
            MERGE INTO sku_sequence t
            USING (VALUES (CAST(:sku AS VARCHAR(128)), CAST(:source AS VARCHAR(64)), CAST(:seq AS BIGINT),
                           CAST(:qty AS BIGINT), CAST(:now AS TIMESTAMP WITH TIME ZONE)))
                  AS s(sku, source_code, last_seq, last_qty, updated_at)
            ON t.sku = s.sku AND t.source_code = s.source_code
            WHEN MATCHED AND t.last_seq < s.last_seq THEN
                UPDATE SET last_seq = s.last_seq, last_qty = s.last_qty, updated_at = s.updated_at
            WHEN NOT MATCHED THEN
                INSERT (sku, source_code, last_seq, last_qty, updated_at)
                VALUES (s.sku, s.source_code, s.last_seq, s.last_qty, s.updated_at)""";

    private static final String ADVANCE_SEQUENCE_PG = """
            INSERT INTO sku_sequence (sku, source_code, last_seq, last_qty, updated_at)
            VALUES (:sku, :source, :seq, :qty, :now)
            ON CONFLICT (sku, source_code) DO UPDATE
                SET last_seq = EXCLUDED.last_seq, last_qty = EXCLUDED.last_qty, updated_at = EXCLUDED.updated_at
                WHERE sku_sequence.last_seq < EXCLUDED.last_seq""";

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;

    public InventoryStore(NamedParameterJdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    public long insertRequest(String operation, String channel, String storeCode, long messageSeqId,
                              String state, String rawBody, int lineCount) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO inbound_request (flow, operation, channel, store_code, message_seq_id, state,
                                             line_count, received_at)
                VALUES (:flow, :operation, :channel, :store, :msg, :state, :lines, :now)""",
                new MapSqlParameterSource()
                        .addValue("flow", FLOW).addValue("operation", operation).addValue("channel", channel)
                        .addValue("store", storeCode).addValue("msg", messageSeqId).addValue("state", state)
                        .addValue("lines", lineCount).addValue("now", now()),
                key, new String[] {"id"});
        long id = key.getKey().longValue();
        jdbc.update("INSERT INTO inbound_request_body (request_id, raw_body) VALUES (:id, :raw)",
                Map.of("id", id, "raw", rawBody));
        return id;
    }

    public void markDuplicate(long requestId) {
        jdbc.update("UPDATE inbound_request SET state = 'DUPLICATE', processed_at = :now WHERE id = :id",
                Map.of("id", requestId, "now", now()));
    }

    /** Inserts the lines; with a non-null result they are recorded as already decided (duplicates). */
    public void insertLines(long requestId, List<LineRow> lines, LineResult result, String message) {
        OffsetDateTime now = result == null ? null : now();
        SqlParameterSource[] batch = new SqlParameterSource[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            LineRow line = lines.get(i);
            batch[i] = new MapSqlParameterSource()
                    .addValue("request", requestId).addValue("no", i + 1).addValue("sku", line.sku())
                    .addValue("source", line.source()).addValue("units", line.units()).addValue("seq", line.seq())
                    .addValue("loe", line.lastOrderExported())
                    .addValue("result", result == null ? null : result.name()).addValue("message", message)
                    .addValue("processed", now);
        }
        jdbc.batchUpdate("""
                INSERT INTO inventory_line (request_id, line_no, sku, source_code, units_received, seq,
                                            last_order_exported, result, message, processed_at)
                VALUES (:request, :no, :sku, :source, :units, :seq, :loe, :result, :message, :processed)""", batch);
    }

    public record LineRow(String sku, String source, long units, long seq, String lastOrderExported) { }

    /** Puts back requests whose claim outlived its lease (the node that claimed them stopped mid-batch). */
    public int releaseExpiredClaims(OffsetDateTime leaseCutoff) {
        return jdbc.update("""
                UPDATE inbound_request SET state = 'RECEIVED', claimed_at = NULL, claimed_by = NULL
                WHERE flow = :flow AND state = 'PROCESSING' AND claimed_at < :cutoff""",
                Map.of("flow", FLOW, "cutoff", leaseCutoff));
    }

    /** Oldest received requests first, skipping rows another node holds; must run inside a transaction. */
    public List<Long> claimRequests(int limit, String claimant) {
        List<Long> ids = jdbc.queryForList("""
                SELECT id FROM inbound_request
                WHERE flow = :flow AND state = 'RECEIVED'
                ORDER BY id
                FETCH FIRST :limit ROWS ONLY
                FOR UPDATE SKIP LOCKED""", Map.of("flow", FLOW, "limit", limit), Long.class);
        if (!ids.isEmpty()) {
            jdbc.update("""
                    UPDATE inbound_request SET state = 'PROCESSING', claimed_at = :now, claimed_by = :claimant
                    WHERE id IN (:ids)""", Map.of("ids", ids, "now", now(), "claimant", claimant));
        }
        return ids;
    }

    public List<PendingLine> pendingLines(List<Long> requestIds) {
        if (requestIds.isEmpty()) {
            return List.of();
        }
        return jdbc.query("""
                SELECT id, request_id, sku, source_code, units_received, seq FROM inventory_line
                WHERE request_id IN (:ids) AND result IS NULL
                ORDER BY request_id, line_no""", Map.of("ids", requestIds),
                (rs, i) -> new PendingLine(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getLong(6)));
    }

    public Map<SkuSource, Long> lastApplied(List<SkuSource> keys) {
        Map<SkuSource, Long> result = new HashMap<>();
        List<String> skus = keys.stream().map(SkuSource::sku).distinct().toList();
        for (int from = 0; from < skus.size(); from += 500) {
            List<String> slice = skus.subList(from, Math.min(skus.size(), from + 500));
            jdbc.query("SELECT sku, source_code, last_seq FROM sku_sequence WHERE sku IN (:skus)",
                    Map.of("skus", slice),
                    rs -> {
                        result.put(new SkuSource(rs.getString(1), rs.getString(2)), rs.getLong(3));
                    });
        }
        return result;
    }

    public void recordOutcomes(Map<Long, LineOutcome> outcomes) {
        OffsetDateTime now = now();
        List<SqlParameterSource> batch = new ArrayList<>(outcomes.size());
        outcomes.forEach((lineId, outcome) -> batch.add(new MapSqlParameterSource()
                .addValue("id", lineId).addValue("result", outcome.result().name())
                .addValue("qty", outcome.updatedQty()).addValue("message", truncate(outcome.message()))
                .addValue("now", now)));
        jdbc.batchUpdate("""
                UPDATE inventory_line SET result = :result, updated_qty = :qty, message = :message, processed_at = :now
                WHERE id = :id""", batch.toArray(SqlParameterSource[]::new));
    }

    /** Moves each SKU/source's last applied sequence forward, never back. */
    public void advanceSequences(List<StockWrite> applied) {
        if (applied.isEmpty()) {
            return;
        }
        OffsetDateTime now = now();
        SqlParameterSource[] batch = applied.stream().map(write -> new MapSqlParameterSource()
                .addValue("sku", write.sku()).addValue("source", write.source()).addValue("seq", write.seq())
                .addValue("qty", write.qty()).addValue("now", now)).toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate(dialect.choose(ADVANCE_SEQUENCE_H2, ADVANCE_SEQUENCE_PG), batch);
    }

    public void markProcessed(List<Long> requestIds) {
        if (!requestIds.isEmpty()) {
            jdbc.update("UPDATE inbound_request SET state = 'PROCESSED', processed_at = :now WHERE id IN (:ids)",
                    Map.of("ids", requestIds, "now", now()));
        }
    }

    private static String truncate(String message) {
        return message == null || message.length() <= 1000 ? message : message.substring(0, 999) + "…";
    }
}
