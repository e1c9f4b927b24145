package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /V1/order/{orderId}/ship} ({@code Magento\Sales\Model\ShipOrder::execute}), modelled on Magento 2.4's
 * {@code ShipmentDocumentFactory}, {@code Order\ShipmentFactory::prepareItems}, the validators
 * {@code Order\Validation\CanShip}, {@code Shipment\Validation\QuantityValidator}, {@code TrackValidator} and
 * {@code Bundle\...\BundleShipmentTypeValidator}, and the state handling of {@code ShipOrder} +
 * {@code ResourceModel\Order\Handler\State}. Facts only were taken from those sources; no code was copied.
 *
 * <p>What Magento does, and so does this class:
 * <ul>
 *   <li>an empty (or absent) {@code items} list ships every remaining quantity of every non-virtual top-level line
 *       (and of the children of separately shipped bundles);</li>
 *   <li>the shipment is built from the order's items: a requested id that is not an order item, a configurable child
 *       and a line with nothing left to ship are simply not in it; a quantity above what is left is cut to what is
 *       left; quantities are truncated to integers unless the line has {@code is_qty_decimal};</li>
 *   <li>the children of a configurable (and of a bundle shipped together) travel with the parent's item id; the
 *       children of a separately shipped bundle ship through their own item ids;</li>
 *   <li>every validation message is collected and answered at once: HTTP 400
 *       {@code "Shipment Document Validation Error(s):\n<message>\n<message>..."} (no {@code parameters});</li>
 *   <li>the source: {@code arguments.extension_attributes.source_code}, else {@code default}; a source that does
 *       not exist fails when the shipment is saved (MSI's source deduction throws, ShipOrder rolls back and answers
 *       400 "Could not save a shipment, see error log for details");</li>
 *   <li>after the shipment: a {@code new} order becomes {@code processing}; a {@code processing} order with
 *       nothing left to invoice and nothing left to ship becomes {@code complete} (status = state).</li>
 * </ul>
 *
 * <p>Simulator choices (documented deviations, switchable on {@link Orders}):
 * <ul>
 *   <li><b>strict quantities (default)</b>: besides Magento's own messages, every requested line that Magento would
 *       silently cut or drop is refused: an id that is not on the order ({@code We can not found item "%1" in
 *       order.}, Magento 2.1's QuantityValidator wording – 2.2+ names the SKU of the missing line, which a request
 *       does not carry), and a quantity above what is left to ship or a configurable child's id ({@code The quantity
 *       to ship must not be greater than the unshipped quantity for product SKU "%1".}, Magento 2.2+ wording; a
 *       configurable child's quantity to ship is 0 in Magento). With {@code clampShipQuantities} on, Magento's exact
 *       cut/drop behaviour applies instead;</li>
 *   <li><b>children follow (default)</b>: when a configurable (or together-shipped bundle) parent ships, its
 *       children's {@code qty_shipped} grows in proportion. Real Magento leaves them at 0 (magento/magento2#26228);
 *       switch off {@code childQtyShippedFollowsParent} to get that;</li>
 *   <li>a separately shipped bundle's parent line gets qty 1 per shipment in Magento (its "container" line); the
 *       simulator does the same but never lets its {@code qty_shipped} exceed {@code qty_ordered};</li>
 *   <li>no stock is deducted from the catalog's source items, no e-mail is sent ({@code email_sent} is 1 when
 *       {@code notify} is true), no status history entry is added.</li>
 * </ul>
 */
final class ShipOrder {

