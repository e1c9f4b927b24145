package com.magentobridge.inventory;

import java.util.List;
import java.util.function.BiConsumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * One row of the applied-sequence log: the sequences a batch applied, as a compact JSON array of
 * {@code [sku, source, seq]}. Appending one packed row per slice instead of one row per SKU keeps the cost of
 * recording a batch independent of how many SKUs it wrote.
 */
public final class SequenceLogEntries {

    /** Entries per row: a fold takes one row per transaction, so this also bounds a fold's commit. */
    public static final int PER_ROW = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SequenceLogEntries() {
    }

    public static String encode(List<StockWrite> applied) {
        ArrayNode array = JSON.createArrayNode();
        for (StockWrite write : applied) {
            array.addArray().add(write.sku()).add(write.source()).add(write.seq());
        }
        return array.toString();
    }

    public static void decode(String json, BiConsumer<SkuSource, Long> consumer) {
        try {
            for (JsonNode entry : JSON.readTree(json)) {
                consumer.accept(new SkuSource(entry.get(0).asText(), entry.get(1).asText()), entry.get(2).asLong());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The applied-sequence log is not readable", e);
        }
    }
}
