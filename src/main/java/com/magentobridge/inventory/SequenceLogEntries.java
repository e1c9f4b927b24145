package com.magentobridge.inventory;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * One row of the applied-sequence log: the sequences a batch applied, as a compact JSON array of
 * {@code [sku, source, seq]}. Appending one packed row per slice instead of one row per SKU keeps the cost of
 * recording a batch independent of how many SKUs it wrote.
 */
public final class SequenceLogEntries {

    /** Entries per row: a fold takes one row per transaction, so this also bounds a fold's commit. */
    public static final int PER_ROW = 5_000;
    private static final JsonFactory JSON = new JsonFactory();

    private SequenceLogEntries() {
    }

    public static String encode(List<StockWrite> applied) {
        StringWriter out = new StringWriter(applied.size() * 32 + 2);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (StockWrite write : applied) {
                json.writeStartArray();
                json.writeString(write.sku());
                json.writeString(write.source());
                json.writeNumber(write.seq());
                json.writeEndArray();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static void decode(String stored, BiConsumer<SkuSource, Long> consumer) {
        try (JsonParser json = JSON.createParser(stored)) {
            if (json.nextToken() != JsonToken.START_ARRAY) {
                throw new IOException("not an array");
            }
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                if (token != JsonToken.START_ARRAY || json.nextToken() == null) {
                    throw new IOException("an entry that is not [sku, source, seq]");
                }
                String sku = json.getValueAsString();
                json.nextToken();
                String source = json.getValueAsString();
                json.nextToken();
                long seq = json.getValueAsLong();
                if (sku == null || source == null || json.nextToken() != JsonToken.END_ARRAY) {
                    throw new IOException("an entry that is not [sku, source, seq]");
                }
                consumer.accept(new SkuSource(sku, source), seq);
            }
        } catch (IOException e) {
            throw new IllegalStateException("The applied-sequence log is not readable", e);
        }
    }
}
