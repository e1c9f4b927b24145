package com.magentobridge.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.magentobridge.flow.LineResult;
import com.magentobridge.inventory.PackedLineResults;
import com.magentobridge.inventory.PackedLineResults.Entry;

import db.migration.V13__Packed_inventory_results;

/**
 * V13 pinned: fixed V12-shaped rows in, the exact packed rows out, written here as literals. V13 carries its own copy
 * of the packing format as it was when it shipped, so a later change to the live format (PackedLineResults) must not
 * change what V13 writes; this test is what would notice. The live reader must still read what V13 wrote, since the
 * running bridge reads these rows. PackedResultsMigrationIT runs the same on PostgreSQL.
 */
public class PackedResultsMigrationTest {

    static final OffsetDateTime BATCH = OffsetDateTime.parse("2026-11-01T10:00:00Z");
    /** The batch's instant written with another offset: the same time, so no time of its own. */
    static final OffsetDateTime BATCH_ELSEWHERE = OffsetDateTime.parse("2026-11-01T12:00:00+02:00");
    /** Less than a millisecond after the batch: a time of its own, which rounds down to the batch's millisecond. */
    static final OffsetDateTime JUST_AFTER = OffsetDateTime.parse("2026-11-01T10:00:00.000999Z");
    static final OffsetDateTime LATER = OffsetDateTime.parse("2026-11-01T11:15:30.5+01:00");
    static final OffsetDateTime REPLAY = OffsetDateTime.parse("2026-11-02T08:30:00.123456Z");

    /** Quotes, backslash, slash, every short escape, other control characters, DEL, non-ASCII and U+2028. */
    static final String AWKWARD = "Magento said \"no\" \\ <b>h\u00e9llo</b> a/b \t\n\r\b\f \u0001\u001f \u007f \u20ac"
            + " \uD83D\uDE00 \u2028 end";

    /** Request id to its packed row exactly as V13 writes it. */
    static final Map<Long, String> PACKED = Map.of(
            1L, "[[\"Success\",5,null,2,1],"
                    + "[\"Failed\",null,\"Magento said \\\"no\\\" \\\\ <b>h\u00e9llo</b> a/b \\t\\n\\r\\b\\f \\u0001\\u001F"
                    + " \u007f \u20ac \uD83D\uDE00 \u2028 end\"],"
                    + "[\"Superseded\",null,\"Sequence 101 is not newer than 105\"],"
                    + "null,"
                    + "[\"Duplicate\",9,\"Already applied\"],"
                    + "[\"Success\",7,null,null,null,1793608200123],"
                    + "[\"Failed\",null,\"Magento answered 400\",3,0],"
                    + "[\"Success\",0,null,0,0,1793527200000]]",
            2L, "[[\"Success\",12,null,null,null,1793528130500],[\"Superseded\",null,\"\"]]",
            4L, "[null,null,[\"Duplicate\"]]");

    @Test
    void v13PacksV12RowsExactlyAsWhenItShipped() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:v13-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

