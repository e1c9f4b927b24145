package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decides a claimed batch: stale lines superseded, newest per SKU and source kept, quantities computed, chunks cut. */
public final class StockBatchPlanner {

    private final StockCoalescer coalescer = new StockCoalescer();
    private final NegativeQuantityClamp clamp;
    private final InventoryAdjuster adjuster;
    private final SourceItemChunker chunker;

    public StockBatchPlanner(NegativeQuantityClamp clamp, InventoryAdjuster adjuster, SourceItemChunker chunker) {
        this.clamp = clamp;
        this.adjuster = adjuster;
        this.chunker = chunker;
    }

    public StockBatch plan(List<Long> requestIds, List<PendingLine> lines, Map<SkuSource, Long> lastApplied) {
        return plan(requestIds, lines, lastApplied, Map.of());
    }

    /** {@code adjustments}: units to subtract per SKU (from {@link AdjustmentSource}); the adjuster's level decides. */
    public StockBatch plan(List<Long> requestIds, List<PendingLine> lines, Map<SkuSource, Long> lastApplied,
                           Map<String, Adjustment> adjustments) {
        SequenceGuard guard = new SequenceGuard(lastApplied);
        Map<Long, LineOutcome> decided = new LinkedHashMap<>();
        List<PendingLine> fresh = new ArrayList<>();
        for (PendingLine line : lines) {
            String stale = guard.staleReason(line.key(), line.seq());
            if (stale != null) {
                decided.put(line.lineId(), LineOutcome.superseded(stale));
            } else {
                fresh.add(line);
            }
        }
        StockCoalescer.Result coalesced = coalescer.coalesce(fresh);
        decided.putAll(coalesced.superseded());
        List<StockWrite> writes = new ArrayList<>();
        Map<Long, Adjustment> adjusted = new LinkedHashMap<>();
        for (PendingLine line : coalesced.winners()) {
            Adjustment applied = adjuster.applied(adjustments.get(line.sku()));
            if (!applied.equals(Adjustment.NONE)) {
                adjusted.put(line.lineId(), applied);
            }
            long qty = clamp.apply(adjuster.adjust(line.unitsReceived(), applied));
            writes.add(new StockWrite(line.lineId(), line.sku(), line.source(), qty, line.seq()));
        }
        List<StockWriteChunk> chunks = chunker.chunks(writes).stream().map(StockWriteChunk::new).toList();
        return new StockBatch(requestIds, lines, decided, chunks, adjusted);
    }

    /** Whether batches need an adjustment lookup at all (level 1 or 2). */
    public boolean adjusts() {
        return adjuster.level() > 0;
    }

    /** A dead-lettered chunk re-checked against what has been applied since: stale writes are superseded. */
    public StockWriteChunk replan(StockWriteChunk chunk, Map<SkuSource, Long> lastApplied) {
        SequenceGuard guard = new SequenceGuard(lastApplied);
        StockWriteChunk fresh = new StockWriteChunk(chunk.writes());
        for (StockWrite write : chunk.writes()) {
            String stale = guard.staleReason(write.key(), write.seq());
            if (stale != null) {
                fresh.record(write, LineOutcome.superseded(stale));
            }
        }
        return fresh;
    }
}