    static final String VALIDATION_PREFIX = "Shipment Document Validation Error(s):\n";
    /** Order\Validation\CanShip, state holded / payment_review / canceled or a virtual order. */
    static final String WRONG_STATE = "A shipment cannot be created when an order has a status of %1";
    /** Order\Validation\CanShip, nothing left to ship. */
    static final String NOT_ALLOWED = "The order does not allow a shipment to be created.";
    /** Shipment\Validation\QuantityValidator (2.2+). */
    static final String NO_PRODUCTS = "You can't create a shipment without products.";
    /** Shipment\Validation\QuantityValidator (2.2+). */
    static final String QTY_TOO_HIGH =
            "The quantity to ship must not be greater than the unshipped quantity for product SKU \"%1\".";
    /** Shipment\Validation\QuantityValidator (2.1 wording), used by the simulator's strict mode only. */
    static final String ITEM_NOT_FOUND = "We can not found item \"%1\" in order.";
    /** Shipment\Validation\TrackValidator. */
    static final String TRACK_NUMBER = "Please enter a tracking number.";
    /** Bundle\Model\Sales\Order\Shipment\BundleShipmentTypeValidator. */
    static final String BUNDLE_TYPE =
            "Cannot create shipment as bundle product \"%1\" has shipment type \"%2\". %3 should be shipped instead.";
    /** Sales\Model\ShipOrder, any failure while saving (e.g. MSI source deduction on an unknown source). */
    static final String COULD_NOT_SAVE = "Could not save a shipment, see error log for details";
    /** OrderRepository::get / ShipmentRepository::get. */
    static final String ENTITY_NOT_FOUND =
            "The entity that was requested doesn't exist. Verify the entity and try again.";

    static final String ITEM_TYPE = "\\Magento\\Sales\\Api\\Data\\ShipmentItemCreationInterface";
    static final String TRACK_TYPE = "\\Magento\\Sales\\Api\\Data\\ShipmentTrackCreationInterface";

    record ItemRequest(Integer orderItemId, BigDecimal qty) {
    }

    record TrackRequest(String trackNumber, String title, String carrierCode) {
    }

    record Request(List<ItemRequest> items, boolean notifyCustomer, boolean appendComment, String comment,
                   int commentVisibleOnFront, List<TrackRequest> tracks, JsonNode packages, String sourceCode) {
    }

    private record Prepared(OrderLines.Line line, BigDecimal qty, boolean deleted) {
    }

    private ShipOrder() {
    }

    // =================================================================== request parsing

