package com.magentobridge.inventory;

import com.magentobridge.storage.Columns;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.SqlDialect;

/** SQL for the inventory flow: inbox rows, lines, claims and the per-SKU sequences. Named parameters only. */
@Repository
public class InventoryStore {

    public static final String FLOW = "inventory";

    private static final String ADVANCE_SEQUENCE_H2 = """
            UPDATE sku_sequence SET last_seq = :seq
            WHERE sku = :sku AND source_code = :source AND last_seq < :seq""";

    private static final String INSERT_SEQUENCE_H2 = """
            INSERT INTO sku_sequence (sku, source_code, last_seq)
            VALUES (:sku, :source, :seq)""";

    private static final String ADVANCE_SEQUENCE_PG = """
            INSERT INTO sku_sequence (sku, source_code, last_seq)
            VALUES (:sku, :source, :seq)
            ON CONFLICT (sku, source_code) DO UPDATE SET last_seq = EXCLUDED.last_seq
                WHERE sku_sequence.last_seq < EXCLUDED.last_seq""";

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;

    public InventoryStore(NamedParameterJdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    static OffsetDateTime now() {
        return InboxStore.now();
    }

    /** Writes decided lines with their results; every line passed must have an outcome. */
    public void insertDecided(List<PendingLine> lines, Map<Long, LineOutcome> outcomes) {
        insertDecided(lines, outcomes, Map.of());
    }

    /** As above, with what was subtracted from the units received for adjusted lines. */
    public void insertDecided(List<PendingLine> lines, Map<Long, LineOutcome> outcomes, Map<Long, Adjustment> adjustments) {
        OffsetDateTime now = now();
        SqlParameterSource[] batch = new SqlParameterSource[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            PendingLine line = lines.get(i);
            LineOutcome outcome = outcomes.get(line.lineId());
            batch[i] = new MapSqlParameterSource()
                    .addValue("id", line.lineId()).addValue("request", line.requestId())
                    .addValue("no", InventoryLines.lineNo(line.lineId())).addValue("sku", line.sku())
                    .addValue("source", line.source()).addValue("units", line.unitsReceived()).addValue("seq", line.seq())
                    .addValue("qty", outcome.updatedQty(), Types.BIGINT).addValue("result", outcome.result().name())
                    .addValue("message", storedMessage(outcome), Types.VARCHAR).addValue("processed", now);
            Adjustment adjustment = adjustments.get(line.lineId());
            ((MapSqlParameterSource) batch[i])
                    .addValue("queued", adjustment == null ? null : adjustment.queued(), Types.BIGINT)
                    .addValue("quotes", adjustment == null ? null : adjustment.quotes(), Types.BIGINT);
        }
        jdbc.batchUpdate("""
                INSERT INTO inventory_line (id, request_id, line_no, sku, source_code, units_received, seq, updated_qty,
                                            result, message, processed_at, adjusted_queued, adjusted_quotes)
                VALUES (:id, :request, :no, :sku, :source, :units, :seq, :qty, :result, :message, :processed, :queued,
                        :quotes)""", batch);
    }

    public Map<SkuSource, Long> lastApplied(List<SkuSource> keys) {
        Map<SkuSource, Long> result = new HashMap<>();
        List<String> skus = keys.stream().map(SkuSource::sku).distinct().toList();
        if (dialect.isPostgres()) {
            lastAppliedJoined(skus, result);
            return result;
        }
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

    /**
     * PostgreSQL: one query joining the SKUs passed as an array. A long {@code IN} list is cached by PostgreSQL as a
     * generic plan; planned while sku_sequence was small, that plan scans the whole table and tests every row against
     * every listed SKU (seconds per batch once the table holds tens of thousands of SKUs). A join stays linear.
     */
    private void lastAppliedJoined(List<String> skus, Map<SkuSource, Long> result) {
        if (skus.isEmpty()) {
            return;
        }
        jdbc.getJdbcTemplate().execute((org.springframework.jdbc.core.ConnectionCallback<Void>) connection -> {
            try (java.sql.PreparedStatement query = connection.prepareStatement("""
                    SELECT s.sku, s.source_code, s.last_seq
                    FROM sku_sequence s JOIN unnest(?::varchar[]) AS wanted(sku) ON s.sku = wanted.sku""")) {
                query.setArray(1, connection.createArrayOf("varchar", skus.toArray()));
                try (java.sql.ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        result.put(new SkuSource(rs.getString(1), rs.getString(2)), rs.getLong(3));
                    }
                }
            }
            return null;
        });
    }

    public void recordOutcomes(Map<Long, LineOutcome> outcomes) {
        OffsetDateTime now = now();
        List<SqlParameterSource> batch = new ArrayList<>(outcomes.size());
        outcomes.forEach((lineId, outcome) -> batch.add(new MapSqlParameterSource()
                .addValue("id", lineId).addValue("result", outcome.result().name())
                .addValue("qty", outcome.updatedQty(), Types.BIGINT).addValue("message", storedMessage(outcome), Types.VARCHAR)
                .addValue("now", now)));
        jdbc.batchUpdate("""
                UPDATE inventory_line SET result = :result, updated_qty = :qty, message = :message, processed_at = :now
                WHERE id = :id""", batch.toArray(SqlParameterSource[]::new));
    }

    /**
     * Moves each SKU/source's last applied sequence forward, never back. PostgreSQL: one upsert. H2: a
     * conditional update, then an insert for keys seen for the first time (H2 keeps the transaction usable
     * after a unique violation, which here only means another key row appeared meanwhile).
     */
    public void advanceSequences(Map<SkuSource, Long> sequences) {
        if (sequences.isEmpty()) {
            return;
        }
        SqlParameterSource[] batch = sequences.entrySet().stream().map(entry -> new MapSqlParameterSource()
                .addValue("sku", entry.getKey().sku()).addValue("source", entry.getKey().source())
                .addValue("seq", entry.getValue())).toArray(SqlParameterSource[]::new);
        if (dialect.isPostgres()) {
            jdbc.batchUpdate(ADVANCE_SEQUENCE_PG, batch);
            return;
        }
        int[] updated = jdbc.batchUpdate(ADVANCE_SEQUENCE_H2, batch);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 0) {
                try {
                    jdbc.update(INSERT_SEQUENCE_H2, batch[i]);
                } catch (org.springframework.dao.DuplicateKeyException exists) {
                    // the row exists with a sequence at least as new: nothing to move
                }
            }
        }
    }

    /** Appends applied sequences to the log (sequential inserts; see InMemoryAppliedSequences). */
    public void appendSequenceLog(List<StockWrite> applied) {
        if (applied.isEmpty()) {
            return;
        }
        SqlParameterSource[] batch = applied.stream().map(write -> new MapSqlParameterSource()
                .addValue("sku", write.sku()).addValue("source", write.source()).addValue("seq", write.seq()))
                .toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("INSERT INTO sku_sequence_log (sku, source_code, seq) VALUES (:sku, :source, :seq)", batch);
    }

    /** Every applied sequence on record: sku_sequence, then the log not folded yet. */
    public void forEachAppliedSequence(java.util.function.BiConsumer<SkuSource, Long> consumer) {
        jdbc.query("SELECT sku, source_code, last_seq FROM sku_sequence", Map.of(),
                rs -> {
                    consumer.accept(new SkuSource(rs.getString(1), rs.getString(2)), rs.getLong(3));
                });
        jdbc.query("SELECT sku, source_code, seq FROM sku_sequence_log", Map.of(),
                rs -> {
                    consumer.accept(new SkuSource(rs.getString(1), rs.getString(2)), rs.getLong(3));
                });
    }

    /** Folds the oldest log entries (at most limit) into sku_sequence and removes them; must run in a transaction. */
    public int foldSequenceLog(int limit) {
        Long upTo = jdbc.queryForObject("""
                SELECT MAX(id) FROM (SELECT id FROM sku_sequence_log ORDER BY id FETCH FIRST :limit ROWS ONLY) oldest""",
                Map.of("limit", limit), Long.class);
        if (upTo == null) {
            return 0;
        }
        Map<SkuSource, Long> newest = new HashMap<>();
        jdbc.query("SELECT sku, source_code, MAX(seq) FROM sku_sequence_log WHERE id <= :upTo GROUP BY sku, source_code",
                Map.of("upTo", upTo), rs -> {
                    newest.put(new SkuSource(rs.getString(1), rs.getString(2)), rs.getLong(3));
                });
        advanceSequences(newest);
        return jdbc.update("DELETE FROM sku_sequence_log WHERE id <= :upTo", Map.of("upTo", upTo));
    }

    /** A success's message is derived from its quantity when read (see LineOutcome.successMessage), not stored. */
    private static String storedMessage(LineOutcome outcome) {
        return outcome.result() == LineResult.Success ? null : Columns.fit(outcome.message());
    }

}
