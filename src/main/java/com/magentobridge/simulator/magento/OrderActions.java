package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The order actions of {@code Magento\Sales\Api\OrderManagementInterface} as Magento 2.4's
 * {@code Sales\Model\Service\OrderService} runs them on {@code Sales\Model\Order} / {@code Order\Item}: cancel,
 * hold, unhold, addComment. Facts only were read from those sources (no code copied); every method runs with the
 * order's lock held by the caller.
 *
 * <ul>
 *   <li><b>cancel</b> ({@code OrderService::cancel}): when {@code Order::canCancel()} holds, {@code Order::cancel()}
 *       then save, answer {@code true}; otherwise nothing changes and the answer is {@code false} (HTTP 200 – no
 *       exception; the pre-2.3 behaviour of answering {@code true} regardless was magento/magento2#4479).
 *       {@code canCancel}: not canceled, not holded, not in payment review, some item still has a quantity to
 *       invoice (so a fully invoiced order cannot be canceled), state neither complete nor closed.
 *       {@code registerCancellation}: each item gets {@code qty_canceled = min(qty to invoice, qty to ship)}
 *       ({@code Item::getQtyToCancel}, dummies count 0: a configurable child keeps 0, like recorded order 9); the
 *       order's {@code *_canceled} totals become ordered minus invoiced; the new state is {@code canceled}, or
 *       {@code processing} / {@code complete} when an item was invoiced and not refunded (processing if that item
 *       still has more to ship than to cancel); the status is the state's default status. Magento adds no status
 *       history entry for a cancel without a comment (the REST cancel passes none; see also magento/magento2#35437),
 *       so neither does the simulator.</li>
 *   <li><b>hold</b> ({@code Order::hold}): refused unless the state is none of canceled, payment_review, complete,
 *       closed, holded – {@code LocalizedException("A hold action is not available.")}, which the web API answers as
 *       HTTP 400 {@code {"message": ...}}; otherwise {@code hold_before_state/status} keep the current pair and the
 *       order becomes {@code holded/holded}.</li>
 *   <li><b>unhold</b> ({@code Order::unhold}): refused unless the state is holded – {@code "You cannot remove the
 *       hold."} (400); otherwise state/status come back from {@code hold_before_*}, which are cleared (omitted).</li>
 *   <li><b>addComment</b> ({@code OrderService::addComment} → {@code Order::addStatusHistory}): the entry is added
 *       and the order saved, answer {@code true}. A given {@code status} becomes the order's status. Without one the
 *       order keeps its status and the entry records it (the fix of magento/magento2#34180, AC-1342; before it the
 *       order's status was set to NULL). Entries are listed newest first, as {@code Order::getStatusHistories()}
 *       loads them ({@code created_at DESC, entity_id DESC}; see the recorded order 12 of the OCA cassettes).</li>
 * </ul>
 * {@code updated_at} moves only when a column of the order row changes (Magento saves orders through a snapshot
 * check and the column is {@code ON UPDATE CURRENT_TIMESTAMP}): cancel, hold, unhold and a comment that changes the
 * status bump it; a comment that leaves the status alone does not (simulator reading of that mechanism).
 *
 * <p>Not modelled: payment cancellation/void (the simulator's payments are offline {@code checkmo}), stock return,
 * e-mails, Magento 2.4.7's restriction on which statuses a comment may set (magento/magento2#38659).
 */
final class OrderActions {

    static final String HOLD_NOT_AVAILABLE = "A hold action is not available.";
    static final String CANNOT_UNHOLD = "You cannot remove the hold.";
    static final String HISTORY_TYPE = "\\Magento\\Sales\\Api\\Data\\OrderStatusHistoryInterface";

    private OrderActions() {
    }

    // =================================================================== cancel

    /** {@code Order::canCancel()} for the order's current JSON. */
    static boolean canCancel(OrderLines lines) {
        String state = lines.state();
        if ("canceled".equals(state) || "holded".equals(state) || "payment_review".equals(state)) {
            return false;
        }
        boolean allInvoiced = true;
        for (OrderLines.Line line : lines.all()) {
            if (qtyToInvoice(line).signum() > 0) {
                allInvoiced = false;
                break;
            }
        }
        if (allInvoiced) {
            return false;
        }
        return !"complete".equals(state) && !"closed".equals(state);
    }

    /** {@code OrderService::cancel}: true and canceled if allowed, else false and untouched. */
    static boolean cancel(Orders orders, Orders.Record record) {
        OrderLines lines = new OrderLines(record.json, record.separatelyShippedBundles);
        if (!canCancel(lines)) {
            return false;
        }
        registerCancellation(orders, record, lines);
        return true;
    }

    private static void registerCancellation(Orders orders, Orders.Record record, OrderLines lines) {
        ObjectNode order = record.json;
        String now = orders.now();
        String state = "canceled";
        for (OrderLines.Line line : lines.all()) {
            if (!"processing".equals(state) && qtyToRefund(line).signum() > 0) {
                state = lines.qtyToShip(line).compareTo(qtyToCancel(lines, line)) > 0 ? "processing" : "complete";
            }
            BigDecimal ordered = line.qty("qty_ordered");
            if (ordered.signum() > 0 && ordered.compareTo(line.qty("qty_canceled")) == 0) {
                continue; // Item::cancel does nothing for an item that is already fully canceled
            }
            lines.set(line, "qty_canceled", qtyToCancel(lines, line));
            lines.setText(line, "updated_at", now);
        }
        canceled(order, "subtotal", "subtotal_invoiced", "subtotal_canceled", false);
        canceled(order, "base_subtotal", "base_subtotal_invoiced", "base_subtotal_canceled", false);
        canceled(order, "tax_amount", "tax_invoiced", "tax_canceled", false);
        canceled(order, "base_tax_amount", "base_tax_invoiced", "base_tax_canceled", false);
        canceled(order, "shipping_amount", "shipping_invoiced", "shipping_canceled", false);
        canceled(order, "base_shipping_amount", "base_shipping_invoiced", "base_shipping_canceled", false);
        canceled(order, "discount_amount", "discount_invoiced", "discount_canceled", true);
        canceled(order, "base_discount_amount", "base_discount_invoiced", "base_discount_canceled", true);
        canceled(order, "grand_total", "total_paid", "total_canceled", false);
        canceled(order, "base_grand_total", "base_total_paid", "base_total_canceled", false);
        order.put("state", state);
        order.put("status", defaultStatus(state));
        orders.stamp(record, now);
    }

    /** {@code target = amount − done} (absolute amount for discounts, which Magento stores negative). */
    private static void canceled(ObjectNode order, String amount, String done, String target, boolean abs) {
        BigDecimal a = Json.decimal(order.get(amount));
        if (a == null) {
            a = BigDecimal.ZERO;
        }
        if (abs) {
            a = a.abs();
        }
        BigDecimal d = Json.decimal(order.get(done));
        Json.putNumber(order, target, a.subtract(d == null ? BigDecimal.ZERO : d));
    }

    /** {@code Item::getQtyToInvoice}: 0 for an invoice dummy (a configurable child), else ordered − invoiced − canceled. */
    static BigDecimal qtyToInvoice(OrderLines.Line line) {
        if (OrderLines.isDummyForInvoice(line)) {
            return BigDecimal.ZERO;
        }
        BigDecimal q = line.qty("qty_ordered").subtract(line.qty("qty_invoiced")).subtract(line.qty("qty_canceled"));
        return q.signum() > 0 ? q : BigDecimal.ZERO;
    }

    /** {@code Item::getQtyToRefund}: 0 for an invoice dummy, else invoiced − refunded. */
    private static BigDecimal qtyToRefund(OrderLines.Line line) {
        if (OrderLines.isDummyForInvoice(line)) {
            return BigDecimal.ZERO;
        }
        BigDecimal q = line.qty("qty_invoiced").subtract(line.qty("qty_refunded"));
        return q.signum() > 0 ? q : BigDecimal.ZERO;
    }

    /** {@code Item::getQtyToCancel} = max(0, min(qty to invoice, qty to ship)). */
    private static BigDecimal qtyToCancel(OrderLines lines, OrderLines.Line line) {
        BigDecimal q = qtyToInvoice(line).min(lines.qtyToShip(line));
        return q.signum() > 0 ? q : BigDecimal.ZERO;
    }

    /** Magento's default status of a state (sales_order_status_state, is_default). */
    static String defaultStatus(String state) {
        return switch (state) {
            case "new" -> "pending";
            case "pending_payment" -> "pending_payment";
            case "payment_review" -> "payment_review";
            default -> state; // processing, complete, closed, canceled, holded
        };
    }

    // =================================================================== hold / unhold

    /** {@code Order::canHold()}. */
    static boolean canHold(String state) {
        return !("canceled".equals(state) || "payment_review".equals(state) || "complete".equals(state)
                || "closed".equals(state) || "holded".equals(state));
    }

    static void hold(Orders orders, Orders.Record record) {
        ObjectNode order = record.json;
        String state = text(order, "state");
        if (!canHold(state)) {
            throw MagentoErrors.badRequest(MagentoErrors.message(HOLD_NOT_AVAILABLE));
        }
        putOrRemove(order, "hold_before_state", state);
        putOrRemove(order, "hold_before_status", text(order, "status"));
        order.put("state", "holded");
        order.put("status", defaultStatus("holded"));
        orders.stamp(record, orders.now());
    }

    static void unhold(Orders orders, Orders.Record record) {
        ObjectNode order = record.json;
        if (!"holded".equals(text(order, "state"))) {
            throw MagentoErrors.badRequest(MagentoErrors.message(CANNOT_UNHOLD));
        }
        putOrRemove(order, "state", text(order, "hold_before_state"));
        putOrRemove(order, "status", text(order, "hold_before_status"));
        order.remove("hold_before_state");
        order.remove("hold_before_status");
        orders.stamp(record, orders.now());
    }

    // =================================================================== comments

    /** The {@code statusHistory} of a POST /V1/orders/{id}/comments body, read as leniently as Magento's web API. */
    record Comment(String comment, Integer customerNotified, int visibleOnFront, String status) {
    }

    static Comment parseComment(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw MagentoErrors.decoding();
        }
        JsonNode h = ShipOrder.field(body, "status_history");
        if (h == null || h.isNull()) {
            throw MagentoErrors.required("statusHistory");
        }
        if (!h.isObject()) {
            throw typeError(h, HISTORY_TYPE);
        }
        JsonNode c = ShipOrder.field(h, "comment");
        String comment = c == null || c.isNull() ? null : Json.text(c);
        Integer notified = flag(ShipOrder.field(h, "is_customer_notified"));
        Integer visible = flag(ShipOrder.field(h, "is_visible_on_front"));
        JsonNode s = ShipOrder.field(h, "status");
        String status = s == null || s.isNull() || Json.text(s).isEmpty() ? null : Json.text(s);
        return new Comment(comment, notified, visible == null ? 0 : visible, status);
    }

    private static Integer flag(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        Boolean b = Json.bool(n);
        if (b != null) {
            return b ? 1 : 0;
        }
        Integer i = Json.integer(n);
        if (i == null) {
            throw typeError(n, "int");
        }
        return i;
    }

    /** Adds the entry (newest first) and applies its status; answers nothing (the route answers {@code true}). */
    static void addComment(Orders orders, Orders.Record record, Comment c) {
        ObjectNode order = record.json;
        String now = orders.now();
        String current = text(order, "status");
        String status = c.status() != null ? c.status() : current;
        ObjectNode h = Json.object();
        if (c.comment() != null) {
            h.put("comment", c.comment());
        }
        h.put("created_at", now);
        h.put("entity_id", orders.nextHistoryId.getAndIncrement());
        if (c.customerNotified() != null) {
            h.put("is_customer_notified", c.customerNotified());
        }
        h.put("is_visible_on_front", c.visibleOnFront());
        h.put("parent_id", record.entityId);
        if (status != null) {
            h.put("status", status);
        }
        Orders.arrayOrNew(order, "status_histories").insert(0, h);
        if (c.status() != null && !c.status().equals(current)) {
            order.put("status", c.status());
            orders.stamp(record, now);
        }
    }

    // =================================================================== edit (admin "Edit order")

    /**
     * Magento's order edit (admin {@code Create::createOrder} with an original order): {@code Order::canEdit()} –
     * not holded, not canceled, not in payment review, not complete/closed, no invoice (here: nothing invoiced).
     */
    static boolean canEdit(OrderLines lines) {
        String state = lines.state();
        if ("holded".equals(state) || "canceled".equals(state) || "payment_review".equals(state)
                || "complete".equals(state) || "closed".equals(state)) {
            return false;
        }
        for (OrderLines.Line line : lines.all()) {
            if (line.qty("qty_invoiced").signum() > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The JSON of the replacement order: the original's lines and addresses as a fresh {@code new/pending} order
     * (nothing invoiced, shipped, canceled or refunded) carrying the edit relation fields exactly typed as recorded
     * order 10 of the OCA cassettes ({@code relation_parent_id} a string). Ids are assigned by the caller.
     */
    static ObjectNode replacement(ObjectNode original, String incrementId, String originalIncrementId,
                                  int editIncrement, String now) {
        ObjectNode o = original.deepCopy();
        for (String field : List.of("entity_id", "relation_child_id", "relation_child_real_id", "hold_before_state",
                "hold_before_status", "relation_parent_id", "relation_parent_real_id", "original_increment_id",
                "edit_increment")) {
            o.remove(field);
        }
        removeMoneyDone(o);
        if (o.get("payment") instanceof ObjectNode payment) {
            removeMoneyDone(payment);
        }
        Json.putNumber(o, "total_due", decimalOrZero(o.get("grand_total")));
        Json.putNumber(o, "base_total_due", decimalOrZero(o.get("base_grand_total")));
        o.put("state", "new");
        o.put("status", defaultStatus("new"));
        o.put("increment_id", incrementId);
        o.put("original_increment_id", originalIncrementId);
        o.put("relation_parent_id", String.valueOf(original.path("entity_id").asInt()));
        o.put("relation_parent_real_id", original.path("increment_id").asText());
        o.put("edit_increment", editIncrement);
        o.put("created_at", now);
        o.put("updated_at", now);
        o.putArray("status_histories");
        OrderLines.forEachItemObject(o, item -> {
            for (String q : List.of("qty_canceled", "qty_invoiced", "qty_refunded", "qty_shipped", "row_invoiced",
                    "base_row_invoiced", "amount_refunded", "base_amount_refunded", "tax_invoiced",
                    "base_tax_invoiced", "discount_invoiced", "base_discount_invoiced")) {
                if (item.has(q)) {
                    item.put(q, 0);
                }
            }
            item.put("created_at", now);
            item.put("updated_at", now);
        });
        return o;
    }

    /** Drops the {@code *_invoiced, *_paid, *_refunded, *_canceled} amounts of an order or payment object. */
    private static void removeMoneyDone(ObjectNode o) {
        List<String> drop = new ArrayList<>();
        o.fieldNames().forEachRemaining(f -> {
            if (f.endsWith("_invoiced") || f.endsWith("_paid") || f.endsWith("_refunded") || f.endsWith("_canceled")
                    || f.endsWith("_paid_online") || f.endsWith("_refunded_online")) {
                drop.add(f);
            }
        });
        o.remove(drop);
    }

    private static BigDecimal decimalOrZero(JsonNode n) {
        BigDecimal d = Json.decimal(n);
        return d == null ? BigDecimal.ZERO : d;
    }

    // =================================================================== helpers

    static String text(ObjectNode o, String field) {
        JsonNode n = o.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static void putOrRemove(ObjectNode o, String field, String value) {
        if (value == null) {
            o.remove(field);
        } else {
            o.put(field, value);
        }
    }

    private static MagentoException typeError(JsonNode value, String type) {
        return MagentoErrors.badRequest(MagentoErrors.named(MagentoErrors.INVALID_TYPE,
                "value", Json.text(value), "type", type));
    }
}
