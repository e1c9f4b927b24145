package com.magentobridge.inventory;

/** The key of the newest-wins rule: one sequence per SKU and MSI source. */
public record SkuSource(String sku, String source) {
}
