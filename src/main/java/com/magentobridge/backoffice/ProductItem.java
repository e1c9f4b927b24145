package com.magentobridge.backoffice;

import java.util.Map;

/**
 * One product to export: its SKU (OrderFlow's externalReference), its destination and the key/value fields the
 * mapping gave it (bridge.products.fields), in order.
 */
public record ProductItem(String sku, String organisation, String channel, Map<String, String> fields) {
}
