package com.magentobridge.inventory;

import com.magentobridge.storage.Columns;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
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

    /**
     * As above, with what was subtracted from the units received for adjusted lines. Positional parameters: this
     * runs for every line processed, and named-parameter expansion cost as much as the inserts themselves.
     */
    public void insertDecided(List<PendingLine> lines, Map<Long, LineOutcome> outcomes, Map<Long, Adjustment> adjustments) {
        OffsetDateTime now = now();
        jdbc.getJdbcTemplate().batchUpdate("""
                INSERT INTO inventory_line (id, request_id, line_no, sku, source_code, units_received, seq, updated_qty,
                                            result, message, processed_at, adjusted_queued, adjusted_quotes)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement insert, int i) throws SQLException {
                PendingLine line = lines.get(i);
                LineOutcome outcome = outcomes.get(line.lineId());
                Adjustment adjustment = adjustments.get(line.lineId());
                insert.setLong(1, line.lineId());
                insert.setLong(2, line.requestId());
                insert.setInt(3, InventoryLines.lineNo(line.lineId()));
                insert.setString(4, line.sku());
                insert.setString(5, line.source());
                insert.setLong(6, line.unitsReceived());
                insert.setLong(7, line.seq());
                setNullableLong(insert, 8, outcome.updatedQty());
                insert.setString(9, outcome.result().name());
                insert.setString(10, storedMessage(outcome));
                insert.setObject(11, now);
                setNullableLong(insert, 12, adjustment == null ? null : adjustment.queued());
                setNullableLong(insert, 13, adjustment == null ? null : adjustment.quotes());
            }

            @Override
            public int getBatchSize() {
                return lines.size();
            }
        });
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
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

    /** Appends applied sequences to the log: one packed row per {@link SequenceLogEntries#PER_ROW} entries. */
    public void appendSequenceLog(List<StockWrite> applied) {
        List<SqlParameterSource> rows = new ArrayList<>();
        for (int from = 0; from < applied.size(); from += SequenceLogEntries.PER_ROW) {
            List<StockWrite> slice = applied.subList(from, Math.min(applied.size(), from + SequenceLogEntries.PER_ROW));
            rows.add(new MapSqlParameterSource().addValue("count", slice.size())
                    .addValue("entries", SequenceLogEntries.encode(slice)));
        }
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO sku_sequence_log (entry_count, entries) VALUES (:count, :entries)",
                    rows.toArray(SqlParameterSource[]::new));
        }
    }

    /** Every applied sequence on record: sku_sequence, then the log not folded yet. */
    public void forEachAppliedSequence(java.util.function.BiConsumer<SkuSource, Long> consumer) {
        jdbc.query("SELECT sku, source_code, last_seq FROM sku_sequence", Map.of(),
                rs -> {
                    consumer.accept(new SkuSource(rs.getString(1), rs.getString(2)), rs.getLong(3));
                });
        jdbc.query("SELECT entries FROM sku_sequence_log ORDER BY id", Map.of(),
                rs -> {
                    SequenceLogEntries.decode(rs.getString(1), consumer);
                });
    }

    /**
     * Folds the oldest log row into sku_sequence and removes it; must run in a transaction. Returns the entries
     * folded (0 when the log is empty).
     */
    public int foldOldestSequenceLogRow() {
        List<LogRow> oldest = jdbc.query("""
                SELECT id, entry_count, entries FROM sku_sequence_log ORDER BY id FETCH FIRST 1 ROWS ONLY""", Map.of(),
                (rs, rowNum) -> new LogRow(rs.getLong(1), rs.getInt(2), rs.getString(3)));
        if (oldest.isEmpty()) {
            return 0;
        }
        LogRow row = oldest.get(0);
        Map<SkuSource, Long> newest = new HashMap<>();
        SequenceLogEntries.decode(row.entries(), (key, seq) -> newest.merge(key, seq, Math::max));
        advanceSequences(newest);
        jdbc.update("DELETE FROM sku_sequence_log WHERE id = :id", Map.of("id", row.id()));
        return row.count();
    }

    private record LogRow(long id, int count, String entries) { }

    /** A success's message is derived from its quantity when read (see LineOutcome.successMessage), not stored. */
    private static String storedMessage(LineOutcome outcome) {
        return outcome.result() == LineResult.Success ? null : Columns.fit(outcome.message());
    }

}
