package com.magentobridge.inventory;

import java.util.List;
import java.util.Map;

/** Reads and advances sku_sequence in the database on every batch: right when several instances share it. */
public class DatabaseAppliedSequences implements AppliedSequences {

    private final InventoryStore store;

    public DatabaseAppliedSequences(InventoryStore store) {
        this.store = store;
    }

    @Override
    public Map<SkuSource, Long> lastApplied(List<SkuSource> keys) {
        return store.lastApplied(keys);
    }

    @Override
    public void record(List<StockWrite> applied) {
        Map<SkuSource, Long> sequences = new java.util.HashMap<>();
        for (StockWrite write : applied) {
            sequences.merge(write.key(), write.seq(), Math::max);
        }
        store.advanceSequences(sequences);
    }
}
