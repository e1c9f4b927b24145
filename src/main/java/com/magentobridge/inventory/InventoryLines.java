package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The parsed lines of a received message as stored in the inbox: a compact JSON array of
 * {@code [sku, source, units, seq, lastOrderExported]}, committed with the request before the ack and turned
 * into result rows when the batch that decides them completes. Line ids are {@code requestId * 100000 + lineNo}.
 */
public final class InventoryLines {

    public static final int MAX_LINES_PER_MESSAGE = 99_999;
    private static final long ID_FACTOR = 100_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

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
        ArrayNode array = JSON.createArrayNode();
        for (LineRow row : rows) {
            ArrayNode line = array.addArray();
            line.add(row.sku()).add(row.source()).add(row.units()).add(row.seq());
            if (row.lastOrderExported() != null) {
                line.add(row.lastOrderExported());
            }
        }
        return array.toString();
    }

    public static List<LineRow> decode(String json) {
        try {
            JsonNode array = JSON.readTree(json);
            List<LineRow> rows = new ArrayList<>(array.size());
            for (JsonNode line : array) {
                rows.add(new LineRow(line.get(0).asText(), line.get(1).asText(), line.get(2).asLong(), line.get(3).asLong(),
                        line.size() > 4 ? line.get(4).asText() : null));
            }
            return rows;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored inventory lines are not readable", e);
        }
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
