package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * The parsed lines of a received message as stored in the inbox: a compact JSON array of
 * {@code [sku, source, units, seq, lastOrderExported]}, committed with the request before the ack and turned
 * into results when the batch that decides them completes. Line ids are {@code requestId * 100000 + lineNo}.
 */
public final class InventoryLines {

    public static final int MAX_LINES_PER_MESSAGE = 99_999;
    private static final long ID_FACTOR = 100_000L;

    private InventoryLines() {
    }

    public record LineRow(String sku, String source, long units, long seq, String lastOrderExported) { }

    public static long lineId(long requestId, int lineNo) {
        return requestId * ID_FACTOR + lineNo;
    }

    public static long requestId(long lineId) {
        return lineId / ID_FACTOR;
    }

    public static int lineNo(long lineId) {
        return (int) (lineId % ID_FACTOR);
    }

    public static String encode(List<LineRow> rows) {
        return JsonRows.write(rows, row -> new Object[] {row.sku(), row.source(), row.units(), row.seq(),
                row.lastOrderExported()});
    }

    public static List<LineRow> decode(String stored) {
        return JsonRows.read(stored, 5, false, fields -> new LineRow(JsonRows.text(fields, 0), JsonRows.text(fields, 1),
                JsonRows.number(fields, 2), JsonRows.number(fields, 3), JsonRows.optionalText(fields, 4)),
                "Stored inventory lines are not readable");
    }

    public static List<PendingLine> pending(long requestId, String json) {
        return pending(requestId, decode(json));
    }

    public static List<PendingLine> pending(long requestId, List<LineRow> rows) {
        List<PendingLine> lines = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            LineRow row = rows.get(i);
            lines.add(new PendingLine(lineId(requestId, i + 1), requestId, row.sku(), row.source(), row.units(), row.seq()));
        }
        return lines;
    }
}
