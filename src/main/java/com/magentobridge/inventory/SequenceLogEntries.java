package com.magentobridge.inventory;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * One row of the applied-sequence log: the sequences a batch applied, as a compact JSON array of
 * {@code [sku, source, seq]}. Appending one packed row per slice instead of one row per SKU keeps the cost of
 * recording a batch independent of how many SKUs it wrote.
 */
public final class SequenceLogEntries {

    /** Entries per row: a fold takes one row per transaction, so this also bounds a fold's commit. */
    public static final int PER_ROW = 5_000;

    private SequenceLogEntries() {
    }

    public static String encode(List<StockWrite> applied) {
        return JsonRows.write(applied, write -> new Object[] {write.sku(), write.source(), write.seq()});
    }

    private record Applied(SkuSource key, long seq) { }

    public static void decode(String stored, BiConsumer<SkuSource, Long> consumer) {
        JsonRows.read(stored, 3, false, fields -> new Applied(
                        new SkuSource(JsonRows.text(fields, 0), JsonRows.text(fields, 1)), JsonRows.number(fields, 2)),
                "The applied-sequence log is not readable").forEach(entry -> consumer.accept(entry.key(), entry.seq()));
    }
}
