package com.magentobridge.magento;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Order reads and the ship action over Magento's REST API. Orders are always found by {@code increment_id}
 * through search criteria (the back office never knows the entity id).
 */
public class MagentoOrders {

    /** A shipment as listed by GET /V1/shipments: its id, MSI source and shipped quantity per order item. */
    public record Shipment(long id, String sourceCode, Map<Long, BigDecimal> qtyByOrderItem) { }

    private final MagentoClient client;

    public MagentoOrders(MagentoClient client) {
        this.client = client;
    }

    /** The order with this increment id (leading zeros and edit suffixes kept as given), if Magento has it. */
    public Optional<MagentoOrder> findByIncrementId(String incrementId) {
        JsonNode result = client.get("orders.search", "/V1/orders?"
                + SearchCriteria.where("increment_id", "eq", incrementId).toQuery());
        for (JsonNode order : result.path("items")) {
            // exact match only: a lenient store could treat eq case-insensitively
            if (incrementId.equals(order.path("increment_id").asText())) {
                return Optional.of(MagentoOrder.from(order));
            }
        }
        return Optional.empty();
    }

    /** POST /V1/orders/{id}/{cancel|hold|unhold}: Magento answers true, or false when the order does not allow it. */
    public boolean act(long orderEntityId, String action) {
        JsonNode answer = client.post("orders." + action, "/V1/orders/" + orderEntityId + "/" + action, null);
        return answer.asBoolean(false);
    }

    /** POST /V1/orders/{id}/comments with the statusHistory wrapper; {@code status} null keeps the order's status. */
    public boolean comment(long orderEntityId, String comment, String status) {
        Map<String, Object> history = new java.util.LinkedHashMap<>();
        history.put("comment", comment);
        history.put("is_customer_notified", 0);
        history.put("is_visible_on_front", 0);
        history.put("parent_id", orderEntityId);
        if (status != null) {
            history.put("status", status);
        }
        JsonNode answer = client.post("orders.comment", "/V1/orders/" + orderEntityId + "/comments",
                Map.of("statusHistory", history));
        return answer.asBoolean(false);
    }

    /**
     * Units per SKU (of {@code skus}) in carts that are active and were updated since {@code since}; at most
     * {@code maxPages} pages of 100 carts are read (the newest first).
     */
    public Map<String, Long> activeCartUnits(java.util.Set<String> skus, java.time.Instant since, int maxPages) {
        Map<String, Long> units = new HashMap<>();
        String from = MagentoValues.formatTime(since);
        for (int page = 1; page <= maxPages; page++) {
            JsonNode result = client.get("carts.search", "/V1/carts/search?" + SearchCriteria
                    .where("is_active", "eq", "1").and("updated_at", "gteq", from)
                    .sortBy("updated_at", false).page(page, 100).toQuery());
            for (JsonNode cart : result.path("items")) {
                for (JsonNode item : cart.path("items")) {
                    String sku = item.path("sku").asText();
                    if (skus.contains(sku)) {
                        units.merge(sku, MagentoValues.decimal(item, "qty")
                                .setScale(0, java.math.RoundingMode.CEILING).longValue(), Long::sum);
                    }
                }
            }
            if (page * 100 >= result.path("total_count").asInt(0)) {
                break;
            }
        }
        return units;
    }

    /** The first page of orders updated at or after {@code from} ({@code gteq}), oldest first, ties by entity id. */
    public JsonNode updatedSince(String storeCode, String updatedAtFrom, int pageSize) {
        return client.getInStore("orders.search", storeCode, "/V1/orders?"
                + SearchCriteria.where("updated_at", "gteq", updatedAtFrom)
                        .sortBy("updated_at", true).sortBy("entity_id", true).page(1, pageSize).toQuery());
    }

    /** The first page of orders updated at exactly {@code updatedAt} with an entity id above {@code afterEntityId}. */
    public JsonNode updatedAtAfterId(String storeCode, String updatedAt, long afterEntityId, int pageSize) {
        return client.getInStore("orders.search", storeCode, "/V1/orders?"
                + SearchCriteria.where("updated_at", "eq", updatedAt).and("entity_id", "gt", Long.toString(afterEntityId))
                        .sortBy("entity_id", true).page(1, pageSize).toQuery());
    }

    /** POST /V1/order/{entityId}/ship; Magento answers the new shipment's id as a JSON string ("5") or a number. */
    public long ship(long orderEntityId, Map<String, Object> body) {
        JsonNode id = client.post("order.ship", "/V1/order/" + orderEntityId + "/ship", body);
        String text = id.asText().trim();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new MagentoTransientException("POST /V1/order/" + orderEntityId + "/ship answered '" + text
                    + "' instead of a shipment id", 200, e);
        }
    }

    /** The order's shipments, oldest first. */
    public List<Shipment> shipments(long orderEntityId) {
        JsonNode result = client.get("shipments.search", "/V1/shipments?"
                + SearchCriteria.where("order_id", "eq", Long.toString(orderEntityId)).sortBy("entity_id", true).toQuery());
        List<Shipment> shipments = new ArrayList<>();
        for (JsonNode shipment : result.path("items")) {
            Map<Long, BigDecimal> quantities = new HashMap<>();
            for (JsonNode item : shipment.path("items")) {
                quantities.merge(item.path("order_item_id").asLong(), Quantities.normalized(MagentoValues.decimal(item, "qty")),
                        BigDecimal::add);
            }
            JsonNode source = shipment.path("extension_attributes").path("source_code");
            shipments.add(new Shipment(shipment.path("entity_id").asLong(), source.isMissingNode() || source.isNull()
                    ? null : source.asText(), quantities));
        }
        return shipments;
    }
}
