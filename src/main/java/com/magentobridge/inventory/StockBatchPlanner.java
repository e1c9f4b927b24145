package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides a claimed batch in the steps the inventory route shows: stale lines superseded, newest per SKU and source
 * kept, quantities computed, chunks cut.
 */
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

    /** The three steps the inventory route takes one by one, in one call. */
    public StockBatch plan(List<Long> requestIds, List<PendingLine> lines, Map<SkuSource, Long> lastApplied,
                           Map<String, Adjustment> adjustments) {
        return chunk(coalesce(guardSequences(new StockBatch(requestIds, lines, lastApplied, adjustments))));
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
