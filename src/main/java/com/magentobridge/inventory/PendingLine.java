package com.magentobridge.inventory;

/** A received inventory line still waiting for its result. */
public record PendingLine(long lineId, long requestId, String sku, String source, long unitsReceived, long seq) {

    public SkuSource key() {
        return new SkuSource(sku, source);
    }
}
