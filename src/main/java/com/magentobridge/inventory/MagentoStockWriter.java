package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import com.magentobridge.config.BridgeProperties.InventoryApi;
import com.magentobridge.logging.Correlation;
import com.magentobridge.flow.Flow;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoRejectedException;
import com.magentobridge.magento.MagentoTransientException;

/**
 * Writes a chunk's pending quantities to Magento: MSI {@code POST /V1/inventory/source-items} in one call, or
 * the legacy stock item API per SKU. A chunk Magento rejects (400/404) is halved until the bad SKU fails alone
 * and the rest are applied. Transient failures propagate for the route's retry policy, and so does a 5xx the flow does
 * not retry (a server failure says nothing about which SKU is bad: the chunk is parked whole); what already
 * succeeded is recorded on the chunk and not sent again.
 *
 * <p>MSI answers a deadlocked save with the 400 it gives a save it refuses ({@link DeadlockAnswer}): nothing was saved,
 * and the SKUs are not to blame. Such an answer narrows the saves in flight to one ({@link StockWriteLimiter}) and,
 * while the route will deliver the chunk again, leaves the writes it answered pending and ends the attempt with a
 * {@link MagentoTransientException}: the inventory retry policy sends the chunk's pending writes again after its
 * backoff. The rest of the attempt goes on first, so an unknown SKU found by halving meanwhile still fails alone at
 * once. On the chunk's last attempt (its attempts counted on the chunk, {@code max-redeliveries} + 1) the answer is
 * halved like any other 400; a SKU still answered so on its own is parked as a dead letter (its line Failed naming it)
 * for ops to replay, since the store may only have stayed busy. A replay writes a fresh chunk each time the replay route
 * delivers it: its deadlock answers go back to that route's retries, and when those run out the replay fails and the
 * letter stays open.
 */
public class MagentoStockWriter {

    private final MagentoClient client;
    private final InventoryApi api;
    private final int redeliveries;
    private final StockWriteLimiter limiter;
    private final Map<String, Long> legacyItemIds = new ConcurrentHashMap<>();

    /**
     * @param redeliveries how often the route delivers a chunk again after a transient failure (the inventory retry
     *                     policy's {@code max-redeliveries}): deadlock answers are retried that way
     * @param limiter      the MSI saves in flight across every writer thread
     */
    public MagentoStockWriter(MagentoClient client, InventoryApi api, int redeliveries, StockWriteLimiter limiter) {
        if (redeliveries < 0) {
            throw new IllegalArgumentException("redeliveries must be >= 0: " + redeliveries);
        }
        this.client = client;
        this.api = api;
        this.redeliveries = redeliveries;
        this.limiter = limiter;
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

    /** One attempt at the chunk's pending writes; what Magento answered with a deadlock is retried or parked. */
    private void writeSourceItems(StockWriteChunk chunk, List<StockWrite> pending) {
        boolean lastAttempt = chunk.attempts() > redeliveries;
        List<StockWrite> deadlocked = new ArrayList<>();
        writeSourceItems(chunk, pending, lastAttempt, deadlocked);
        if (deadlocked.isEmpty()) {
            return;
        }
        if (!lastAttempt) {
            throw new MagentoTransientException(("Magento answered 400 \"%s\" (MSI's answer to a deadlock) for %d of %d "
                    + "writes: sent again after the backoff, with fewer writes in flight")
                    .formatted(DeadlockAnswer.MESSAGE, deadlocked.size(), pending.size()), 400, null);
        }
        throw new MagentoRejectedException(("Magento still answered \"%s\" for %s on the last attempt: a deadlock that "
                + "did not pass, or a save Magento refuses (its log says which); replay it once the store is quiet")
                .formatted(DeadlockAnswer.MESSAGE, deadlocked.stream().map(StockWrite::sku).toList()), 400);
    }

    private void writeSourceItems(StockWriteChunk chunk, List<StockWrite> writes, boolean lastAttempt,
                                  List<StockWrite> deadlocked) {
        try {
            try (StockWriteLimiter.Permit permit = limiter.acquire()) {
                // the last moment the write can be held back: the run may have lost its claims while it waited
                chunk.ensureOwned();
                client.post("source-items", "/V1/inventory/source-items", sourceItemsBody(writes));
            }
            for (StockWrite write : writes) {
                chunk.record(write, LineOutcome.success(write.qty()));
            }
        } catch (MagentoRejectedException rejected) {
            if (!refusesContent(rejected)) {
                throw rejected;
            }
            if (DeadlockAnswer.is(rejected)) {
                limiter.deadlocked();
                // nothing was saved: sent again on the next attempt; on the last one, halved down to a lone SKU
                if (!lastAttempt || writes.size() == 1) {
                    deadlocked.addAll(writes);
                    return;
                }
            } else if (writes.size() == 1) {
                chunk.record(writes.get(0), LineOutcome.failed("Magento rejected the quantity: " + rejected.getMessage()));
                return;
            }
            for (List<StockWrite> half : SourceItemChunker.halves(writes)) {
                writeSourceItems(chunk, half, lastAttempt, deadlocked);
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
        chunk.ensureOwned();
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
