package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.SqlDialect;
import com.magentobridge.flow.LineResult;
import com.magentobridge.flow.Flow;

/**
 * Line results as recorded, replayed and read back (one packed row per request), on a real H2 with the real
 * migrations, including the upgrade of results recorded one row per line before V13.
 */
class RecordedResultsTest {

    private JdbcDataSource dataSource;
    private NamedParameterJdbcTemplate jdbc;
    private InventoryStore store;
    private InboxStore inbox;
    private long nextMessage = 1;

    @BeforeEach
    void database() throws Exception {
        dataSource = database(null);
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        store = new InventoryStore(jdbc, new SqlDialect(dataSource));
        inbox = new InboxStore(jdbc, new SqlDialect(dataSource), NodeLiveness.none());
    }

    private static JdbcDataSource database(String target) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:results-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target == null ? "latest" : target)
                .load().migrate();
        return dataSource;
    }

    /** A received request with these SKUs as its lines (source default, units 10 × line, seq 100 + line). */
    private long request(String... skus) {
        List<InventoryLines.LineRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < skus.length; i++) {
            rows.add(new InventoryLines.LineRow(skus[i], "default", 10L * (i + 1), 100 + i, null));
        }
        return inbox.insert(new InboxStore.NewRequest(Flow.INVENTORY.id(), "update", "soap", "default", nextMessage++,
                rows.size(), "<raw/>", InventoryLines.encode(rows)));
    }

    private static List<PendingLine> lines(long requestId, String... skus) {
        List<InventoryLines.LineRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < skus.length; i++) {
            rows.add(new InventoryLines.LineRow(skus[i], "default", 10L * (i + 1), 100 + i, null));
        }
        return InventoryLines.pending(requestId, rows);
    }

    @Test
    void aBatchRecordsOneRowPerRequestAndTheAuditReadsEveryLineBack() {
        long first = request("A", "B", "C");
        long second = request("D");
        List<PendingLine> lines = new java.util.ArrayList<>(lines(first, "A", "B", "C"));
        lines.addAll(lines(second, "D"));
        store.insertDecided(lines, Map.of(
                        lines.get(0).lineId(), LineOutcome.success(8),
                        lines.get(1).lineId(), LineOutcome.superseded("Sequence 101 is not newer than 105"),
                        lines.get(2).lineId(), LineOutcome.failed("The requested sku not found"),
                        lines.get(3).lineId(), LineOutcome.success(40)),
                Map.of(lines.get(0).lineId(), new Adjustment(2, 0)));

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inventory_result", Map.of(), Integer.class)).isEqualTo(2);
        List<RecordedLine> recorded = store.recordedLines(first);
        assertThat(recorded).extracting(RecordedLine::lineNo, RecordedLine::result, RecordedLine::updatedQty,
                        RecordedLine::message, RecordedLine::adjustedQueued)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, LineResult.Success, 8L,
                                "Product Quantity Successfully Updated to 8", 2L),
                        org.assertj.core.groups.Tuple.tuple(2, LineResult.Superseded, null,
                                "Sequence 101 is not newer than 105", null),
                        org.assertj.core.groups.Tuple.tuple(3, LineResult.Failed, null, "The requested sku not found", null));
        assertThat(recorded).allSatisfy(line -> assertThat(line.processedAt()).isNotNull());
        assertThat(store.resultCounts(List.of(first, second, 999L))).isEqualTo(Map.of(
                first, Map.of("Success", 1, "Superseded", 1, "Failed", 1), second, Map.of("Success", 1)));
        assertThat(store.resultsReceivedSince(OffsetDateTime.now().minusHours(1)))
                .isEqualTo(Map.of("Success", 2L, "Superseded", 1L, "Failed", 1L));
        assertThat(store.recentFailures(OffsetDateTime.now().minusHours(1), 10)).singleElement().satisfies(failure -> {
            assertThat(failure.requestId()).isEqualTo(first);
            assertThat(failure.sku()).isEqualTo("C");
            assertThat(failure.message()).isEqualTo("The requested sku not found");
        });
    }

    @Test
    void aReplayRewritesOnlyItsLinesKeepsTheAdjustmentAndStampsItsTime() {
        long request = request("A", "B");
        List<PendingLine> lines = lines(request, "A", "B");
        store.insertDecided(lines, Map.of(lines.get(0).lineId(), LineOutcome.success(5),
                lines.get(1).lineId(), LineOutcome.failed("Magento answered 503")),
                Map.of(lines.get(1).lineId(), new Adjustment(3, 1)));
        OffsetDateTime decided = store.recordedLines(request).get(0).processedAt();
        jdbc.update("UPDATE inventory_result SET decided_at = :at", Map.of("at", decided.minusMinutes(5)));

        store.recordOutcomes(Map.of(lines.get(1).lineId(), LineOutcome.success(16),
                InventoryLines.lineId(987_654, 1), LineOutcome.success(1)));

        List<RecordedLine> recorded = store.recordedLines(request);
        assertThat(recorded.get(0).result()).isEqualTo(LineResult.Success);
        assertThat(recorded.get(0).processedAt()).as("untouched line keeps the batch's time")
                .isEqualTo(decided.minusMinutes(5));
        assertThat(recorded.get(1)).satisfies(line -> {
            assertThat(line.result()).isEqualTo(LineResult.Success);
            assertThat(line.updatedQty()).isEqualTo(16L);
            assertThat(line.adjustedQueued()).isEqualTo(3L);
            assertThat(line.adjustedQuotes()).isEqualTo(1L);
            assertThat(line.processedAt()).isCloseTo(OffsetDateTime.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        });
        assertThat(store.resultCounts(List.of(request))).isEqualTo(Map.of(request, Map.of("Success", 2)));
        assertThat(store.recentFailures(OffsetDateTime.now().minusHours(1), 10)).isEmpty();
    }

    @Test
    void recentFailuresAreNewestFirstAndLimited() {
        long older = request("A", "B");
        long newer = request("C");
        List<PendingLine> olderLines = lines(older, "A", "B");
        store.insertDecided(olderLines, Map.of(olderLines.get(0).lineId(), LineOutcome.failed("first"),
                olderLines.get(1).lineId(), LineOutcome.failed("second")));
        List<PendingLine> newerLines = lines(newer, "C");
        store.insertDecided(newerLines, Map.of(newerLines.get(0).lineId(), LineOutcome.failed("third")));
        jdbc.update("UPDATE inventory_result SET decided_at = :at, changed_at = :at WHERE request_id = :id",
                new MapSqlParameterSource().addValue("at", OffsetDateTime.now().minusMinutes(2)).addValue("id", older));

        assertThat(store.recentFailures(OffsetDateTime.now().minusHours(1), 2))
                .extracting(InventoryStore.FailedLine::sku).containsExactly("C", "B");
    }

    @Test
    void upgradingPacksTheResultsRecordedOneRowPerLine() throws Exception {
        JdbcDataSource old = database("12");
        NamedParameterJdbcTemplate oldJdbc = new NamedParameterJdbcTemplate(old);
        InboxStore oldInbox = new InboxStore(oldJdbc, new SqlDialect(old), NodeLiveness.none());
        List<InventoryLines.LineRow> rows = List.of(new InventoryLines.LineRow("A", "default", 5, 1, null),
                new InventoryLines.LineRow("B", "default", 6, 2, null), new InventoryLines.LineRow("C", "eu", 7, 3, null));
        long decided = oldInbox.insert(new InboxStore.NewRequest(Flow.INVENTORY.id(), "update", "soap", "default", 1, 3,
                "<raw/>", InventoryLines.encode(rows)));
        long waiting = oldInbox.insert(new InboxStore.NewRequest(Flow.INVENTORY.id(), "update", "soap", "default", 2, 1,
                "<raw/>", InventoryLines.encode(rows.subList(0, 1))));
        OffsetDateTime batch = OffsetDateTime.parse("2026-11-01T10:00:00Z");
        OffsetDateTime replay = OffsetDateTime.parse("2026-11-02T08:30:00.123Z");
        String insert = """
                INSERT INTO inventory_line (id, request_id, line_no, sku, source_code, units_received, seq, updated_qty,
                                            result, message, processed_at, adjusted_queued, adjusted_quotes)
                VALUES (:id, :request, :line, :sku, 'default', 1, 1, :qty, :result, :message, :at, :queued, :quotes)""";
        oldJdbc.update(insert, line(decided, 1, "A", 5L, "Success", null, batch, 1L, 0L));
        oldJdbc.update(insert, line(decided, 2, "B", null, "Failed", "Magento answered 400", batch, null, null));
        oldJdbc.update(insert, line(decided, 3, "C", 7L, "Success", null, replay, null, null));

        Flyway.configure().dataSource(old).locations("classpath:db/migration").load().migrate();

        InventoryStore upgraded = new InventoryStore(oldJdbc, new SqlDialect(old));
        assertThat(upgraded.recordedLines(decided)).containsExactly(
                new RecordedLine(1, LineResult.Success, 5L, "Product Quantity Successfully Updated to 5", 1L, 0L, batch),
                new RecordedLine(2, LineResult.Failed, null, "Magento answered 400", null, null, batch),
                new RecordedLine(3, LineResult.Success, 7L, "Product Quantity Successfully Updated to 7", null, null, replay));
        assertThat(upgraded.recordedLines(waiting)).isEmpty();
        assertThat(upgraded.resultCounts(List.of(decided))).isEqualTo(Map.of(decided, Map.of("Success", 2, "Failed", 1)));
        assertThat(oldJdbc.queryForObject("""
                SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE LOWER(TABLE_NAME) = 'inventory_line'""",
                Map.of(), Integer.class)).isZero();
    }

    private static MapSqlParameterSource line(long request, int lineNo, String sku, Long qty, String result,
                                              String message, OffsetDateTime at, Long queued, Long quotes) {
        return new MapSqlParameterSource().addValue("id", InventoryLines.lineId(request, lineNo))
                .addValue("request", request).addValue("line", lineNo).addValue("sku", sku)
                .addValue("qty", qty, java.sql.Types.BIGINT).addValue("result", result)
                .addValue("message", message, java.sql.Types.VARCHAR).addValue("at", at)
                .addValue("queued", queued, java.sql.Types.BIGINT).addValue("quotes", quotes, java.sql.Types.BIGINT);
    }
}
