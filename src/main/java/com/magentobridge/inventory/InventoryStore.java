package com.magentobridge.inventory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.SqlDialect;
import com.magentobridge.flow.LineResult;
import com.magentobridge.flow.Flow;

/** SQL for the inventory flow: recorded line results, the per-SKU sequences and their log. */
@Repository
public class InventoryStore {


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
     * As above, with what was subtracted from the units received for adjusted lines: one packed row per request
     * (see {@link PackedLineResults}), positional parameters (named-parameter expansion cost as much as the inserts).
     */
    public void insertDecided(List<PendingLine> lines, Map<Long, LineOutcome> outcomes, Map<Long, Adjustment> adjustments) {
        OffsetDateTime now = now();
        Map<Long, List<PackedLineResults.Entry>> byRequest = new LinkedHashMap<>();
        for (PendingLine line : lines) {
            PackedLineResults.put(byRequest.computeIfAbsent(line.requestId(), id -> new ArrayList<>()),
                    InventoryLines.lineNo(line.lineId()),
                    PackedLineResults.entry(outcomes.get(line.lineId()), adjustments.get(line.lineId())));
        }
        List<Map.Entry<Long, List<PackedLineResults.Entry>>> rows = new ArrayList<>(byRequest.entrySet());
        jdbc.getJdbcTemplate().batchUpdate("""
                INSERT INTO inventory_result (request_id, success_count, duplicate_count, superseded_count, failed_count,
                                              decided_at, changed_at, results)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement insert, int i) throws SQLException {
                Map.Entry<Long, List<PackedLineResults.Entry>> row = rows.get(i);
                insert.setLong(1, row.getKey());
                setCounts(insert, 2, PackedLineResults.counts(row.getValue()));
                insert.setObject(6, now);
                insert.setObject(7, now);
                insert.setString(8, PackedLineResults.encode(row.getValue()));
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    /** The per-result count columns of inventory_result, in the order every statement here lists them. */
    private static final List<LineResult> COUNTED = List.of(LineResult.Success, LineResult.Duplicate,
            LineResult.Superseded, LineResult.Failed);

    private static void setCounts(PreparedStatement statement, int first, Map<LineResult, Integer> counts)
            throws SQLException {
        for (int i = 0; i < COUNTED.size(); i++) {
            statement.setInt(first + i, counts.get(COUNTED.get(i)));
        }
    }

    /** The counts read from the columns starting at {@code first}, by result name, results without lines left out. */
    private static Map<String, Long> nonZeroCounts(ResultSet rs, int first) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < COUNTED.size(); i++) {
            long lines = rs.getLong(first + i);
            if (lines > 0) {
                counts.put(COUNTED.get(i).name(), lines);
            }
        }
        return counts;
    }

    /**
     * Rewrites the results of replayed lines, each stamped with the time of the replay; what adjustment subtracted is
     * kept. A request's row is locked while it is rewritten, so two replays of its chunks cannot lose each other's
     * results. A request not recorded yet is left to the batch that will record it.
     */
    public void recordOutcomes(Map<Long, LineOutcome> outcomes) {
        OffsetDateTime now = now();
        long nowMillis = now.toInstant().toEpochMilli();
        Map<Long, Map<Long, LineOutcome>> byRequest = new TreeMap<>();
        outcomes.forEach((lineId, outcome) ->
                byRequest.computeIfAbsent(InventoryLines.requestId(lineId), id -> new HashMap<>()).put(lineId, outcome));
        byRequest.forEach((requestId, replayed) -> {
            List<String> packed = jdbc.queryForList(
                    "SELECT results FROM inventory_result WHERE request_id = :id FOR UPDATE", Map.of("id", requestId),
                    String.class);
            if (packed.isEmpty()) {
                return;
            }
            List<PackedLineResults.Entry> entries = PackedLineResults.decode(packed.get(0));
            replayed.forEach((lineId, outcome) -> {
                int lineNo = InventoryLines.lineNo(lineId);
                PackedLineResults.Entry before = lineNo <= entries.size() ? entries.get(lineNo - 1) : null;
                Adjustment adjusted = before == null || before.adjustedQueued() == null ? null
                        : new Adjustment(before.adjustedQueued(), before.adjustedQuotes());
                PackedLineResults.put(entries, lineNo, PackedLineResults.entry(outcome, adjusted).withTime(nowMillis));
            });
            jdbc.getJdbcTemplate().update("""
                    UPDATE inventory_result SET success_count = ?, duplicate_count = ?, superseded_count = ?,
                           failed_count = ?, changed_at = ?, results = ?
                    WHERE request_id = ?""", update -> {
                setCounts(update, 1, PackedLineResults.counts(entries));
                update.setObject(5, now);
                update.setString(6, PackedLineResults.encode(entries));
                update.setLong(7, requestId);
            });
        });
    }

    /** The recorded lines of a request, by line number; empty when none is recorded yet. */
    public List<RecordedLine> recordedLines(long requestId) {
        List<RecordedLine> lines = new ArrayList<>();
        jdbc.query("SELECT decided_at, results FROM inventory_result WHERE request_id = :id", Map.of("id", requestId),
                rs -> {
                    OffsetDateTime decidedAt = rs.getObject(1, OffsetDateTime.class);
                    List<PackedLineResults.Entry> entries = PackedLineResults.decode(rs.getString(2));
                    for (int i = 0; i < entries.size(); i++) {
                        if (entries.get(i) != null) {
                            lines.add(RecordedLine.of(i + 1, entries.get(i), decidedAt));
                        }
                    }
                });
        return lines;
    }

    /** Lines per result of each request that has recorded results (results without lines left out). */
    public Map<Long, Map<String, Integer>> resultCounts(Collection<Long> requestIds) {
        Map<Long, Map<String, Integer>> counts = new HashMap<>();
        if (requestIds.isEmpty()) {
            return counts;
        }
        jdbc.query("""
                SELECT request_id, success_count, duplicate_count, superseded_count, failed_count
                FROM inventory_result WHERE request_id IN (:ids)""", Map.of("ids", requestIds),
                rs -> {
                    Map<String, Integer> request = new LinkedHashMap<>();
                    nonZeroCounts(rs, 2).forEach((result, lines) -> request.put(result, lines.intValue()));
                    counts.put(rs.getLong(1), request);
                });
        return counts;
    }

    /** Lines per result of the inventory messages received since {@code since}. */
    public Map<String, Long> resultsReceivedSince(OffsetDateTime since) {
        return jdbc.query("""
                SELECT SUM(x.success_count), SUM(x.duplicate_count), SUM(x.superseded_count), SUM(x.failed_count)
                FROM inbound_request r JOIN inventory_result x ON x.request_id = r.id
                WHERE r.flow = :flow AND r.received_at >= :since""",
                new MapSqlParameterSource().addValue("flow", Flow.INVENTORY.id()).addValue("since", since),
                rs -> rs.next() ? nonZeroCounts(rs, 1) : Map.of());
    }

    /** A failed line: its request, SKU, Magento's reason, when it was recorded. */
    public record FailedLine(long requestId, String sku, String message, OffsetDateTime at) { }

    /** The latest failed lines of messages received since {@code since}, newest first, at most {@code limit}. */
    public List<FailedLine> recentFailures(OffsetDateTime since, int limit) {
        List<FailedLine> failures = new ArrayList<>();
        jdbc.query("""
                SELECT r.id, x.decided_at, x.results, b.lines
                FROM inbound_request r JOIN inventory_result x ON x.request_id = r.id
                     LEFT JOIN inbound_request_body b ON b.request_id = r.id
                WHERE r.flow = :flow AND r.received_at >= :since AND x.failed_count > 0
                ORDER BY x.changed_at DESC, r.id DESC FETCH FIRST :limit ROWS ONLY""",
                new MapSqlParameterSource().addValue("flow", Flow.INVENTORY.id()).addValue("since", since).addValue("limit", limit),
                rs -> {
                    long requestId = rs.getLong(1);
                    OffsetDateTime decidedAt = rs.getObject(2, OffsetDateTime.class);
                    List<PackedLineResults.Entry> entries = PackedLineResults.decode(rs.getString(3));
                    String body = rs.getString(4);
                    List<InventoryLines.LineRow> rows = body == null ? List.of() : InventoryLines.decode(body);
                    // last line first: the stable sort below keeps that order among lines recorded together
                    for (int i = entries.size() - 1; i >= 0; i--) {
                        PackedLineResults.Entry entry = entries.get(i);
                        if (entry != null && entry.result() == LineResult.Failed) {
                            RecordedLine line = RecordedLine.of(i + 1, entry, decidedAt);
                            failures.add(new FailedLine(requestId, i < rows.size() ? rows.get(i).sku() : null,
                                    line.message(), line.processedAt()));
                        }
                    }
                });
        failures.sort(Comparator.comparing(FailedLine::at).reversed()
                .thenComparing(Comparator.comparingLong(FailedLine::requestId).reversed()));
        return failures.size() > limit ? new ArrayList<>(failures.subList(0, limit)) : failures;
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
            try (PreparedStatement query = connection.prepareStatement("""
                    SELECT s.sku, s.source_code, s.last_seq
                    FROM sku_sequence s JOIN unnest(?::varchar[]) AS wanted(sku) ON s.sku = wanted.sku""")) {
                query.setArray(1, connection.createArrayOf("varchar", skus.toArray()));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        result.put(new SkuSource(rs.getString(1), rs.getString(2)), rs.getLong(3));
                    }
                }
            }
            return null;
        });
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
}
