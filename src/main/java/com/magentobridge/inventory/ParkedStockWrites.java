package com.magentobridge.inventory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.magentobridge.flow.Flow;
import com.magentobridge.storage.DeadLetterStore;

/**
 * The newest values parked in inventory dead letters not settled yet (OPEN, or REPLAYING). A chunk is parked after
 * all its attempts failed, but an attempt that got no answer (a read timeout, a 502/504 from a proxy) may have been
 * applied by Magento: its values count as possibly written, like a claim's, so no older value for its SKUs and sources
 * is written before the letter is replayed (which writes them) or discarded (which gives them up).
 */
@Component
public class ParkedStockWrites {

    private static final Logger LOG = LoggerFactory.getLogger(ParkedStockWrites.class);

    private final DeadLetterStore deadLetters;
    private final ObjectMapper json;
    /** A letter's body never changes: each is parsed once, not at every batch, and forgotten once settled. */
    private final Map<Long, Collection<StockWrite>> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    public ParkedStockWrites(DeadLetterStore deadLetters, ObjectMapper json) {
        this.deadLetters = deadLetters;
        this.json = json;
    }

    /**
     * Per SKU and source among {@code keys}, the highest sequence unsettled dead letters hold, leaving out the lines
     * {@code replayed} (a replayed chunk is not held back by its own letter).
     */
    public Map<SkuSource, ClaimedElsewhere> highest(Collection<SkuSource> keys, Set<Long> replayed) {
        Map<Long, String> unsettled = deadLetters.unsettledBodies(Flow.INVENTORY.id());
        parsed.keySet().retainAll(unsettled.keySet());
        return highest(unsettled, keys, replayed);
    }

    /**
     * Per SKU and source among {@code keys}, the highest sequence of the inventory dead letters being replayed now
     * (REPLAYING). Asked while holding those SKUs' locks, which a live replay holds while it writes: such a letter is a
     * replay whose instance died (or is dying) with its write possibly in Magento's hands, so nothing newer for its
     * SKUs is written until it is settled or opened again ({@link com.magentobridge.flow.Inbox}).
     */
    public Map<SkuSource, ClaimedElsewhere> replaying(Collection<SkuSource> keys) {
        return highest(deadLetters.replayingBodies(Flow.INVENTORY.id()), keys, Set.of());
    }

    /** Per SKU and source among {@code keys}, the highest sequence these letters hold, but for lines {@code leftOut}. */
    private Map<SkuSource, ClaimedElsewhere> highest(Map<Long, String> letters, Collection<SkuSource> keys,
                                                     Set<Long> leftOut) {
        if (letters.isEmpty()) {
            return Map.of();
        }
        Set<SkuSource> wanted = new HashSet<>(keys);
        Map<SkuSource, ClaimedElsewhere> highest = new HashMap<>();
        letters.forEach((letterId, body) -> {
            for (StockWrite write : parsed.computeIfAbsent(letterId, id -> writes(id, body))) {
                if (wanted.contains(write.key()) && !leftOut.contains(write.lineId())) {
                    highest.merge(write.key(), new ClaimedElsewhere(write.seq(),
                            InventoryLines.requestId(write.lineId()), letterId), ClaimedElsewhere::newer);
                }
            }
        });
        return highest;
    }

    private Collection<StockWrite> writes(long letterId, String body) {
        try {
            return json.readValue(body, StockWriteChunk.class).writes();
        } catch (JsonProcessingException e) {
            // such a letter cannot be replayed either; what it held is the operator's to settle
            LOG.warn("inventory dead letter #{} cannot be read back, so it holds no SKUs: {}", letterId,
                    e.getOriginalMessage());
            return java.util.List.of();
        }
    }
}
