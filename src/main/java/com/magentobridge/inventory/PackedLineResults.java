package com.magentobridge.inventory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import com.magentobridge.storage.Columns;

/**
 * The recorded results of one request's lines, stored as one row rather than one row per line: a compact JSON array
 * indexed by line number, each element {@code [result, updatedQty, message, adjustedQueued, adjustedQuotes,
 * processedAtMillis]} with trailing nulls left out, or {@code null} for a line without a result yet. A line's own time
 * is kept only when it differs from the row's (a replayed line). Writing a batch of 10,000 lines then costs one insert
 * per request instead of one per line.
 */
public final class PackedLineResults {

    /** One line's recorded result; {@code processedAtMillis} only when it differs from the row's decision time. */
    public record Entry(LineResult result, Long updatedQty, String message, Long adjustedQueued, Long adjustedQuotes,
                        Long processedAtMillis) {

        public Entry withTime(long millis) {
            return new Entry(result, updatedQty, message, adjustedQueued, adjustedQuotes, millis);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

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
        StringWriter out = new StringWriter(entries.size() * 16 + 2);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (Entry entry : entries) {
                if (entry == null) {
                    json.writeNull();
                } else {
                    write(json, entry);
                }
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Entry entry) throws IOException {
        Object[] fields = {entry.result().name(), entry.updatedQty(), entry.message(), entry.adjustedQueued(),
                entry.adjustedQuotes(), entry.processedAtMillis()};
        int last = fields.length - 1;
        while (fields[last] == null) {
            last--;
        }
        json.writeStartArray();
        for (int i = 0; i <= last; i++) {
            Object field = fields[i];
            if (field == null) {
                json.writeNull();
            } else if (field instanceof Long number) {
                json.writeNumber(number);
            } else {
                json.writeString((String) field);
            }
        }
        json.writeEndArray();
    }

    /** The entries by line (index 0 is line 1); {@code null} where a line has no result. */
    public static List<Entry> decode(String packed) {
        try (JsonParser json = JSON.createParser(packed)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            List<Entry> entries = new ArrayList<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                if (token == JsonToken.VALUE_NULL) {
                    entries.add(null);
                } else {
                    expect(token, JsonToken.START_ARRAY);
                    entries.add(readEntry(json));
                }
            }
            return entries;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Stored inventory line results are not readable", e);
        }
    }

    private static Entry readEntry(JsonParser json) throws IOException {
        Object[] fields = new Object[6];
        int i = 0;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (i < fields.length) {
                fields[i] = switch (token) {
                    case VALUE_NULL -> null;
                    case VALUE_NUMBER_INT -> json.getLongValue();
                    case VALUE_STRING -> json.getText();
                    default -> throw new IOException("unexpected " + token + " in a line result");
                };
            }
            i++;
        }
        return new Entry(LineResult.valueOf((String) fields[0]), (Long) fields[1], (String) fields[2], (Long) fields[3],
                (Long) fields[4], (Long) fields[5]);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
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
