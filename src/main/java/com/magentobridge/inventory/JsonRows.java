package com.magentobridge.inventory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The compact form the inventory flow packs many small rows into one column with (received lines, line results, the
 * applied-sequence log): a JSON array of rows, each row an array of strings, whole numbers and nulls with trailing
 * nulls left out, or {@code null} for an empty slot. Jackson's streaming API, no node tree: it runs on the ack path.
 */
final class JsonRows {

    private static final JsonFactory JSON = new JsonFactory();

    private JsonRows() {
    }

    /** {@code fields} turns a row into its fields (String, Long or null); a null row is written as {@code null}. */
    static <T> String write(List<T> rows, Function<T, Object[]> fields) {
        StringWriter out = new StringWriter(rows.size() * 24 + 2);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (T row : rows) {
                if (row == null) {
                    json.writeNull();
                } else {
                    writeRow(json, fields.apply(row));
                }
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeRow(JsonGenerator json, Object[] fields) throws IOException {
        int last = fields.length - 1;
        while (last >= 0 && fields[last] == null) {
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

    /**
     * The rows, each turned into a value by {@code row} from its fields (missing trailing fields are null); a null row
     * stays null where {@code emptyRows} allows it. Anything malformed, including what {@code row} rejects with
     * IllegalArgumentException, fails with the {@code unreadable} message.
     */
    static <T> List<T> read(String stored, int fieldCount, boolean emptyRows, Function<Object[], T> row, String unreadable) {
        try (JsonParser json = JSON.createParser(stored)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            List<T> rows = new ArrayList<>();
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                if (token == JsonToken.VALUE_NULL && emptyRows) {
                    rows.add(null);
                } else {
                    expect(token, JsonToken.START_ARRAY);
                    rows.add(row.apply(readFields(json, fieldCount)));
                }
            }
            return rows;
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(unreadable, e);
        }
    }

    private static Object[] readFields(JsonParser json, int fieldCount) throws IOException {
        Object[] fields = new Object[fieldCount];
        int i = 0;
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            if (i >= fieldCount) {
                throw new IOException("a row with more than " + fieldCount + " fields");
            }
            fields[i++] = switch (token) {
                case VALUE_NULL -> null;
                case VALUE_NUMBER_INT -> json.getLongValue();
                case VALUE_STRING -> json.getText();
                default -> throw new IOException("unexpected " + token + " in a row");
            };
        }
        return fields;
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " but found " + actual);
        }
    }

    /** A field that must be present and a string. */
    static String text(Object[] fields, int index) {
        if (fields[index] instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException("field " + index + " is not a string: " + fields[index]);
    }

    /** A field that must be present and a whole number. */
    static long number(Object[] fields, int index) {
        if (fields[index] instanceof Long number) {
            return number;
        }
        throw new IllegalArgumentException("field " + index + " is not a number: " + fields[index]);
    }

    /** A field that may be null, else a string. */
    static String optionalText(Object[] fields, int index) {
        return fields[index] == null ? null : text(fields, index);
    }

    /** A field that may be null, else a whole number. */
    static Long optionalNumber(Object[] fields, int index) {
        return fields[index] == null ? null : number(fields, index);
    }
}
