package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A view over the {@code items} of one order JSON (as GET /V1/orders/{id} answers it) with Magento's item rules
 * ({@code Magento\Sales\Model\Order\Item}): parent/child links, "dummy" items, quantities left to ship, and the
 * order-level {@code canShip()} / {@code canInvoice()} checks. Not thread-safe: use it under the order's lock.
 *
 * <p>Rules mirrored (read from Magento 2.4 sources, no code copied):
 * <ul>
 *   <li>{@code isShipSeparately}: only bundles can ship their children separately (flag kept by the simulator
 *       because the REST order item does not expose the bundle's {@code shipment_type});</li>
 *   <li>{@code isDummy(shipment)}: a parent whose children ship separately, or a child whose parent ships them
 *       together (every configurable child, children of a "ship together" bundle);</li>
 *   <li>{@code getSimpleQtyToShip} = max(0, ordered − shipped − refunded − canceled); {@code getQtyToShip} is 0 for
 *       a dummy item, else the simple quantity.</li>
 * </ul>
 */
final class OrderLines {

    static final class Line {
        final ObjectNode node;
        final int itemId;
        final Integer parentId;
        final String type;
        Line parent;
        final List<Line> children = new ArrayList<>(2);

        Line(ObjectNode node, int itemId, Integer parentId) {
            this.node = node;
            this.itemId = itemId;
            this.parentId = parentId;
            this.type = node.path("product_type").asText("");
        }

        String sku() {
            return node.path("sku").asText("");
        }

        BigDecimal qty(String field) {
            BigDecimal d = Json.decimal(node.get(field));
            return d == null ? BigDecimal.ZERO : d;
        }

        boolean isVirtual() {
            Boolean b = Json.bool(node.get("is_virtual"));
            return b != null && b;
        }

        boolean isQtyDecimal() {
            Boolean b = Json.bool(node.get("is_qty_decimal"));
            return b != null && b;
        }

        boolean isBundle() {
            return "bundle".equals(type);
        }
    }

    private final ObjectNode order;
    private final Set<Integer> separatelyShippedBundles;
    private final List<Line> lines = new ArrayList<>();
    private final Map<Integer, Line> byId = new LinkedHashMap<>();

    /** {@code separatelyShippedBundles}: item ids of bundle parents whose children ship separately. */
    OrderLines(ObjectNode order, Set<Integer> separatelyShippedBundles) {
        this.order = order;
        this.separatelyShippedBundles = separatelyShippedBundles == null ? Collections.emptySet()
                : separatelyShippedBundles;
        for (JsonNode n : order.path("items")) {
            Integer id = Json.integer(n.get("item_id"));
            if (id == null || !n.isObject() || byId.containsKey(id)) {
                continue;
            }
            Line line = new Line((ObjectNode) n, id, Json.integer(n.get("parent_item_id")));
            lines.add(line);
            byId.put(id, line);
        }
        for (Line line : lines) {
            if (line.parentId != null) {
                line.parent = byId.get(line.parentId);
                if (line.parent != null) {
                    line.parent.children.add(line);
                }
            }
        }
    }

    List<Line> all() {
        return lines;
    }

    Line get(int itemId) {
        return byId.get(itemId);
    }

    boolean shipSeparately(Line line) {
        Line owner = line.parent != null ? line.parent : line;
        return owner.isBundle() && separatelyShippedBundles.contains(owner.itemId);
    }

    boolean isDummyForShipment(Line line) {
        if (!line.children.isEmpty()) {
            return shipSeparately(line);
        }
        if (line.parent != null) {
            return !shipSeparately(line);
        }
        return false;
    }

    static BigDecimal simpleQtyToShip(Line line) {
        BigDecimal q = line.qty("qty_ordered").subtract(line.qty("qty_shipped")).subtract(line.qty("qty_refunded"))
                .subtract(line.qty("qty_canceled"));
        return q.signum() > 0 ? q : BigDecimal.ZERO;
    }

    BigDecimal qtyToShip(Line line) {
        return isDummyForShipment(line) ? BigDecimal.ZERO : simpleQtyToShip(line);
    }

    /** Invoice "dummy": a configurable child (its parent carries price and invoice). */
    static boolean isDummyForInvoice(Line line) {
        return line.parent != null && "configurable".equals(line.parent.type);
    }

    String state() {
        return order.path("state").asText("");
    }

    String status() {
        return order.path("status").asText("");
    }

    boolean orderIsVirtual() {
        Boolean b = Json.bool(order.get("is_virtual"));
        return b != null && b;
    }

    /** Magento's {@code Order::canShip()} minus the action flag. */
    boolean canShip() {
        String state = state();
        if ("holded".equals(state) || "payment_review".equals(state) || "canceled".equals(state) || orderIsVirtual()) {
            return false;
        }
        return anythingLeftToShip();
    }

    /** The item loop of {@code CanShip::canShip}: some non-virtual item still has a quantity to ship. */
    boolean anythingLeftToShip() {
        for (Line line : lines) {
            if (!line.isVirtual() && qtyToShip(line).signum() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Magento's {@code Order::canInvoice()}, simplified: some non-dummy item has ordered − invoiced − canceled > 0. */
    boolean canInvoice() {
        String state = state();
        if ("holded".equals(state) || "payment_review".equals(state) || "canceled".equals(state)
                || "complete".equals(state) || "closed".equals(state)) {
            return false;
        }
        for (Line line : lines) {
            if (isDummyForInvoice(line)) {
                continue;
            }
            BigDecimal q = line.qty("qty_ordered").subtract(line.qty("qty_invoiced")).subtract(line.qty("qty_canceled"));
            if (q.signum() > 0) {
                return true;
            }
        }
        return false;
    }

    /** Sets a field on the item AND on every copy of it inside the order (parent_item, shipping assignments). */
    void set(Line line, String field, BigDecimal value) {
        forEachCopy(order, line.itemId, copy -> Json.putNumber(copy, field, value));
    }

    void setText(Line line, String field, String value) {
        forEachCopy(order, line.itemId, copy -> copy.put(field, value));
    }

    /**
     * Visits every JSON object that represents order item {@code itemId}: {@code items[]}, their
     * {@code parent_item}, and the same inside {@code extension_attributes.shipping_assignments[].items[]}.
     */
    static void forEachCopy(ObjectNode order, int itemId, Consumer<ObjectNode> action) {
        forEachItemObject(order, o -> {
            Integer id = Json.integer(o.get("item_id"));
            if (id != null && id == itemId) {
                action.accept(o);
            }
        });
    }

    /** Visits every item-shaped object of the order (see {@link #forEachCopy}). */
    static void forEachItemObject(ObjectNode order, Consumer<ObjectNode> action) {
        visitItems(order.get("items"), action);
        for (JsonNode sa : order.path("extension_attributes").path("shipping_assignments")) {
            visitItems(sa.get("items"), action);
        }
    }

    private static void visitItems(JsonNode items, Consumer<ObjectNode> action) {
        if (items == null || !items.isArray()) {
            return;
        }
        for (JsonNode item : items) {
            if (item instanceof ObjectNode o) {
                action.accept(o);
                if (o.get("parent_item") instanceof ObjectNode parent) {
                    action.accept(parent);
                }
            }
        }
    }
}