        assertPinnedOutput(dataSource);
    }

    @Test
    void v13HasNoChecksumAsWhenItShipped() {
        // Databases migrated so far recorded V13 without a checksum; one added now would fail their validation.
        assertThat(new V13__Packed_inventory_results().getChecksum()).isNull();
    }

    /** Migrates an empty database to V12, records the fixed rows, migrates to V13 and checks what it wrote. */
    public static void assertPinnedOutput(DataSource dataSource) {
        migrate(dataSource, "12");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (long id = 1; id <= 4; id++) {
            jdbc.update("""
                    INSERT INTO inbound_request (id, flow, operation, channel, store_code, message_seq_id, state,
                                                 line_count, received_at)
                    VALUES (?, 'inventory', 'update', 'soap', 'default', ?, 'DONE', 8, ?)""", id, id, BATCH);
        }
        line(jdbc, 1, 1, "Success", 5L, "Product Quantity Successfully Updated to 5", BATCH, 2L, 1L);
        line(jdbc, 1, 2, "Failed", null, AWKWARD, BATCH, null, null);
        line(jdbc, 1, 3, "Superseded", null, "Sequence 101 is not newer than 105", BATCH_ELSEWHERE, null, null);
        line(jdbc, 1, 5, "Duplicate", 9L, "Already applied", BATCH, null, 7L);
        line(jdbc, 1, 6, "Success", 7L, null, REPLAY, null, null);
        line(jdbc, 1, 7, "Failed", null, "Magento answered 400", BATCH, 3L, null);
        line(jdbc, 1, 8, "Success", 0L, "whatever the old row said", JUST_AFTER, 0L, 0L);
        line(jdbc, 2, 2, "Superseded", null, "", BATCH, null, null);
        line(jdbc, 2, 1, "Success", 12L, null, LATER, null, null);
        line(jdbc, 4, 3, "Duplicate", null, null, BATCH, null, null);

        migrate(dataSource, "13");

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT request_id, success_count, duplicate_count, superseded_count, failed_count, results
                FROM inventory_result ORDER BY request_id""");
        assertThat(rows).extracting(row -> ((Number) row.get("request_id")).longValue()).containsExactly(1L, 2L, 4L);
        assertThat(rows).allSatisfy(row -> assertThat(row.get("results"))
                .isEqualTo(PACKED.get(((Number) row.get("request_id")).longValue())));
        assertThat(rows).extracting(row -> List.of(row.get("success_count"), row.get("duplicate_count"),
                        row.get("superseded_count"), row.get("failed_count")))
                .containsExactly(List.of(3, 1, 1, 2), List.of(1, 0, 1, 0), List.of(0, 1, 0, 0));
        assertTimes(jdbc, 1, BATCH, REPLAY);
        assertTimes(jdbc, 2, BATCH, LATER);
        assertTimes(jdbc, 4, BATCH, BATCH);
        assertThat(Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().info().applied())
                .filteredOn(applied -> applied.getVersion().getVersion().equals("13")).singleElement()
                .satisfies(applied -> assertThat(applied.getChecksum()).as("V13's recorded checksum").isNull());

        // The running bridge reads these rows with the live reader.
        assertThat(PackedLineResults.decode(PACKED.get(1L))).containsExactly(
                new Entry(LineResult.Success, 5L, null, 2L, 1L, null),
                new Entry(LineResult.Failed, null, AWKWARD, null, null, null),
                new Entry(LineResult.Superseded, null, "Sequence 101 is not newer than 105", null, null, null),
                null,
                new Entry(LineResult.Duplicate, 9L, "Already applied", null, null, null),
                new Entry(LineResult.Success, 7L, null, null, null, 1793608200123L),
                new Entry(LineResult.Failed, null, "Magento answered 400", 3L, 0L, null),
                new Entry(LineResult.Success, 0L, null, 0L, 0L, 1793527200000L));
        assertThat(PackedLineResults.decode(PACKED.get(2L))).containsExactly(
                new Entry(LineResult.Success, 12L, null, null, null, 1793528130500L),
                new Entry(LineResult.Superseded, null, "", null, null, null));
        assertThat(PackedLineResults.decode(PACKED.get(4L)))
                .isEqualTo(Arrays.asList(null, null, new Entry(LineResult.Duplicate, null, null, null, null, null)));
    }

    private static void migrate(DataSource dataSource, String target) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(target).load().migrate();
    }

    /** A line of the V12 table; id = request id * 100000 + line number, as V1 describes. */
    private static void line(JdbcTemplate jdbc, long request, int lineNo, String result, Long qty, String message,
                             OffsetDateTime at, Long queued, Long quotes) {
        jdbc.update("""
                INSERT INTO inventory_line (id, request_id, line_no, sku, source_code, units_received, seq, updated_qty,
                                            result, message, processed_at, adjusted_queued, adjusted_quotes)
                VALUES (?, ?, ?, ?, 'default', 10, 100, ?, ?, ?, ?, ?, ?)""",
                new Object[] {request * 100_000 + lineNo, request, lineNo, "SKU-" + lineNo, qty, result, message, at,
                        queued, quotes},
                new int[] {Types.BIGINT, Types.BIGINT, Types.INTEGER, Types.VARCHAR, Types.BIGINT, Types.VARCHAR,
                        Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT, Types.BIGINT});
    }

    private static void assertTimes(JdbcTemplate jdbc, long request, OffsetDateTime decided, OffsetDateTime changed) {
        assertThat(jdbc.queryForObject("SELECT decided_at FROM inventory_result WHERE request_id = ?", OffsetDateTime.class,
                request)).as("decided_at of request %d", request).isAtSameInstantAs(decided);
        assertThat(jdbc.queryForObject("SELECT changed_at FROM inventory_result WHERE request_id = ?", OffsetDateTime.class,
                request)).as("changed_at of request %d", request).isAtSameInstantAs(changed);
    }
}
