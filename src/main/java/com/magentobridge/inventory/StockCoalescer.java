package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Within one batch only the newest line per SKU and source is written; the others are superseded by it.
 * Equal sequences: the line received last wins (a re-sent record carries the same value).
 */
public final class StockCoalescer {

    public record Result(List<PendingLine> winners, Map<Long, LineOutcome> superseded) { }

    public Result coalesce(List<PendingLine> lines) {
        Map<SkuSource, PendingLine> newest = new LinkedHashMap<>();
        for (PendingLine line : lines) {
            newest.merge(line.key(), line, StockCoalescer::newer);
        }
        Map<Long, LineOutcome> superseded = new LinkedHashMap<>();
        for (PendingLine line : lines) {
            PendingLine winner = newest.get(line.key());
            if (winner.lineId() != line.lineId()) {
                superseded.put(line.lineId(), LineOutcome.superseded("Superseded by sequence " + winner.seq()
                        + " for the same SKU in request " + winner.requestId()));
            }
        }
        return new Result(new ArrayList<>(newest.values()), superseded);
    }

    private static PendingLine newer(PendingLine a, PendingLine b) {
        if (a.seq() != b.seq()) {
            return a.seq() > b.seq() ? a : b;
        }
        return a.lineId() > b.lineId() ? a : b;
    }
}
