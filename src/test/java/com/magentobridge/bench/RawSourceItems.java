package com.magentobridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.magentobridge.inventory.StockWrite;

/** The raw client's request body: what any client would send to POST /V1/inventory/source-items. */
final class RawSourceItems {

    private RawSourceItems() {
    }

    static Map<String, Object> body(List<StockWrite> chunk) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (StockWrite write : chunk) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sku", write.sku());
            item.put("source_code", write.source());
            item.put("quantity", write.qty());
            item.put("status", write.qty() > 0 ? 1 : 0);
            items.add(item);
        }
        return Map.of("sourceItems", items);
    }
}
