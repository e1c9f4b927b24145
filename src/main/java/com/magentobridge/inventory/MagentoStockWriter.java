package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import com.magentobridge.config.BridgeProperties.InventoryApi;
import com.magentobridge.inventory.InventoryStore;
import com.magentobridge.inventory.LineOutcome;
import com.magentobridge.inventory.SourceItemChunker;
import com.magentobridge.inventory.StockWrite;
import com.magentobridge.inventory.StockWriteChunk;
import com.magentobridge.logging.Correlation;
import com.magentobridge.flow.Flow;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoRejectedException;

/**
 * Writes a chunk's pending quantities to Magento: MSI {@code POST /V1/inventory/source-items} in one call, or
 * the legacy stock item API per SKU. A chunk Magento rejects (400/404) is halved until the bad SKU fails alone
 * and the rest are applied. Transient failures propagate for the route's retry policy, and so does a 5xx the flow does
 * not retry (a server failure says nothing about which SKU is bad: the chunk is parked whole); what already
 * succeeded is recorded on the chunk and not sent again.
 */
public class MagentoStockWriter {

    private final MagentoClient client;
    private final InventoryApi api;
    private final Map<String, Long> legacyItemIds = new ConcurrentHashMap<>();

    public MagentoStockWriter(MagentoClient client, InventoryApi api) {
        this.client = client;
        this.api = api;
    }

    public StockWriteChunk write(StockWriteChunk chunk) {
        Correlation.flow(Flow.INVENTORY.id());
        Correlation.skus(chunk.writes().stream().map(StockWrite::sku).toList());
        List<StockWrite> pending = chunk.pending();
        if (pending.isEmpty()) {
            return chunk;
        }
        chunk.attempted();
        if (api == InventoryApi.MSI) {
            writeSourceItems(chunk, pending);
        } else {
            for (StockWrite write : pending) {
                writeLegacy(chunk, write);
            }
        }
        return chunk;
    }

    private void writeSourceItems(StockWriteChunk chunk, List<StockWrite> writes) {
        try {
            client.post("source-items", "/V1/inventory/source-items", sourceItemsBody(writes));
            for (StockWrite write : writes) {
                chunk.record(write, LineOutcome.success(write.qty()));
            }
        } catch (MagentoRejectedException rejected) {
            if (!refusesContent(rejected)) {
                throw rejected;
            }
            if (writes.size() == 1) {
                chunk.record(writes.get(0), LineOutcome.failed("Magento rejected the quantity: " + rejected.getMessage()));
                return;
            }
            for (List<StockWrite> half : SourceItemChunker.halves(writes)) {
                writeSourceItems(chunk, half);
            }
        }
    }

    /** A 4xx names something wrong in what was sent, which halving the chunk can pin on one SKU. */
    private static boolean refusesContent(MagentoRejectedException rejected) {
        return rejected.status() < 500;
    }

    /** The body of POST /V1/inventory/source-items for these writes. */
    public static Map<String, Object> sourceItemsBody(List<StockWrite> writes) {
        List<Map<String, Object>> items = new ArrayList<>(writes.size());
        for (StockWrite write : writes) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("sku", write.sku());
            item.put("source_code", write.source());
            item.put("quantity", write.qty());
            item.put("status", write.inStock() ? 1 : 0);
            items.add(item);
        }
        return Map.of("sourceItems", items);
    }

    private void writeLegacy(StockWriteChunk chunk, StockWrite write) {
        try {
            putStockItem(write, itemId(write.sku()));
            chunk.record(write, LineOutcome.success(write.qty()));
        } catch (MagentoRejectedException rejected) {
            if (!refusesContent(rejected)) {
                throw rejected;
            }
            if (legacyItemIds.remove(write.sku()) != null && rejected.status() == 404) {
                try {
                    putStockItem(write, itemId(write.sku()));
                    chunk.record(write, LineOutcome.success(write.qty()));
                    return;
                } catch (MagentoRejectedException again) {
                    if (!refusesContent(again)) {
                        throw again;
                    }
                    rejected = again;
                }
            }
            chunk.record(write, LineOutcome.failed("Magento rejected the quantity: " + rejected.getMessage()));
        }
    }

    private void putStockItem(StockWrite write, long itemId) {
        Map<String, Object> stockItem = new LinkedHashMap<>();
        stockItem.put("qty", write.qty());
        stockItem.put("is_in_stock", write.inStock());
        client.put("stock-items", "/V1/products/" + MagentoClient.segment(write.sku()) + "/stockItems/" + itemId,
                Map.of("stockItem", stockItem));
    }

    private long itemId(String sku) {
        Long cached = legacyItemIds.get(sku);
        if (cached != null) {
            return cached;
        }
        JsonNode item = client.get("stock-items", "/V1/stockItems/" + MagentoClient.segment(sku));
        JsonNode id = item.get("item_id");
        if (id == null || !id.canConvertToLong()) {
            throw new MagentoRejectedException("Magento's stock item for SKU " + sku + " has no item_id", 200);
        }
        legacyItemIds.put(sku, id.asLong());
        return id.asLong();
    }
}
