package com.magentobridge.inventory;

import java.util.Map;

/** Newest wins: a line whose sequence is not greater than the last one applied for its SKU and source is stale. */
public final class SequenceGuard {

    private final Map<SkuSource, Long> lastApplied;

    public SequenceGuard(Map<SkuSource, Long> lastApplied) {
        this.lastApplied = lastApplied;
    }

    /** The reason the line is stale, or null when it is newer than anything applied. */
    public String staleReason(SkuSource key, long seq) {
        Long last = lastApplied.get(key);
        if (last != null && seq <= last) {
            return "Superseded: sequence " + seq + " is not newer than " + last + " already applied";
        }
        return null;
    }
}
