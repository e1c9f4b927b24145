package com.magentobridge.inbound;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Validates raw inventory items and pairs each quantity with the sequence item of the same SKU.
 * Every rejection names the field and the offending value.
 */
@Component
public class InventoryMessageAssembler {

    static final int MAX_SKU_LENGTH = 128;
    static final int MAX_SOURCE_LENGTH = 64;
    static final int MAX_LINES = com.magentobridge.inventory.InventoryLines.MAX_LINES_PER_MESSAGE;

    public InventoryMessage assemble(RawInventoryItems raw) {
        long messageSeqId = parseMessageSeqId(raw.messageSeqId());
        if (raw.quantities().size() > MAX_LINES) {
            throw new InboundRejectedException("The message has " + raw.quantities().size() + " quantity items: at most "
                    + MAX_LINES + " are accepted in one message");
        }
        Map<String, RawInventoryItems.SeqItem> sequenceBySku = new HashMap<>();
        for (RawInventoryItems.SeqItem item : raw.sequences()) {
            String sku = requireSku(item.sku(), "sequence item");
            sequenceBySku.put(sku, item);
        }
        List<InventoryLineInput> lines = new ArrayList<>(raw.quantities().size());
        for (RawInventoryItems.QtyItem item : raw.quantities()) {
            String sku = requireSku(item.sku(), "quantity item");
            long qty = parseWhole(item.qty(), "qty", sku);
            RawInventoryItems.SeqItem seqItem = sequenceBySku.get(sku);
            if (seqItem == null) {
                throw new InboundRejectedException("SKU " + sku + " has a quantity but no sequence item: every SKU needs one");
            }
            long seq = parseWhole(seqItem.seq(), "seq", sku);
            if (seq < 0) {
                throw new InboundRejectedException("seq for SKU " + sku + " must not be negative: " + seq);
            }
            lines.add(new InventoryLineInput(sku, source(item.source(), sku), qty, seq, blankToNull(seqItem.lastOrderExported())));
        }
        return new InventoryMessage(raw.operation(), messageSeqId, List.copyOf(lines));
    }

    static long parseMessageSeqId(String text) {
        if (text == null || text.isBlank()) {
            throw new InboundRejectedException("messageSeqId is missing");
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InboundRejectedException("messageSeqId '" + abbreviate(text) + "' is not an integer");
        }
    }

    static String requireSku(String sku, String where) {
        if (sku == null || sku.isBlank()) {
            throw new InboundRejectedException("A " + where + " has no sku");
        }
        String trimmed = sku.trim();
        if (trimmed.length() > MAX_SKU_LENGTH) {
            throw new InboundRejectedException("SKU '" + abbreviate(trimmed) + "' is longer than " + MAX_SKU_LENGTH + " characters");
        }
        return trimmed;
    }

    static String source(String source, String sku) {
        String value = blankToNull(source);
        if (value != null && value.length() > MAX_SOURCE_LENGTH) {
            throw new InboundRejectedException("source for SKU " + sku + " is longer than " + MAX_SOURCE_LENGTH + " characters");
        }
        return value;
    }

    /** Accepts "12", " 12 " and "12.0000" (Magento's decimal rendering of a whole number); rejects anything else. */
    static long parseWhole(String text, String field, String sku) {
        if (text == null || text.isBlank()) {
            throw new InboundRejectedException(field + " for SKU " + sku + " is missing");
        }
        try {
            BigDecimal value = new BigDecimal(text.trim());
            return value.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InboundRejectedException(field + " '" + abbreviate(text) + "' for SKU " + sku + " is not an integer");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String abbreviate(String text) {
        String trimmed = text.trim();
        return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "…";
    }
}
