package com.magentobridge.inventory;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.magentobridge.storage.Columns;
import com.magentobridge.flow.LineResult;

/**
 * The recorded results of one request's lines, stored as one row rather than one row per line: a compact JSON array
 * indexed by line number, each element {@code [result, updatedQty, message, adjustedQueued, adjustedQuotes,
 * processedAtMillis]} with trailing nulls left out, or {@code null} for a line without a result yet. A line's own time
 * is kept only when it differs from the row's (a replayed line). Writing a batch of 10,000 lines then costs one insert
 * per request instead of one per line.
 * <p>
 * Migration V13 packed the rows recorded before it with its own frozen copy of this format (a migration never changes);
 * whatever this class becomes, {@link #decode} must keep reading those rows (PackedResultsMigrationTest checks it).
 */
public final class PackedLineResults {

    /** One line's recorded result; {@code processedAtMillis} only when it differs from the row's decision time. */
    public record Entry(LineResult result, Long updatedQty, String message, Long adjustedQueued, Long adjustedQuotes,
                        Long processedAtMillis) {

        public Entry withTime(long millis) {
            return new Entry(result, updatedQty, message, adjustedQueued, adjustedQuotes, millis);
        }
    }

    private PackedLineResults() {
    }

    /** The entry for a decided line; a success's message is derived from its quantity when read, so it is not stored. */
    public static Entry entry(LineOutcome outcome, Adjustment adjustment) {
        String message = outcome.result() == LineResult.Success ? null : Columns.fit(outcome.message());
        return new Entry(outcome.result(), outcome.updatedQty(), message,
                adjustment == null ? null : adjustment.queued(), adjustment == null ? null : adjustment.quotes(), null);
    }

    /** Puts {@code entry} at line {@code lineNo} (1-based), growing the list with undecided lines as needed. */
    public static void put(List<Entry> entries, int lineNo, Entry entry) {
        while (entries.size() < lineNo) {
            entries.add(null);
        }
        entries.set(lineNo - 1, entry);
    }

    public static String encode(List<Entry> entries) {
        return JsonRows.write(entries, entry -> new Object[] {entry.result().name(), entry.updatedQty(), entry.message(),
                entry.adjustedQueued(), entry.adjustedQuotes(), entry.processedAtMillis()});
    }

    /** The entries by line (index 0 is line 1); {@code null} where a line has no result. */
    public static List<Entry> decode(String packed) {
        return JsonRows.read(packed, 6, true, fields -> new Entry(LineResult.valueOf(JsonRows.text(fields, 0)),
                JsonRows.optionalNumber(fields, 1), JsonRows.optionalText(fields, 2), JsonRows.optionalNumber(fields, 3),
                JsonRows.optionalNumber(fields, 4), JsonRows.optionalNumber(fields, 5)), "Stored inventory line results are not readable");
    }

    /** Lines per result, every result present (zero when none). */
    public static Map<LineResult, Integer> counts(List<Entry> entries) {
        Map<LineResult, Integer> counts = new EnumMap<>(LineResult.class);
        for (LineResult result : LineResult.values()) {
            counts.put(result, 0);
        }
        for (Entry entry : entries) {
            if (entry != null) {
                counts.merge(entry.result(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
