package com.magentobridge.inventory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The newest value another run's claim holds for a SKU and source: its sequence and request. That claim (a request
 * PROCESSING under another instance's name, live or dead) may already have written it to Magento before it recorded
 * anything (a node killed between the write and the record), so an older value must not be written after it; the
 * claim applies or replays its own value once it is settled.
 */
public record ClaimedElsewhere(long seq, long requestId) {

    /**
     * Per SKU and source among {@code keys}, the highest sequence (ties: the latest request) the lines of these
     * requests hold; {@code contents} are the stored lines by request id (see {@link InventoryLines}).
     */
    public static Map<SkuSource, ClaimedElsewhere> highest(Map<Long, String> contents, Collection<SkuSource> keys) {
        Set<SkuSource> wanted = keys instanceof Set<SkuSource> set ? set : new HashSet<>(keys);
        Map<SkuSource, ClaimedElsewhere> highest = new HashMap<>();
        contents.forEach((requestId, stored) -> {
            for (InventoryLines.LineRow row : InventoryLines.decode(stored)) {
                SkuSource key = new SkuSource(row.sku(), row.source());
                if (wanted.contains(key)) {
                    highest.merge(key, new ClaimedElsewhere(row.seq(), requestId), ClaimedElsewhere::newer);
                }
            }
        });
        return highest;
    }

    private static ClaimedElsewhere newer(ClaimedElsewhere a, ClaimedElsewhere b) {
        if (a.seq != b.seq) {
            return a.seq > b.seq ? a : b;
        }
        return a.requestId > b.requestId ? a : b;
    }
}
