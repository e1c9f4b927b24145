package com.magentobridge.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import com.magentobridge.magento.MagentoValues;

/**
 * Magento's order JSON (GET /V1/orders…) → {@link CanonicalOrder}. Lenient where Magento is loose (ids and numbers as
 * numbers or strings, nulls, missing blocks), strict where the order would be wrong: a missing entity_id,
 * increment_id or updated_at is refused.
 */
public final class CanonicalOrderMapper {

    private CanonicalOrderMapper() {
    }

    public static CanonicalOrder map(JsonNode order) {
        long entityId = requiredLong(order, "entity_id");
        String incrementId = required(order, "increment_id");
        Instant updatedAt;
        try {
            updatedAt = time(order, "updated_at");
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Order " + incrementId + ": updated_at '" + text(order, "updated_at")
                    + "' is not a Magento time (yyyy-MM-dd HH:mm:ss, UTC)");
        }
        if (updatedAt == null) {
            throw new IllegalArgumentException("Order " + incrementId + " has no updated_at");
        }
        JsonNode payment = order.path("payment");
        JsonNode shipping = shippingBlock(order);
        return new CanonicalOrder(entityId, incrementId, order.path("store_id").asInt(0), text(order, "store_name"),
                text(order, "state"), text(order, "status"), time(order, "created_at"), updatedAt,
                text(order, "order_currency_code"), text(order, "base_currency_code"), customer(order),
                text(payment, "method"), text(shipping, "method"), text(order, "shipping_description"),
                totals(order), text(order, "coupon_code"), text(order, "discount_description"),
                text(order, "customer_note"), address(order.path("billing_address")),
                address(shipping.path("address")), lines(order), order.path("is_virtual").asInt(0) == 1,
                fullyInvoiced(order), edit(order));
    }

    /** Magento's time format (see {@link MagentoValues#parseTime}). */
    public static Instant parseTime(String text) {
        return MagentoValues.parseTime(text);
    }

    public static String formatTime(Instant instant) {
        return MagentoValues.formatTime(instant);
    }

    private static JsonNode shippingBlock(JsonNode order) {
        for (JsonNode assignment : order.path("extension_attributes").path("shipping_assignments")) {
            JsonNode shipping = assignment.path("shipping");
            if (!shipping.isMissingNode()) {
                return shipping;
            }
        }
        return order.path("missing-shipping");
    }

    private static CanonicalOrder.Customer customer(JsonNode order) {
        JsonNode id = order.get("customer_id");
        boolean guest = order.path("customer_is_guest").asInt(0) == 1 || id == null || id.isNull();
        return new CanonicalOrder.Customer(id == null || id.isNull() ? null : id.asLong(), guest,
                text(order, "customer_email"), text(order, "customer_firstname"), text(order, "customer_lastname"),
                order.has("customer_group_id") && !order.get("customer_group_id").isNull()
                        ? order.get("customer_group_id").asInt() : null);
    }

    private static CanonicalOrder.Totals totals(JsonNode order) {
        return new CanonicalOrder.Totals(decimal(order, "subtotal"), decimal(order, "subtotal_incl_tax"),
                decimal(order, "discount_amount"), decimal(order, "tax_amount"), decimal(order, "shipping_amount"),
                decimal(order, "shipping_tax_amount"), decimal(order, "shipping_incl_tax"), decimal(order, "grand_total"),
                decimal(order, "base_grand_total"));
    }

    private static CanonicalOrder.Address address(JsonNode address) {
        if (address.isMissingNode() || address.isNull()) {
            return null;
        }
        List<String> street = new ArrayList<>();
        for (JsonNode line : address.path("street")) {
            if (!line.isNull() && !line.asText().isBlank()) {
                street.add(line.asText());
            }
        }
        return new CanonicalOrder.Address(text(address, "firstname"), text(address, "lastname"),
                text(address, "company"), List.copyOf(street), text(address, "city"), text(address, "region"),
                text(address, "postcode"), text(address, "country_id"), text(address, "telephone"),
                text(address, "email"));
    }

    /** Simple lines, configurable parents (not their children), bundle children (not the bundle parent). */
    private static List<CanonicalOrder.Line> lines(JsonNode order) {
        Map<Long, String> typeById = new HashMap<>();
        for (JsonNode item : order.path("items")) {
            typeById.put(item.path("item_id").asLong(), item.path("product_type").asText(""));
        }
        List<CanonicalOrder.Line> lines = new ArrayList<>();
        for (JsonNode item : order.path("items")) {
            String type = item.path("product_type").asText("");
            JsonNode parent = item.get("parent_item_id");
            String parentType = parent == null || parent.isNull() ? null : typeById.get(parent.asLong());
            if ("configurable".equals(parentType) || "bundle".equals(type)) {
                continue;
            }
            lines.add(new CanonicalOrder.Line(item.path("item_id").asLong(), required(item, "sku"), text(item, "name"),
                    type, decimal(item, "qty_ordered"), decimal(item, "qty_invoiced"), decimal(item, "qty_shipped"),
                    decimal(item, "qty_canceled"), decimal(item, "qty_refunded"), decimal(item, "price"),
                    decimal(item, "price_incl_tax"), decimal(item, "tax_amount"), decimal(item, "tax_percent"),
                    decimal(item, "discount_amount"), decimal(item, "row_total"), decimal(item, "row_total_incl_tax"),
                    item.path("is_virtual").asInt(0) == 1));
        }
        return List.copyOf(lines);
    }

    /** Every item (configurable children included) invoiced for its whole ordered quantity. */
    private static boolean fullyInvoiced(JsonNode order) {
        boolean any = false;
        for (JsonNode item : order.path("items")) {
            any = true;
            BigDecimal ordered = decimal(item, "qty_ordered");
            BigDecimal invoiced = decimal(item, "qty_invoiced");
            BigDecimal canceled = decimal(item, "qty_canceled");
            if (invoiced.add(canceled).compareTo(ordered) < 0) {
                return false;
            }
        }
        return any;
    }

    private static CanonicalOrder.Edit edit(JsonNode order) {
        JsonNode parent = order.get("relation_parent_id");
        if (parent == null || parent.isNull() || parent.asText().isBlank()) {
            return null;
        }
        return new CanonicalOrder.Edit(Long.parseLong(parent.asText().trim()), text(order, "relation_parent_real_id"),
                text(order, "original_increment_id"),
                order.has("edit_increment") && !order.get("edit_increment").isNull()
                        ? order.get("edit_increment").asInt() : null);
    }

    private static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Magento order without " + field);
        }
        return value;
    }

    private static long requiredLong(JsonNode node, String field) {
        String value = required(node, field);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Magento order " + field + " '" + value + "' is not a number");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static Instant time(JsonNode node, String field) {
        return parseTime(text(node, field));
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        return MagentoValues.decimal(node, field);
    }
}
