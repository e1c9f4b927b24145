package com.magentobridge.inventory;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The newest value held elsewhere for a SKU and source: its sequence and request, and the dead letter it is parked as
 * (null for a claim). A claim (a request PROCESSING under another instance's name, live or dead) may already have
 * written it to Magento before it recorded anything (a node killed between the write and the record); a parked chunk
 * may have reached Magento on an attempt that got no answer (or a 502/504) before its retries failed. Either way an
 * older value must not be written after it: the claim applies or replays its own value once it is settled, the dead
 * letter's replay writes it.
 */
public record ClaimedElsewhere(long seq, long requestId, Long deadLetterId) {

    public ClaimedElsewhere(long seq, long requestId) {
        this(seq, requestId, null);
    }

    /** Why an older line for this SKU and source is not written. */
    public String supersedingReason() {
        String by = "Superseded by sequence " + seq + " of request " + requestId;
        return deadLetterId == null ? by + ", claimed by another run"
                : by + ", parked as dead letter #" + deadLetterId + " (it may be in Magento already): replay it";
    }

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

    /** Both holders' newest values per SKU and source. */
    public static Map<SkuSource, ClaimedElsewhere> merge(Map<SkuSource, ClaimedElsewhere> a,
                                                         Map<SkuSource, ClaimedElsewhere> b) {
        Map<SkuSource, ClaimedElsewhere> merged = new HashMap<>(a);
        b.forEach((key, held) -> merged.merge(key, held, ClaimedElsewhere::newer));
        return merged;
    }

    static ClaimedElsewhere newer(ClaimedElsewhere a, ClaimedElsewhere b) {
        if (a.seq != b.seq) {
            return a.seq > b.seq ? a : b;
        }
        return a.requestId > b.requestId ? a : b;
    }
}
