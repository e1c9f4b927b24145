package com.magentobridge.inventory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What one processing run claimed and decided: superseded lines already have outcomes; the rest are chunks to write. */
public final class StockBatch {

    private final List<Long> requestIds;
    private final Map<Long, LineOutcome> outcomes = new ConcurrentHashMap<>();
    private final List<StockWriteChunk> chunks;
    private final List<PendingLine> lines;
    private final Map<Long, Adjustment> adjustments;
    private long claimStartNanos;
    private long claimEndNanos;
    private long lockWaitNanos;

    public StockBatch(List<Long> requestIds, List<PendingLine> lines, Map<Long, LineOutcome> decided,
                      List<StockWriteChunk> chunks, Map<Long, Adjustment> adjustments) {
        this.requestIds = List.copyOf(requestIds);
        this.lines = List.copyOf(lines);
        this.outcomes.putAll(decided);
        this.chunks = List.copyOf(chunks);
        this.adjustments = Map.copyOf(adjustments);
    }

    public static StockBatch none() {
        return new StockBatch(List.of(), List.of(), Map.of(), List.of(), Map.of());
    }

    /** What was subtracted from the units received, by line id (only lines that were adjusted). */
    public Map<Long, Adjustment> adjustments() { return adjustments; }


    /** True when something was claimed: the scheduler then polls again at once instead of waiting. */
    public boolean hasWork() { return !requestIds.isEmpty(); }

    /** When the claim started and ended (System.nanoTime), for the batch's timing in the log. */
    void claimed(long startNanos, long endNanos) {
        this.claimStartNanos = startNanos;
        this.claimEndNanos = endNanos;
    }

    /** Time spent waiting for the SKU write locks (another node's or a replay's batch on the same SKUs). */
    void waitedForLocks(long nanos) { this.lockWaitNanos = nanos; }
    long lockWaitNanos() { return lockWaitNanos; }
    long claimStartNanos() { return claimStartNanos; }
    long claimEndNanos() { return claimEndNanos; }
    public List<Long> requestIds() { return requestIds; }
    public List<StockWriteChunk> chunks() { return chunks; }
    public int lineCount() { return lines.size(); }
    public List<PendingLine> lines() { return lines; }

    /** Decided outcomes plus everything the chunks recorded. */
    public Map<Long, LineOutcome> outcomes() {
        Map<Long, LineOutcome> all = new ConcurrentHashMap<>(outcomes);
        for (StockWriteChunk chunk : chunks) {
            all.putAll(chunk.outcomes());
        }
        return all;
    }
}