    /**
     * Reads the body as leniently as Magento's web API: snake_case or camelCase keys, ids as numbers or numeric
     * strings, quantities as numbers or numeric strings; an empty body means "all defaults". Wrong types answer
     * Magento's 400 type error.
     */
    static Request parse(byte[] body) {
        JsonNode json;
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            json = Json.object();
        } else {
            try {
                json = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw MagentoErrors.decoding();
            }
        }
        if (json == null || !json.isObject()) {
            throw MagentoErrors.decoding();
        }
        List<ItemRequest> items = new ArrayList<>();
        JsonNode itemsNode = field(json, "items");
        if (itemsNode != null && !itemsNode.isNull()) {
            if (!itemsNode.isArray()) {
                throw typeError(itemsNode, ITEM_TYPE + "[]");
            }
            for (JsonNode item : itemsNode) {
                if (!item.isObject()) {
                    throw typeError(item, ITEM_TYPE);
                }
                JsonNode idNode = field(item, "order_item_id");
                Integer id = Json.integer(idNode);
                if (id == null && idNode != null && !idNode.isNull()) {
                    throw typeError(idNode, "int");
                }
                JsonNode qtyNode = field(item, "qty");
                BigDecimal qty = Json.decimal(qtyNode);
                if (qty == null && qtyNode != null && !qtyNode.isNull()) {
                    throw typeError(qtyNode, "float");
                }
                items.add(new ItemRequest(id, qty == null ? BigDecimal.ZERO : qty));
            }
        }
        boolean notify = bool(field(json, "notify"));
        boolean appendComment = bool(field(json, "append_comment"));
        String comment = null;
        int visible = 0;
        JsonNode commentNode = field(json, "comment");
        if (commentNode != null && !commentNode.isNull()) {
            if (!commentNode.isObject()) {
                throw typeError(commentNode, "\\Magento\\Sales\\Api\\Data\\ShipmentCommentCreationInterface");
            }
            JsonNode text = field(commentNode, "comment");
            comment = text == null || text.isNull() ? null : Json.text(text);
            visible = bool(field(commentNode, "is_visible_on_front")) ? 1 : 0;
        }
        List<TrackRequest> tracks = new ArrayList<>();
        JsonNode tracksNode = field(json, "tracks");
        if (tracksNode != null && !tracksNode.isNull()) {
            if (!tracksNode.isArray()) {
                throw typeError(tracksNode, TRACK_TYPE + "[]");
            }
            for (JsonNode t : tracksNode) {
                if (!t.isObject()) {
                    throw typeError(t, TRACK_TYPE);
                }
                tracks.add(new TrackRequest(text(field(t, "track_number")), text(field(t, "title")),
                        text(field(t, "carrier_code"))));
            }
        }
        JsonNode packages = field(json, "packages");
        if (packages != null && !packages.isNull() && !packages.isArray()) {
            throw typeError(packages, "\\Magento\\Sales\\Api\\Data\\ShipmentPackageCreationInterface[]");
        }
        String source = null;
        JsonNode args = field(json, "arguments");
        if (args != null && args.isObject()) {
            JsonNode ext = field(args, "extension_attributes");
            if (ext != null && ext.isObject()) {
                source = text(field(ext, "source_code"));
            }
        }
        return new Request(items, notify, appendComment, comment, visible, tracks,
                packages == null || packages.isNull() ? null : packages, source);
    }

    /** {@code object[snake]} or {@code object[camelCase]}, as Magento's input processor accepts both. */
    static JsonNode field(JsonNode object, String snake) {
        JsonNode n = object.get(snake);
        if (n == null && snake.indexOf('_') >= 0) {
            n = object.get(camelCase(snake));
        }
        return n;
    }

    static String camelCase(String snake) {
        StringBuilder sb = new StringBuilder(snake.length());
        boolean up = false;
        for (int i = 0; i < snake.length(); i++) {
            char c = snake.charAt(i);
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static boolean bool(JsonNode n) {
        if (n == null || n.isNull()) {
            return false;
        }
        Boolean b = Json.bool(n);
        if (b == null) {
            throw typeError(n, "boolean");
        }
        return b;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : Json.text(n);
    }

    private static MagentoException typeError(JsonNode value, String type) {
        return MagentoErrors.badRequest(MagentoErrors.named(MagentoErrors.INVALID_TYPE,
                "value", Json.text(value), "type", type));
    }

    // =================================================================== execution

    /** Creates the shipment or throws a Magento-shaped error; returns the new shipment's entity_id. */
    static int execute(Orders orders, Catalog catalog, int orderId, Request request) {
        Orders.Record record = orders.record(orderId);
        if (record == null) {
            throw new MagentoException(404, MagentoErrors.message(ENTITY_NOT_FOUND));
        }
        synchronized (record) {
            return executeLocked(orders, catalog, record, request);
        }
    }

    private static int executeLocked(Orders orders, Catalog catalog, Orders.Record record, Request request) {
        ObjectNode order = record.json;
        OrderLines lines = new OrderLines(order, record.separatelyShippedBundles);

        // ShipmentDocumentFactory: requested quantities per order item id (a repeated id: the last one wins)
        Map<Integer, BigDecimal> requested = new LinkedHashMap<>();
        boolean requestHasIdlessLine = false;
        for (ItemRequest item : request.items()) {
            if (item.orderItemId() == null) {
                requestHasIdlessLine = true;
            } else {
                requested.put(item.orderItemId(), item.qty());
            }
        }
        Map<Integer, BigDecimal> quantities = requested;
        if (request.items().isEmpty()) {
            quantities = new LinkedHashMap<>();
            for (OrderLines.Line line : lines.all()) {
                if (!line.isVirtual() && (line.parent == null || lines.shipSeparately(line))) {
                    quantities.put(line.itemId, line.qty("qty_ordered"));
                }
            }
        }

        List<Prepared> prepared = prepareItems(lines, quantities);
        BigDecimal totalQty = BigDecimal.ZERO;
        for (Prepared p : prepared) {
            totalQty = totalQty.add(p.qty());
        }

        List<String> messages = new ArrayList<>();
        // CanShip
        String state = lines.state();
        if ("payment_review".equals(state) || "holded".equals(state) || "canceled".equals(state)
                || lines.orderIsVirtual()) {
            messages.add(WRONG_STATE.replace("%1", lines.status()));
        } else if (!lines.anythingLeftToShip()) {
            messages.add(NOT_ALLOWED);
        }
        // strict per-line checks (simulator), in the QuantityValidator's place
        if (!orders.clampShipQuantities()) {
            if (requestHasIdlessLine) {
                for (ItemRequest item : request.items()) {
                    if (item.orderItemId() == null && item.qty().signum() > 0) {
                        messages.add(ITEM_NOT_FOUND.replace("%1", ""));
                    }
                }
            }
            for (Map.Entry<Integer, BigDecimal> e : requested.entrySet()) {
                if (e.getValue().signum() <= 0) {
                    continue;
                }
                OrderLines.Line line = lines.get(e.getKey());
                if (line == null) {
                    messages.add(ITEM_NOT_FOUND.replace("%1", String.valueOf(e.getKey())));
                } else if (line.isVirtual()) {
                    continue;
                } else if (lines.isDummyForShipment(line)) {
                    if (line.parent != null && !line.parent.isBundle()) {
                        messages.add(QTY_TOO_HIGH.replace("%1", line.sku()));
                    }
                } else if (e.getValue().compareTo(lines.qtyToShip(line)) > 0) {
                    messages.add(QTY_TOO_HIGH.replace("%1", line.sku()));
                }
            }
        }
        // QuantityValidator
        if (prepared.isEmpty()) {
            messages.add(NO_PRODUCTS);
        } else {
            BigDecimal counted = BigDecimal.ZERO;
            for (Prepared p : prepared) {
                if (p.qty().compareTo(lines.qtyToShip(p.line())) <= 0 || lines.isDummyForShipment(p.line())) {
                    counted = counted.add(p.qty());
                } else {
                    messages.add(QTY_TOO_HIGH.replace("%1", p.line().sku()));
                }
            }
            if (counted.signum() <= 0) {
                messages.add(NO_PRODUCTS);
            }
        }
        // TrackValidator
        for (TrackRequest t : request.tracks()) {
            if (t.trackNumber() == null || t.trackNumber().isEmpty()) {
                messages.add(TRACK_NUMBER);
            }
        }
        // ShipmentItemsValidator → BundleShipmentTypeValidator, on the requested order items
        Set<Integer> requestedIds = new HashSet<>(requested.keySet());
        for (OrderLines.Line line : lines.all()) {
            if (!requestedIds.contains(line.itemId) || !lines.isDummyForShipment(line)) {
                continue;
            }
            if (!line.children.isEmpty() && line.isBundle()) {
                messages.add(BUNDLE_TYPE.replace("%1", line.sku()).replace("%2", "Separately")
                        .replace("%3", "Bundle product options"));
            }
            if (line.parent != null && line.parent.isBundle()) {
                messages.add(BUNDLE_TYPE.replace("%1", line.parent.sku()).replace("%2", "Together")
                        .replace("%3", "Bundle product itself"));
            }
        }
        if (!messages.isEmpty()) {
            throw MagentoErrors.badRequest(MagentoErrors.message(VALIDATION_PREFIX + String.join("\n", messages)));
        }

        String source = request.sourceCode() == null || request.sourceCode().isEmpty()
                ? Catalog.DEFAULT_SOURCE : request.sourceCode();
        if (!catalog.hasSource(source)) {
            throw MagentoErrors.badRequest(MagentoErrors.message(COULD_NOT_SAVE));
        }

        return apply(orders, record, lines, prepared, totalQty, request, source);
    }

    /** {@code ShipmentFactory::prepareItems} + {@code setItemsToShipment}. */
    private static List<Prepared> prepareItems(OrderLines lines, Map<Integer, BigDecimal> quantities) {
        List<Prepared> prepared = new ArrayList<>();
        for (OrderLines.Line line : lines.all()) {
            if (!canShipItem(lines, line, quantities)) {
                continue;
            }
            boolean dummy = lines.isDummyForShipment(line);
            if (!dummy) {
                BigDecimal q = quantities.get(line.itemId);
                if (q == null || q.signum() <= 0) {
                    continue;
                }
            }
            boolean deleted = line.isVirtual() || (line.parentId != null && !lines.shipSeparately(line));
            BigDecimal qty;
            if (dummy) {
                if (line.parentId != null && quantities.containsKey(line.parentId)) {
                    if (line.parent != null && line.parent.isBundle()) {
                        qty = selectionQty(line).multiply(quantities.get(line.parentId))
                                .min(OrderLines.simpleQtyToShip(line));
                    } else {
                        qty = BigDecimal.ZERO; // configurable child: nothing of its own
                    }
                } else {
                    qty = BigDecimal.ONE;
                }
            } else {
                qty = quantities.get(line.itemId).min(lines.qtyToShip(line));
            }
            prepared.add(new Prepared(line, castQty(line, qty), deleted));
        }
        // a separately shipped bundle without any of its children in the shipment is dropped
        prepared.removeIf(p -> !p.line().children.isEmpty() && lines.shipSeparately(p.line())
                && prepared.stream().noneMatch(c -> c.line().parent == p.line()));
        return prepared;
    }

    /** {@code ShipmentFactory::canShipItem}. */
    private static boolean canShipItem(OrderLines lines, OrderLines.Line line, Map<Integer, BigDecimal> quantities) {
        if (line.isVirtual()) {
            return false;
        }
        if (lines.isDummyForShipment(line)) {
            if (!line.children.isEmpty()) {
                if (lines.shipSeparately(line)) {
                    return true;
                }
                for (OrderLines.Line child : line.children) {
                    if (child.isVirtual()) {
                        continue;
                    }
                    if (quantities.isEmpty() ? lines.qtyToShip(child).signum() > 0
                            : positive(quantities.get(child.itemId))) {
                        return true;
                    }
                }
                return false;
            }
            if (line.parent != null) {
                return quantities.isEmpty() ? lines.qtyToShip(line.parent).signum() > 0
                        : positive(quantities.get(line.parent.itemId));
            }
        }
        return lines.qtyToShip(line).signum() > 0;
    }

    private static boolean positive(BigDecimal d) {
        return d != null && d.signum() > 0;
    }

    /** Units of a bundle child per bundle unit. */
    private static BigDecimal selectionQty(OrderLines.Line child) {
        BigDecimal parentQty = child.parent.qty("qty_ordered");
        if (parentQty.signum() <= 0) {
            return BigDecimal.ONE;
        }
        return child.qty("qty_ordered").divide(parentQty, 4, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private static BigDecimal castQty(OrderLines.Line line, BigDecimal qty) {
        BigDecimal q = line.isQtyDecimal() ? qty : qty.setScale(0, RoundingMode.DOWN);
        return q.signum() > 0 ? q : BigDecimal.ZERO;
    }

    // =================================================================== applying

    private static int apply(Orders orders, Orders.Record record, OrderLines lines, List<Prepared> prepared,
                             BigDecimal totalQty, Request request, String source) {
        ObjectNode order = record.json;
        String now = orders.now();
        int shipmentId = orders.nextShipmentId.getAndIncrement();

        ArrayNode shipmentItems = Json.array();
        for (Prepared p : prepared) {
            if (p.deleted() || p.qty().signum() <= 0) {
                continue; // not saved, not registered (Shipment::register skips qty 0)
            }
            OrderLines.Line line = p.line();
            BigDecimal shipped = line.qty("qty_shipped").add(p.qty());
            if (lines.isDummyForShipment(line)) {
                shipped = shipped.min(line.qty("qty_ordered"));
            }
            lines.set(line, "qty_shipped", shipped);
            lines.setText(line, "updated_at", now);
            if (orders.childQtyShippedFollowsParent()) {
                BigDecimal parentOrdered = line.qty("qty_ordered");
                for (OrderLines.Line child : line.children) {
                    if (child.isVirtual() || !lines.isDummyForShipment(child) || parentOrdered.signum() <= 0) {
                        continue;
                    }
                    BigDecimal add = p.qty().multiply(child.qty("qty_ordered"))
                            .divide(parentOrdered, 4, RoundingMode.HALF_UP);
                    BigDecimal childShipped = child.qty("qty_shipped").add(add).min(child.qty("qty_ordered"));
                    lines.set(child, "qty_shipped", childShipped);
                    lines.setText(child, "updated_at", now);
                }
            }
            ObjectNode si = shipmentItems.addObject();
            si.put("entity_id", orders.nextShipmentItemId.getAndIncrement());
            si.set("name", line.node.get("name"));
            si.put("parent_id", shipmentId);
            copy(line.node, si, "price");
            copy(line.node, si, "product_id");
            copy(line.node, si, "sku");
            copy(line.node, si, "weight");
            si.put("order_item_id", line.itemId);
            Json.putNumber(si, "qty", p.qty());
        }

        // order state: ShipOrder (new → processing), then the save handler (processing → complete)
        if ("new".equals(lines.state())) {
            order.put("state", "processing");
            order.put("status", "processing");
        }
        if ("processing".equals(lines.state()) && !lines.canInvoice() && !lines.canShip()) {
            order.put("state", "complete");
            order.put("status", "complete");
        }
        order.put("updated_at", now);

        int orderId = record.entityId;
        ObjectNode s = Json.object();
        copy(order, s, "billing_address_id");
        s.put("created_at", now);
        copy(order, s, "customer_id");
        if (request.notifyCustomer()) {
            s.put("email_sent", 1);
        }
        s.put("entity_id", shipmentId);
        s.put("increment_id", String.format("%09d", shipmentId));
        s.put("order_id", orderId);
        if (request.packages() != null) {
            s.set("packages", request.packages().deepCopy());
        }
        JsonNode shippingAddressId = order.path("extension_attributes").path("shipping_assignments").path(0)
                .path("shipping").path("address").path("entity_id");
        if (shippingAddressId.isNumber()) {
            s.put("shipping_address_id", shippingAddressId.asInt());
        }
        copy(order, s, "store_id");
        Json.putNumber(s, "total_qty", totalQty);
        s.put("updated_at", now);
        s.set("items", shipmentItems);
        ArrayNode tracks = s.putArray("tracks");
        for (TrackRequest t : request.tracks()) {
            ObjectNode tn = tracks.addObject();
            tn.put("order_id", orderId);
            tn.put("created_at", now);
            tn.put("entity_id", orders.nextTrackId.getAndIncrement());
            tn.put("parent_id", shipmentId);
            tn.put("updated_at", now);
            tn.put("track_number", t.trackNumber());
            if (t.title() != null) {
                tn.put("title", t.title());
            }
            if (t.carrierCode() != null) {
                tn.put("carrier_code", t.carrierCode());
            }
        }
        ArrayNode comments = s.putArray("comments");
        if (request.comment() != null && !request.comment().isEmpty()) {
            ObjectNode c = comments.addObject();
            c.put("comment", request.comment());
            c.put("created_at", now);
            c.put("entity_id", orders.nextCommentId.getAndIncrement());
            c.put("is_customer_notified", request.appendComment() && request.notifyCustomer() ? 1 : 0);
            c.put("is_visible_on_front", request.commentVisibleOnFront());
            c.put("parent_id", shipmentId);
        }
        s.putObject("extension_attributes").put("source_code", source);
        orders.storeShipment(record, s);
        return shipmentId;
    }

    private static void copy(JsonNode from, ObjectNode to, String field) {
        JsonNode v = from.get(field);
        if (v != null && !v.isNull()) {
            to.set(field, v.deepCopy());
        }
    }
}
