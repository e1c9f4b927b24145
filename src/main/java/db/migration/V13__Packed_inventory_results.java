package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Inventory line results become one packed row per request instead of one row per line: recording a batch of 10,000
 * lines inserted 10,000 rows, now about 50. The results already recorded are moved over request by request, then the
 * old table goes. Java because packing needs JSON that portable SQL cannot build; runs unchanged on H2 and PostgreSQL,
 * in Flyway's transaction.
 * <p>
 * A migration never changes once shipped, so this one depends on nothing of the application: it carries its own copy
 * of the packed format as the bridge wrote it when V13 shipped (the live reader and writer are PackedLineResults and
 * JsonRows, free to evolve as long as they still read these rows). PackedResultsMigrationTest pins the output.
 * <p>
 * The packed row: a JSON array indexed by line number (element 0 is line 1), {@code null} for a line without a
 * result, else {@code [result, updatedQty, message, adjustedQueued, adjustedQuotes, processedAtMillis]} with trailing
 * nulls left out, no whitespace. {@code result} is the result's name (Success, Duplicate, Superseded, Failed). A
 * success stores no message (it is derived from its quantity when read); any other message is cut to 1,000
 * characters, the cut marked with "…". The adjustment is kept only when {@code adjusted_queued} is set, a missing
 * {@code adjusted_quotes} then counting as 0. A line's own time, in epoch milliseconds, only when it is not the
 * request's earliest (its decision time). Strings are escaped as Jackson's default generator did: {@code \"},
 * {@code \\}, {@code \b \f \n \r \t}, other characters below U+0020 as &#92;u00XX (upper-case hex), everything else
 * as is.
 * <p>
 * No checksum (BaseJavaMigration's null), as when it shipped: databases already migrated recorded none.
 */
public class V13__Packed_inventory_results extends BaseJavaMigration {

    private static final int ROWS_PER_INSERT = 500;

    /** The results a line can have, in the order of the count columns. */
    private static final List<String> RESULTS = List.of("Success", "Duplicate", "Superseded", "Failed");

    private static final String SUCCESS = "Success";

    /** The width a message is cut to (the old message column was VARCHAR(1000)). */
    private static final int MESSAGE_WIDTH = 1000;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("""
                    CREATE TABLE inventory_result (
                        request_id        BIGINT  NOT NULL PRIMARY KEY REFERENCES inbound_request (id),
                        success_count     INTEGER NOT NULL,
                        duplicate_count   INTEGER NOT NULL,
                        superseded_count  INTEGER NOT NULL,
                        failed_count      INTEGER NOT NULL,
                        decided_at        TIMESTAMP WITH TIME ZONE NOT NULL,
                        changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
                        results           TEXT    NOT NULL
                    )""");
        }
        moveRecordedLines(connection);
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE inventory_line");
        }
    }

    /** One line's packed result; {@code processedAtMillis} only when it differs from the request's decision time. */
    private record Entry(String result, Long updatedQty, String message, Long adjustedQueued, Long adjustedQuotes,
                         Long processedAtMillis) {

        Entry withTime(long millis) {
            return new Entry(result, updatedQty, message, adjustedQueued, adjustedQuotes, millis);
        }
    }

    /** One request's lines as read from the old table, in line order. */
    private static final class Request {
        final long id;
        final List<Entry> entries = new ArrayList<>();
        final List<OffsetDateTime> times = new ArrayList<>();

        Request(long id) {
            this.id = id;
        }
    }

    private static void moveRecordedLines(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("""
                SELECT request_id, line_no, result, updated_qty, message, adjusted_queued, adjusted_quotes, processed_at
                FROM inventory_line ORDER BY request_id, line_no""");
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO inventory_result (request_id, success_count, duplicate_count, superseded_count,
                                                   failed_count, decided_at, changed_at, results)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            read.setFetchSize(1000);
            Request current = null;
            int pending = 0;
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    long requestId = rs.getLong(1);
                    if (current == null || current.id != requestId) {
                        if (current != null) {
                            pending = add(insert, current, pending);
                        }
                        current = new Request(requestId);
                    }
                    int lineNo = rs.getInt(2);
                    put(current.entries, lineNo, entry(rs.getString(3), rs.getObject(4, Long.class), rs.getString(5),
                            rs.getObject(6, Long.class), rs.getObject(7, Long.class)));
                    while (current.times.size() < current.entries.size()) {
                        current.times.add(null);
                    }
                    current.times.set(lineNo - 1, rs.getObject(8, OffsetDateTime.class));
                }
            }
            if (current != null) {
                pending = add(insert, current, pending);
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
    }

    /** A line's entry: a success keeps no message, an adjustment only with its queued units. */
    private static Entry entry(String result, Long updatedQty, String message, Long queued, Long quotes) {
        if (!RESULTS.contains(result)) {
            throw new IllegalArgumentException("Unknown inventory line result: " + result);
        }
        return new Entry(result, updatedQty, result.equals(SUCCESS) ? null : fit(message), queued,
                queued == null ? null : quotes == null ? Long.valueOf(0) : quotes, null);
    }

    /** The message cut to MESSAGE_WIDTH characters, the cut marked with "…"; null stays null. */
    private static String fit(String message) {
        return message == null || message.length() <= MESSAGE_WIDTH ? message
                : message.substring(0, MESSAGE_WIDTH - 1) + "…";
    }

    /** Puts {@code entry} at line {@code lineNo} (1-based), growing the list with undecided lines as needed. */
    private static void put(List<Entry> entries, int lineNo, Entry entry) {
        while (entries.size() < lineNo) {
            entries.add(null);
        }
        entries.set(lineNo - 1, entry);
    }

    /** Adds a request's packed row to the insert batch (sent every ROWS_PER_INSERT rows); returns the rows pending. */
    private static int add(PreparedStatement insert, Request request, int pending) throws SQLException {
        OffsetDateTime decided = request.times.stream().filter(t -> t != null).min(OffsetDateTime::compareTo).orElseThrow();
        OffsetDateTime changed = request.times.stream().filter(t -> t != null).max(OffsetDateTime::compareTo).orElseThrow();
        for (int i = 0; i < request.entries.size(); i++) {
            OffsetDateTime at = request.times.get(i);
            if (at != null && !at.isEqual(decided)) {
                request.entries.set(i, request.entries.get(i).withTime(at.toInstant().toEpochMilli()));
            }
        }
        int[] counts = new int[RESULTS.size()];
        for (Entry entry : request.entries) {
            if (entry != null) {
                counts[RESULTS.indexOf(entry.result())]++;
            }
        }
        insert.setLong(1, request.id);
        insert.setInt(2, counts[0]);
        insert.setInt(3, counts[1]);
        insert.setInt(4, counts[2]);
        insert.setInt(5, counts[3]);
        insert.setObject(6, decided);
        insert.setObject(7, changed);
        insert.setString(8, encode(request.entries));
        insert.addBatch();
        if (pending + 1 >= ROWS_PER_INSERT) {
            insert.executeBatch();
            return 0;
        }
        return pending + 1;
    }

    private static String encode(List<Entry> entries) {
        StringBuilder json = new StringBuilder(entries.size() * 24 + 2).append('[');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            Entry entry = entries.get(i);
            if (entry == null) {
                json.append("null");
            } else {
                writeRow(json, new Object[] {entry.result(), entry.updatedQty(), entry.message(), entry.adjustedQueued(),
                        entry.adjustedQuotes(), entry.processedAtMillis()});
            }
        }
        return json.append(']').toString();
    }

    /** The fields (String, Long or null) as a JSON array, trailing nulls left out. */
    private static void writeRow(StringBuilder json, Object[] fields) {
        int last = fields.length - 1;
        while (last >= 0 && fields[last] == null) {
            last--;
        }
        json.append('[');
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                json.append(',');
            }
            Object field = fields[i];
            if (field == null) {
                json.append("null");
            } else if (field instanceof Long number) {
                json.append(number.longValue());
            } else {
                writeString(json, (String) field);
            }
        }
        json.append(']');
    }

    private static void writeString(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
