package com.magentobridge.magento;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The part of a Magento order (GET /V1/orders…) that shipping needs. Parsed leniently: Magento renders ids and
 * quantities as numbers or strings depending on version and endpoint.
 */
public record MagentoOrder(long entityId, String incrementId, String state, String status, List<Item> items,
                           List<String> comments) {

    public record Item(long itemId, String sku, String name, String productType, Long parentItemId, boolean virtual,
                       BigDecimal qtyOrdered, BigDecimal qtyShipped, BigDecimal qtyRefunded, BigDecimal qtyCanceled) {

        /** What Magento still lets ship on this line (Order\Item::getQtyToShip, without the virtual case). */
        public BigDecimal qtyToShip() {
            BigDecimal left = qtyOrdered.subtract(qtyShipped).subtract(qtyRefunded).subtract(qtyCanceled);
            return left.signum() < 0 ? BigDecimal.ZERO : left;
        }
    }

    public static MagentoOrder from(JsonNode order) {
        List<Item> items = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            JsonNode parent = item.get("parent_item_id");
            items.add(new Item(item.path("item_id").asLong(), item.path("sku").asText(), item.path("name").asText(null),
                    item.path("product_type").asText(""),
                    parent == null || parent.isNull() || parent.asText().isEmpty() ? null : parent.asLong(),
                    item.path("is_virtual").asInt(0) == 1,
                    MagentoValues.decimal(item, "qty_ordered"), MagentoValues.decimal(item, "qty_shipped"), MagentoValues.decimal(item, "qty_refunded"),
                    MagentoValues.decimal(item, "qty_canceled")));
        }
        List<String> comments = new ArrayList<>();
        for (JsonNode history : order.path("status_histories")) {
            if (history.hasNonNull("comment")) {
                comments.add(history.get("comment").asText());
            }
        }
        return new MagentoOrder(order.path("entity_id").asLong(), order.path("increment_id").asText(),
                order.path("state").asText(""), order.path("status").asText(""), List.copyOf(items),
                List.copyOf(comments));
    }

    public Item item(long itemId) {
        for (Item item : items) {
            if (item.itemId() == itemId) {
                return item;
            }
        }
        return null;
    }
}
