package com.magentobridge.inventory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What one processing run claimed and decided: superseded lines already have outcomes; the rest are chunks to write. */
public final class StockBatch {

    private final List<Long> requestIds;
    private final Map<Long, LineOutcome> outcomes = new ConcurrentHashMap<>();
    private final List<StockWriteChunk> chunks;
    private final int lineCount;

    public StockBatch(List<Long> requestIds, int lineCount, Map<Long, LineOutcome> decided, List<StockWriteChunk> chunks) {
        this.requestIds = List.copyOf(requestIds);
        this.lineCount = lineCount;
        this.outcomes.putAll(decided);
        this.chunks = List.copyOf(chunks);
    }

    public static StockBatch none() {
        return new StockBatch(List.of(), 0, Map.of(), List.of());
    }

    public boolean isEmpty() { return requestIds.isEmpty(); }
    public List<Long> requestIds() { return requestIds; }
    public List<StockWriteChunk> chunks() { return chunks; }
    public int lineCount() { return lineCount; }

    /** Decided outcomes plus everything the chunks recorded. */
    public Map<Long, LineOutcome> outcomes() {
        Map<Long, LineOutcome> all = new ConcurrentHashMap<>(outcomes);
        for (StockWriteChunk chunk : chunks) {
            all.putAll(chunk.outcomes());
        }
        return all;
    }
}
