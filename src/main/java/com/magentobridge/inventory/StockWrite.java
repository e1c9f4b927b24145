package com.magentobridge.inventory;

/** One quantity to set in Magento for a SKU and source, standing for the line that won coalescing. */
public record StockWrite(long lineId, String sku, String source, long qty, long seq) {

    public SkuSource key() {
        return new SkuSource(sku, source);
    }

    public boolean inStock() {
        return qty > 0;
    }
}
