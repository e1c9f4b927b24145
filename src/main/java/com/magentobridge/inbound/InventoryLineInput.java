package com.magentobridge.inbound;

/** One SKU line of an inventory message, validated; {@code source} is null when the sender named none. */
public record InventoryLineInput(String sku, String source, long qty, long seq, String lastOrderExported) {
}
