package com.magentobridge.inventory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The parsed lines of a received message as stored in the inbox: a compact JSON array of
 * {@code [sku, source, units, seq, lastOrderExported]}, committed with the request before the ack and turned
 * into results when the batch that decides them completes. Line ids are {@code requestId * 100000 + lineNo}.
 */
public final class InventoryLines {

    public static final int MAX_LINES_PER_MESSAGE = 99_999;
    private static final long ID_FACTOR = 100_000L;
    private static final JsonFactory JSON = new JsonFactory();

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

    /** Written with Jackson's streaming generator: this runs on the ack path for every message received. */
    public static String encode(List<LineRow> rows) {
        StringWriter out = new StringWriter(rows.size() * 40 + 2);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (LineRow row : rows) {
                json.writeStartArray();
                json.writeString(row.sku());
                json.writeString(row.source());
                json.writeNumber(row.units());
                json.writeNumber(row.seq());
                if (row.lastOrderExported() != null) {
                    json.writeString(row.lastOrderExported());
                }
                json.writeEndArray();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static List<LineRow> decode(String stored) {
        try (JsonParser json = JSON.createParser(stored)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            List<LineRow> rows = new ArrayList<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                expect(token, JsonToken.START_ARRAY);
                json.nextToken();
                String sku = json.getValueAsString();
                json.nextToken();
                String source = json.getValueAsString();
                json.nextToken();
                long units = json.getValueAsLong();
                json.nextToken();
                long seq = json.getValueAsLong();
                String lastOrderExported = json.nextToken() == JsonToken.END_ARRAY ? null : json.getValueAsString();
                if (lastOrderExported != null) {
                    expect(json.nextToken(), JsonToken.END_ARRAY);
                }
                if (sku == null || source == null) {
                    throw new IOException("a stored line without SKU or source");
                }
                rows.add(new LineRow(sku, source, units, seq, lastOrderExported));
            }
            return rows;
        } catch (IOException e) {
            throw new IllegalStateException("Stored inventory lines are not readable", e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
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
