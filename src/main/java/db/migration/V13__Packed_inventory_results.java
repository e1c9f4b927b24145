package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import com.magentobridge.inventory.Adjustment;
import com.magentobridge.inventory.LineOutcome;
import com.magentobridge.flow.LineResult;
import com.magentobridge.inventory.PackedLineResults;

/**
 * Inventory line results become one packed row per request instead of one row per line (see PackedLineResults):
 * recording a batch of 10,000 lines inserted 10,000 rows, now about 50. The results already recorded are moved over
 * request by request, then the old table goes. Java because packing needs JSON that portable SQL cannot build; runs
 * unchanged on H2 and PostgreSQL, in Flyway's transaction.
 */
public class V13__Packed_inventory_results extends BaseJavaMigration {

    private static final int ROWS_PER_INSERT = 500;

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

    /** One request's lines as read from the old table, in line order. */
    private static final class Request {
        final long id;
        final List<PackedLineResults.Entry> entries = new ArrayList<>();
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
                    Long queued = rs.getObject(6, Long.class);
                    Adjustment adjustment = queued == null ? null
                            : new Adjustment(queued, rs.getObject(7, Long.class) == null ? 0 : rs.getLong(7));
                    PackedLineResults.put(current.entries, rs.getInt(2), PackedLineResults.entry(new LineOutcome(
                            LineResult.valueOf(rs.getString(3)), rs.getObject(4, Long.class), rs.getString(5)), adjustment));
                    while (current.times.size() < current.entries.size()) {
                        current.times.add(null);
                    }
                    current.times.set(rs.getInt(2) - 1, rs.getObject(8, OffsetDateTime.class));
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
        Map<LineResult, Integer> counts = PackedLineResults.counts(request.entries);
        insert.setLong(1, request.id);
        insert.setInt(2, counts.get(LineResult.Success));
        insert.setInt(3, counts.get(LineResult.Duplicate));
        insert.setInt(4, counts.get(LineResult.Superseded));
        insert.setInt(5, counts.get(LineResult.Failed));
        insert.setObject(6, decided);
        insert.setObject(7, changed);
        insert.setString(8, PackedLineResults.encode(request.entries));
        insert.addBatch();
        if (pending + 1 >= ROWS_PER_INSERT) {
            insert.executeBatch();
            return 0;
        }
        return pending + 1;
    }
}
