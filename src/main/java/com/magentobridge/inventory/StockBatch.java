package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.magentobridge.flow.InboxClaim;

/**
 * What one processing run claimed and how it is decided, step by step (see routes/inventory-update.camel.yaml): the
 * claimed lines with the sequences last applied to their SKUs and the newest ones other runs' claims hold for them; the
 * sequence guard, the in-flight guard and the coalescing decide some lines Superseded and leave the rest pending; the
 * pending lines become chunks to write.
 */
public final class StockBatch {

    private List<Long> requestIds;
    private List<PendingLine> lines;
    private final Map<SkuSource, Long> lastApplied;
    private final Map<SkuSource, ClaimedElsewhere> claimedElsewhere;
    private Map<SkuSource, ClaimedElsewhere> writesInFlight = Map.of();
    private final Map<String, Adjustment> adjustmentsBySku;
    private final Map<Long, LineOutcome> outcomes = new ConcurrentHashMap<>();
    private List<PendingLine> pending;
    private List<StockWriteChunk> chunks = List.of();
    private Map<Long, Adjustment> adjustments = Map.of();
    private long claimStartNanos;
    private long claimEndNanos;
    private long lockWaitNanos;
    private InboxClaim claim;

    /**
     * {@code lastApplied}: the sequence last applied per SKU and source, read while this batch is their only writer;
     * {@code adjustmentsBySku}: units to subtract per SKU (from {@link AdjustmentSource}; the adjuster's level decides).
     */
    public StockBatch(List<Long> requestIds, List<PendingLine> lines, Map<SkuSource, Long> lastApplied,
                      Map<String, Adjustment> adjustmentsBySku) {
        this(requestIds, lines, lastApplied, Map.of(), adjustmentsBySku);
    }

    /**
     * {@code claimedElsewhere}: per SKU and source of this batch, the newest value that requests claimed by other runs
     * (live or dead instances) hold, read while this batch is the only writer of its SKUs (none on an embedded H2).
     */
    public StockBatch(List<Long> requestIds, List<PendingLine> lines, Map<SkuSource, Long> lastApplied,
                      Map<SkuSource, ClaimedElsewhere> claimedElsewhere, Map<String, Adjustment> adjustmentsBySku) {
        this.requestIds = List.copyOf(requestIds);
        this.lines = List.copyOf(lines);
        this.lastApplied = Map.copyOf(lastApplied);
        this.claimedElsewhere = Map.copyOf(claimedElsewhere);
        this.adjustmentsBySku = Map.copyOf(adjustmentsBySku);
        this.pending = this.lines;
    }

    public static StockBatch none() {
        return new StockBatch(List.of(), List.of(), Map.of(), Map.of());
    }

    /** True when something was claimed: the scheduler then polls again at once instead of waiting. */
    public boolean hasWork() { return !requestIds.isEmpty(); }

    Map<SkuSource, Long> lastApplied() { return lastApplied; }
    Map<SkuSource, ClaimedElsewhere> claimedElsewhere() { return claimedElsewhere; }

    /**
     * Per SKU and source, the newest value held by the claims of writers that are gone (a dead node, or another node
     * before its current session began) whose write may still be in Magento's hands (see
     * {@link com.magentobridge.flow.Inbox#writesInFlight}).
     */
    Map<SkuSource, ClaimedElsewhere> writesInFlight() { return writesInFlight; }
    void writesInFlight(Map<SkuSource, ClaimedElsewhere> held) { this.writesInFlight = Map.copyOf(held); }

    /**
     * Leaves these requests, all their lines, to a later run: nothing of them is decided, written or recorded by this
     * one; they stay claimed by this node (see {@link InboxClaim#defer}).
     */
    void defer(java.util.Set<Long> deferredRequests) {
        if (deferredRequests.isEmpty()) {
            return;
        }
        requestIds = requestIds.stream().filter(id -> !deferredRequests.contains(id)).toList();
        lines = lines.stream().filter(line -> !deferredRequests.contains(line.requestId())).toList();
        pending = pending.stream().filter(line -> !deferredRequests.contains(line.requestId())).toList();
        outcomes.keySet().retainAll(lines.stream().map(PendingLine::lineId).toList());
        if (claim != null) {
            claim.defer(deferredRequests);
        }
    }
    Map<String, Adjustment> adjustmentsBySku() { return adjustmentsBySku; }

    /** Lines not decided yet, in the order they were received. */
    List<PendingLine> pending() { return pending; }

    /** Decides these lines (Superseded); {@code left} stay pending, in the order they are to be written. */
    void decide(Map<Long, LineOutcome> decided, List<PendingLine> left) {
        outcomes.putAll(decided);
        pending = List.copyOf(left);
    }

    /** The run's claim of this batch's requests: whether it still owns them is checked before every write. */
    void claimedIn(InboxClaim run) { this.claim = run; }
    public InboxClaim claim() { return claim; }

    /** The pending lines, as written: the chunks and what was subtracted per line. */
    void written(List<StockWriteChunk> writeChunks, Map<Long, Adjustment> adjusted) {
        chunks = List.copyOf(writeChunks);
        if (claim != null) {
            chunks.forEach(chunk -> chunk.claimedIn(claim));
        }
        adjustments = Map.copyOf(new LinkedHashMap<>(adjusted));
        pending = List.of();
    }

    /** What was subtracted from the units received, by line id (only lines that were adjusted). */
    public Map<Long, Adjustment> adjustments() { return adjustments; }

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
