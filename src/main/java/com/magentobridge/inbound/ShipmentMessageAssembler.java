package com.magentobridge.inbound;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Validates a raw shipment: the order number, at least one SKU line with a positive quantity, and the flags the
 * extension declares as "string or false". Every rejection names the field and the offending value.
 */
@Component
public class ShipmentMessageAssembler {

    static final int MAX_INCREMENT_ID_LENGTH = 50;
    static final int MAX_LINES = 1_000;
    static final int MAX_TEXT_LENGTH = 4_000;
    static final int MAX_TRACKING_LENGTH = 255;

    public ShipmentMessage assemble(RawShipment raw) {
        long messageSeqId = InventoryMessageAssembler.parseMessageSeqId(raw.messageSeqId());
        String order = trimToNull(raw.orderIncrementId());
        if (order == null) {
            throw new InboundRejectedException("orderIncrementId is missing: the order number the shipment is for");
        }
        if (order.length() > MAX_INCREMENT_ID_LENGTH) {
            throw new InboundRejectedException("orderIncrementId '" + InventoryMessageAssembler.abbreviate(order)
                    + "' is longer than " + MAX_INCREMENT_ID_LENGTH + " characters");
        }
        if (raw.lines().isEmpty()) {
            throw new InboundRejectedException("skuQty is empty: a shipment must list at least one SKU and quantity");
        }
        if (raw.lines().size() > MAX_LINES) {
            throw new InboundRejectedException("skuQty has " + raw.lines().size() + " items: at most " + MAX_LINES
                    + " are accepted in one shipment");
        }
        List<ShipmentMessage.Line> lines = new ArrayList<>(raw.lines().size());
        for (RawShipment.Line line : raw.lines()) {
            String sku = InventoryMessageAssembler.requireSku(line.sku(), "skuQty item");
            lines.add(new ShipmentMessage.Line(sku, positiveQty(line.qty(), sku),
                    InventoryMessageAssembler.source(line.source(), sku)));
        }
        Set<String> tracks = new LinkedHashSet<>();
        addTrack(tracks, raw.trackingNumber());
        raw.tracks().forEach(track -> addTrack(tracks, track));
        return new ShipmentMessage(raw.operation(), messageSeqId, order, List.copyOf(lines), List.copyOf(tracks),
                text(raw.comment(), "comment"), flag(raw.email(), "email"), flag(raw.includeComment(), "includeComment"),
                text(raw.courierName(), "courierName"), text(raw.serviceName(), "serviceName"),
                text(raw.dateShipped(), "dateShipped"));
    }

    /** Quantities may be decimal (Magento keeps qty as decimal); zero or negative ships nothing and is refused. */
    static BigDecimal positiveQty(String text, String sku) {
        if (text == null || text.isBlank()) {
            throw new InboundRejectedException("qty for SKU " + sku + " is missing");
        }
        BigDecimal qty;
        try {
            qty = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new InboundRejectedException("qty '" + InventoryMessageAssembler.abbreviate(text) + "' for SKU " + sku
                    + " is not a number");
        }
        if (qty.signum() <= 0) {
            throw new InboundRejectedException("qty for SKU " + sku + " must be greater than 0: "
                    + InventoryMessageAssembler.abbreviate(text));
        }
        BigDecimal stripped = qty.stripTrailingZeros();
        if (stripped.scale() > 4 || qty.compareTo(BigDecimal.valueOf(100_000_000)) >= 0) {
            throw new InboundRejectedException("qty '" + InventoryMessageAssembler.abbreviate(text) + "' for SKU " + sku
                    + " is out of range (at most 4 decimals, below 100000000)");
        }
        return com.magentobridge.magento.Quantities.normalized(qty);
    }

    /** The extension declares email and includeComment as "string or false": 1/true/yes are set, 0/false/no/empty are not. */
    static boolean flag(String text, String field) {
        String value = trimToNull(text);
        if (value == null) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "y" -> true;
            case "0", "false", "no", "n" -> false;
            default -> throw new InboundRejectedException(field + " '" + InventoryMessageAssembler.abbreviate(value)
                    + "' is not a flag: use 1 or 0 (true or false)");
        };
    }

    private static void addTrack(Set<String> tracks, String number) {
        String value = trimToNull(number);
        if (value == null) {
            return;
        }
        if (value.length() > MAX_TRACKING_LENGTH) {
            throw new InboundRejectedException("trackingNumber '" + InventoryMessageAssembler.abbreviate(value)
                    + "' is longer than " + MAX_TRACKING_LENGTH + " characters");
        }
        tracks.add(value);
    }

    private static String text(String value, String field) {
        String trimmed = trimToNull(value);
        if (trimmed != null && trimmed.length() > MAX_TEXT_LENGTH) {
            throw new InboundRejectedException(field + " is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return trimmed;
    }

    private static String trimToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
