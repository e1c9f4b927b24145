package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides a claimed batch in the steps the inventory route shows: stale lines superseded (older than applied, or than
 * what another run's claim holds), newest per SKU and source kept, quantities computed, chunks cut.
 */
public final class StockBatchPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(StockBatchPlanner.class);

    private final StockCoalescer coalescer = new StockCoalescer();
    private final NegativeQuantityClamp clamp;
    private final InventoryAdjuster adjuster;
    private final SourceItemChunker chunker;
    /** The requests the last batch deferred (only to log a deferral once). */
    private volatile java.util.Set<Long> lastDeferred = java.util.Set.of();

    public StockBatchPlanner(NegativeQuantityClamp clamp, InventoryAdjuster adjuster, SourceItemChunker chunker) {
        this.clamp = clamp;
        this.adjuster = adjuster;
        this.chunker = chunker;
    }

    public StockBatch plan(List<Long> requestIds, List<PendingLine> lines, Map<SkuSource, Long> lastApplied) {
        return plan(requestIds, lines, lastApplied, Map.of());
    }

    public StockBatch plan(List<Long> requestIds, List<PendingLine> lines, Map<SkuSource, Long> lastApplied,
                           Map<String, Adjustment> adjustments) {
        return plan(new StockBatch(requestIds, lines, lastApplied, adjustments));
    }

    /** The steps the inventory route takes one by one, in one call. */
    public StockBatch plan(StockBatch batch) {
        return chunk(coalesce(guardInFlight(guardSequences(deferBehindWritesInFlight(batch)))));
    }

    /**
     * Write-in-flight deferral: a request with a line newer than what a gone writer's claim holds for its SKU and
     * source waits, whole, for a later run. That writer (a node killed, or a node whose database session ended, its
     * SKU locks with it) may have its older value still in Magento's hands, landing up to a Magento answer window after it was
     * seen gone; the newer value written now could land before it. Its claim is taken over once the window has passed,
     * and the deferred request is written then (after it, or alone once the older one is superseded). A line not newer
     * is left to the in-flight guard.
     */
    public StockBatch deferBehindWritesInFlight(StockBatch batch) {
        if (batch.writesInFlight().isEmpty()) {
            lastDeferred = java.util.Set.of();
            return batch;
        }
        java.util.Set<Long> waiting = new java.util.TreeSet<>();
        for (PendingLine line : batch.pending()) {
            ClaimedElsewhere inFlight = batch.writesInFlight().get(line.key());
            if (inFlight != null && line.seq() > inFlight.seq()) {
                waiting.add(line.requestId());
            }
        }
        // said once per set of waiting requests, not at every poll while they wait
        if (!waiting.isEmpty() && !waiting.equals(lastDeferred)) {
            LOG.info("inventory requests {} wait for a gone bridge's write in flight (request(s) {}) to land before "
                    + "their newer values are written", waiting, batch.writesInFlight().values().stream()
                    .map(ClaimedElsewhere::requestId).distinct().sorted().toList());
        }
        lastDeferred = waiting;
        batch.defer(waiting);
        return batch;
    }

    /** Sequence guard: a line whose seq is not newer than the one applied for its SKU and source is Superseded. */
    public StockBatch guardSequences(StockBatch batch) {
        SequenceGuard guard = new SequenceGuard(batch.lastApplied());
        Map<Long, LineOutcome> stale = new LinkedHashMap<>();
        List<PendingLine> fresh = new ArrayList<>();
        for (PendingLine line : batch.pending()) {
            String reason = guard.staleReason(line.key(), line.seq());
            if (reason != null) {
                stale.put(line.lineId(), LineOutcome.superseded(reason));
            } else {
                fresh.add(line);
            }
        }
        batch.decide(stale, fresh);
        return batch;
    }

    /**
     * In-flight guard: a line not newer than what another run's claim holds for its SKU and source is Superseded by it.
     * That claim, live or dead, may have written its value already (a node killed between Magento's write and the
     * record): an older value written now would land after it. Newest wins as in the coalescing: the newer value is
     * applied, or replayed, by its own claim. An inventory dead letter not settled yet (open or being replayed) holds
     * its SKUs the same way: its chunk may have reached Magento on an attempt that got no answer.
     */
    public StockBatch guardInFlight(StockBatch batch) {
        if (batch.claimedElsewhere().isEmpty()) {
            return batch;
        }
        Map<Long, LineOutcome> older = new LinkedHashMap<>();
        List<PendingLine> left = new ArrayList<>();
        for (PendingLine line : batch.pending()) {
            String reason = inFlightReason(batch.claimedElsewhere().get(line.key()), line.seq());
            if (reason != null) {
                older.put(line.lineId(), LineOutcome.superseded(reason));
            } else {
                left.add(line);
            }
        }
        batch.decide(older, left);
        return batch;
    }

    private static String inFlightReason(ClaimedElsewhere held, long seq) {
        if (held != null && seq <= held.seq()) {
            return held.supersedingReason();
        }
        return null;
    }

    /** Coalescing: of several lines for one SKU and source, the newest is written and the others are Superseded. */
    public StockBatch coalesce(StockBatch batch) {
        StockCoalescer.Result coalesced = coalescer.coalesce(batch.pending());
        batch.decide(coalesced.superseded(), coalesced.winners());
        return batch;
    }

    /** What is left becomes writes (quantity adjusted, negative stock clamped) cut into chunks. */
    public StockBatch chunk(StockBatch batch) {
        List<StockWrite> writes = new ArrayList<>();
        Map<Long, Adjustment> adjusted = new LinkedHashMap<>();
        for (PendingLine line : batch.pending()) {
            Adjustment applied = adjuster.applied(batch.adjustmentsBySku().get(line.sku()));
            if (!applied.equals(Adjustment.NONE)) {
                adjusted.put(line.lineId(), applied);
            }
            long qty = clamp.apply(adjuster.adjust(line.unitsReceived(), applied));
            writes.add(new StockWrite(line.lineId(), line.sku(), line.source(), qty, line.seq()));
        }
        batch.written(chunker.chunks(writes).stream().map(StockWriteChunk::new).toList(), adjusted);
        return batch;
    }

    /** Whether batches need an adjustment lookup at all (level 1 or 2). */
    public boolean adjusts() {
        return adjuster.level() > 0;
    }

    /** A dead-lettered chunk re-checked against what has been applied since: stale writes are superseded. */
    public StockWriteChunk replan(StockWriteChunk chunk, Map<SkuSource, Long> lastApplied) {
        return replan(chunk, lastApplied, Map.of());
    }

    /**
     * A dead-lettered chunk re-checked against what has been applied since and what claims not recorded yet hold: stale
     * writes are superseded (the same two guards as a batch's).
     */
    public StockWriteChunk replan(StockWriteChunk chunk, Map<SkuSource, Long> lastApplied,
                                  Map<SkuSource, ClaimedElsewhere> claimed) {
        SequenceGuard guard = new SequenceGuard(lastApplied);
        StockWriteChunk fresh = new StockWriteChunk(chunk.writes());
        for (StockWrite write : chunk.writes()) {
            String stale = guard.staleReason(write.key(), write.seq());
            if (stale == null) {
                stale = inFlightReason(claimed.get(write.key()), write.seq());
            }
            if (stale != null) {
                fresh.record(write, LineOutcome.superseded(stale));
            }
        }
        return fresh;
    }
}
