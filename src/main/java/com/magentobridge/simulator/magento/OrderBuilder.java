package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Fluent builder for a simulator order shaped like Magento 2's GET /V1/orders/{id} answer (modelled on the
 * recorded guest order 16 / customer order 12 of the OCA cassettes: same field names, types and nesting). Get one
 * from {@link MagentoSimulator#newOrder(String)}; {@link #create()} registers it and returns its {@code entity_id}.
 *
 * <p>Defaults: registered customer 1 ({@code jane.doe@example.com}), state/status {@code processing/processing},
 * fully invoiced, USD, store 1, created now (simulator clock), unit price 10, flat-rate shipping 5, no taxes,
 * payment {@code checkmo}. Item ids come from the simulator-wide item counter; product ids are the catalog's when
 * the SKU is a catalog product, else stable per-SKU ids from 100001.
 *
 * <p>Lines: {@link #item} simple; {@link #configurable} parent ({@code configurable}) + child ({@code simple},
 * {@code parent_item_id}, same SKU, child row totals 0, a {@code parent_item} copy) like order 16;
 * {@link #bundle} a bundle whose children ship separately (children ship by their own item ids);
 * {@link #bundleShippedTogether} a bundle shipped as one (the parent ships); {@link #virtual}.
 *
 * <p>The state also sets the quantities Magento would show for it: {@code canceled} → every line (but configurable
 * children, like recorded order 9) {@code qty_canceled = qty_ordered}, nothing invoiced; {@code complete} → fully
 * invoiced and shipped; {@code closed} → fully invoiced and refunded; {@code holded} → also
 * {@code hold_before_state/status = processing} (what unhold restores). Other states leave the quantities alone.
 * Guest orders leave {@code customer_id}, {@code customer_firstname}, {@code customer_lastname} out entirely,
 * exactly like the recorded guest order 16 (Magento omits null fields).
 */
public final class OrderBuilder {

    private enum Kind { SIMPLE, CONFIGURABLE, BUNDLE_SEPARATELY, BUNDLE_TOGETHER, VIRTUAL }

    private record Spec(Kind kind, String sku, int qty, BigDecimal price, List<String> children) {
    }

    private static final BigDecimal DEFAULT_PRICE = BigDecimal.TEN;
    private static final BigDecimal FLAT_RATE = BigDecimal.valueOf(5);
    private static final String STORE_NAME = "Main Website\nMain Website Store\nDefault Store View";
    private static final String PAYMENT_TITLE = "Check / Money order";

    private final Orders orders;
    private final String incrementId;
    private final List<Spec> specs = new ArrayList<>();
    private boolean guest;
    private int customerId = 1;
    private String email = "jane.doe@example.com";
    private String state = "processing";
    private String status = "processing";
    private boolean invoiced = true;
    private String currency = "USD";
    private int storeId = 1;
    private Instant createdAt;
    private boolean created;

    OrderBuilder(Orders orders, String incrementId) {
        this.orders = orders;
        this.incrementId = incrementId;
    }

    /** A simple product line at the default unit price (10). */
    public OrderBuilder item(String sku, int qtyOrdered) {
        return item(sku, qtyOrdered, DEFAULT_PRICE);
    }

    /** A simple product line at {@code unitPrice}. */
    public OrderBuilder item(String sku, int qtyOrdered, BigDecimal unitPrice) {
        return add(new Spec(Kind.SIMPLE, sku, qtyOrdered, unitPrice, List.of()));
    }

    /** A configurable parent line and its simple child line ({@code parent_item_id}), both carrying {@code sku}. */
    public OrderBuilder configurable(String sku, int qty) {
        return add(new Spec(Kind.CONFIGURABLE, sku, qty, DEFAULT_PRICE, List.of()));
    }

    /**
     * A bundle parent line ({@code product_type bundle}) whose children ({@code simple}, {@code parent_item_id},
     * each {@code qty_ordered = qty}) ship separately: each child ships through its own item id.
     */
    public OrderBuilder bundle(String bundleSku, int qty, String... childSkus) {
        return add(new Spec(Kind.BUNDLE_SEPARATELY, bundleSku, qty, DEFAULT_PRICE, children(childSkus)));
    }

    /** Like {@link #bundle} but the bundle ships together: its parent item id is the one to ship. */
    public OrderBuilder bundleShippedTogether(String bundleSku, int qty, String... childSkus) {
        return add(new Spec(Kind.BUNDLE_TOGETHER, bundleSku, qty, DEFAULT_PRICE, children(childSkus)));
    }

    /** A virtual product line (never shipped). */
    public OrderBuilder virtual(String sku, int qty) {
        return add(new Spec(Kind.VIRTUAL, sku, qty, DEFAULT_PRICE, List.of()));
    }

    /** A guest order: {@code customer_is_guest 1}, group 0, no customer id/name, e-mail {@code guest@example.com}. */
    public OrderBuilder guest() {
        return guest("guest@example.com");
    }

    /** A guest order with the given e-mail. */
    public OrderBuilder guest(String email) {
        this.guest = true;
        this.email = requireText(email, "email");
        return this;
    }

    /** A registered customer's order (group 1 "General"). */
    public OrderBuilder customer(int customerId, String email) {
        if (customerId < 1) {
            throw new IllegalArgumentException("customerId must be >= 1");
        }
        this.guest = false;
        this.customerId = customerId;
        this.email = requireText(email, "email");
        return this;
    }

    /** Order state and status, e.g. {@code ("new", "pending")}; default {@code processing/processing}. */
    public OrderBuilder state(String state, String status) {
        this.state = requireText(state, "state");
        this.status = requireText(status, "status");
        return this;
    }

    /** Whether every line is invoiced ({@code qty_invoiced = qty_ordered}); default true. */
    public OrderBuilder invoiced(boolean invoiced) {
        this.invoiced = invoiced;
        return this;
    }

    /** Base, global, store and order currency (default USD). */
    public OrderBuilder currency(String currencyCode) {
        this.currency = requireText(currencyCode, "currency");
        return this;
    }

    public OrderBuilder storeId(int storeId) {
        if (storeId < 0) {
            throw new IllegalArgumentException("storeId must be >= 0");
        }
        this.storeId = storeId;
        return this;
    }

    /** {@code created_at} and {@code updated_at} (default: the simulator clock at {@link #create()}). */
    public OrderBuilder createdAt(Instant createdAt) {
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        return this;
    }

    /** Registers the order and returns its {@code entity_id}. A builder creates one order only. */
    public synchronized int create() {
        if (created) {
            throw new IllegalStateException("this builder already created order " + incrementId);
        }
        if (specs.isEmpty()) {
            throw new IllegalStateException("an order needs at least one line");
        }
        created = true;
        return orders.create(this);
    }

    private OrderBuilder add(Spec spec) {
        requireText(spec.sku(), "sku");
        if (spec.qty() < 1) {
            throw new IllegalArgumentException("qty must be >= 1: " + spec.qty());
        }
        if (spec.price() == null || spec.price().signum() < 0) {
            throw new IllegalArgumentException("price must be >= 0");
        }
        specs.add(spec);
        return this;
    }

    private static List<String> children(String... childSkus) {
        if (childSkus == null || childSkus.length == 0) {
            throw new IllegalArgumentException("a bundle needs at least one child SKU");
        }
        for (String s : childSkus) {
            requireText(s, "child sku");
        }
        return List.of(childSkus);
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return s;
    }

    // =================================================================== rendering

    /** One rendered item before it is written as JSON. */
    private static final class Row {
        final int itemId;
        final Integer parentId;
        final String sku;
        final String name;
        final String type;
        final int productId;
        final int quoteItemId;
        final BigDecimal qty;
        final BigDecimal price;
        final BigDecimal rowTotal;
        final boolean virtual;
        final boolean child;
        final BigDecimal weight;
        final BigDecimal rowWeight;
        boolean configurableChild;
        ObjectNode productOption;
        BigDecimal qtyInvoiced = BigDecimal.ZERO;
        BigDecimal qtyShipped = BigDecimal.ZERO;
        BigDecimal qtyCanceled = BigDecimal.ZERO;
        BigDecimal qtyRefunded = BigDecimal.ZERO;
        ObjectNode node;

        Row(int itemId, Integer parentId, String sku, String name, String type, int productId, int quoteItemId,
            BigDecimal qty, BigDecimal price, BigDecimal rowTotal, boolean virtual, boolean child,
            BigDecimal weight, BigDecimal rowWeight) {
            this.itemId = itemId;
            this.parentId = parentId;
            this.sku = sku;
            this.name = name;
            this.type = type;
            this.productId = productId;
            this.quoteItemId = quoteItemId;
            this.qty = qty;
            this.price = price;
            this.rowTotal = rowTotal;
            this.virtual = virtual;
            this.child = child;
            this.weight = weight;
            this.rowWeight = rowWeight;
        }
    }

    /** Called by {@link Orders#create} under the registry lock. */
    ObjectNode render(int entityId, Orders.Ids ids, Set<Integer> separatelyShippedBundles) {
        String now = createdAt == null ? ids.now() : Orders.format(createdAt);
        String increment = incrementId == null ? String.format("%09d", entityId) : incrementId;

        List<Row> rows = new ArrayList<>();
        List<Row> topLevel = new ArrayList<>();
        int optionId = 1;
        for (Spec s : specs) {
            BigDecimal qty = BigDecimal.valueOf(s.qty());
            BigDecimal one = BigDecimal.ONE;
            switch (s.kind()) {
                case SIMPLE, VIRTUAL -> {
                    boolean v = s.kind() == Kind.VIRTUAL;
                    Row r = new Row(ids.itemId(), null, s.sku(), s.sku(), v ? "virtual" : "simple",
                            ids.productId(s.sku()), ids.quoteItemId(), qty, s.price(), s.price().multiply(qty), v,
                            false, v ? null : one, v ? BigDecimal.ZERO : qty);
                    rows.add(r);
                    topLevel.add(r);
                }
                case CONFIGURABLE -> {
                    Row parent = new Row(ids.itemId(), null, s.sku(), s.sku(), "configurable",
                            ids.productId(s.sku() + "#configurable"), ids.quoteItemId(), qty, s.price(),
                            s.price().multiply(qty), false, false, one, qty);
                    ObjectNode po = Json.object();
                    ArrayNode opts = po.putObject("extension_attributes").putArray("configurable_item_options");
                    ObjectNode o = opts.addObject();
                    o.put("option_id", "93");
                    o.put("option_value", 5000 + parent.itemId);
                    parent.productOption = po;
                    Row child = new Row(ids.itemId(), parent.itemId, s.sku(), s.sku(), "simple",
                            ids.productId(s.sku()), ids.quoteItemId(), qty, s.price(), BigDecimal.ZERO, false, true,
                            one, BigDecimal.ZERO);
                    child.configurableChild = true;
                    rows.add(parent);
                    rows.add(child);
                    topLevel.add(parent);
                }
                case BUNDLE_SEPARATELY, BUNDLE_TOGETHER -> {
                    BigDecimal unit = s.price().multiply(BigDecimal.valueOf(s.children().size()));
                    BigDecimal weight = BigDecimal.valueOf(s.children().size());
                    Row parent = new Row(ids.itemId(), null, s.sku(), s.sku(), "bundle", ids.productId(s.sku()),
                            ids.quoteItemId(), qty, unit, unit.multiply(qty), false, false, weight,
                            weight.multiply(qty));
                    if (s.kind() == Kind.BUNDLE_SEPARATELY) {
                        separatelyShippedBundles.add(parent.itemId);
                    }
                    ObjectNode po = Json.object();
                    ArrayNode bundleOptions = po.putObject("extension_attributes").putArray("bundle_options");
                    rows.add(parent);
                    topLevel.add(parent);
                    for (String childSku : s.children()) {
                        Row child = new Row(ids.itemId(), parent.itemId, childSku, childSku, "simple",
                                ids.productId(childSku), ids.quoteItemId(), qty, s.price(), s.price().multiply(qty),
                                false, true, one, qty);
                        rows.add(child);
                        ObjectNode bo = bundleOptions.addObject();
                        bo.put("option_id", optionId++);
                        bo.put("option_qty", 1);
                        bo.putArray("option_selections").add(child.productId);
                    }
                    parent.productOption = po;
                }
                default -> throw new IllegalStateException(s.kind().toString());
            }
        }

        applyStateQuantities(rows);

        boolean allVirtual = topLevel.stream().allMatch(r -> r.virtual);
        BigDecimal subtotal = BigDecimal.ZERO;
        BigDecimal weight = BigDecimal.ZERO;
        BigDecimal totalQty = BigDecimal.ZERO;
        for (Row r : topLevel) {
            subtotal = subtotal.add(r.rowTotal);
            weight = weight.add(r.rowWeight);
            totalQty = totalQty.add(r.qty);
        }
        BigDecimal shipping = allVirtual ? BigDecimal.ZERO : FLAT_RATE;
        BigDecimal grandTotal = subtotal.add(shipping);
        boolean paid = invoiced && !"canceled".equals(state);
        boolean refunded = "closed".equals(state);
        boolean canceled = "canceled".equals(state);

        for (Row r : rows) {
            r.node = itemJson(r, entityId, now);
        }
        for (Row r : rows) {
            if (r.parentId != null) {
                Row parent = rows.stream().filter(p -> p.itemId == r.parentId).findFirst().orElseThrow();
                r.node.set("parent_item", parent.node.deepCopy());
                // Magento prints these two after parent_item for child lines (see recorded order 16)
                ObjectNode tail = Json.object();
                tail.set("row_total_incl_tax", r.node.remove("row_total_incl_tax"));
                tail.set("base_row_total_incl_tax", r.node.remove("base_row_total_incl_tax"));
                r.node.setAll(tail);
            }
        }

        int shippingAddressId = allVirtual ? 0 : ids.addressId();
        int billingAddressId = ids.addressId();

        ObjectNode o = Json.object();
        o.put("base_currency_code", currency);
        o.put("base_discount_amount", 0);
        if (canceled) {
            o.put("base_discount_canceled", 0);
        }
        Json.putNumber(o, "base_grand_total", grandTotal);
        o.put("base_discount_tax_compensation_amount", 0);
        Json.putNumber(o, "base_shipping_amount", shipping);
        if (canceled) {
            Json.putNumber(o, "base_shipping_canceled", shipping);
        }
        o.put("base_shipping_discount_amount", 0);
        o.put("base_shipping_discount_tax_compensation_amnt", 0);
        Json.putNumber(o, "base_shipping_incl_tax", shipping);
        if (paid) {
            Json.putNumber(o, "base_shipping_invoiced", shipping);
        }
        o.put("base_shipping_tax_amount", 0);
        Json.putNumber(o, "base_subtotal", subtotal);
        if (canceled) {
            Json.putNumber(o, "base_subtotal_canceled", subtotal);
        }
        Json.putNumber(o, "base_subtotal_incl_tax", subtotal);
        if (paid) {
            Json.putNumber(o, "base_subtotal_invoiced", subtotal);
        }
        if (refunded) {
            Json.putNumber(o, "base_subtotal_refunded", subtotal);
        }
        o.put("base_tax_amount", 0);
        if (canceled) {
            o.put("base_tax_canceled", 0);
            Json.putNumber(o, "base_total_canceled", grandTotal);
        }
        Json.putNumber(o, "base_total_due", paid ? BigDecimal.ZERO : grandTotal);
        if (paid) {
            Json.putNumber(o, "base_total_invoiced", grandTotal);
            Json.putNumber(o, "base_total_paid", grandTotal);
        }
        if (refunded) {
            Json.putNumber(o, "base_total_refunded", grandTotal);
        }
        o.put("base_to_global_rate", 1);
        o.put("base_to_order_rate", 1);
        o.put("billing_address_id", billingAddressId);
        o.put("created_at", now);
        o.put("customer_email", email);
        if (!guest) {
            o.put("customer_firstname", "Jane");
        }
        o.put("customer_group_id", guest ? 0 : 1);
        if (!guest) {
            o.put("customer_id", customerId);
        }
        o.put("customer_is_guest", guest ? 1 : 0);
        if (!guest) {
            o.put("customer_lastname", "Doe");
        }
        o.put("customer_note_notify", 1);
        o.put("discount_amount", 0);
        if (canceled) {
            o.put("discount_canceled", 0);
        }
        o.put("entity_id", entityId);
        o.put("global_currency_code", currency);
        Json.putNumber(o, "grand_total", grandTotal);
        o.put("discount_tax_compensation_amount", 0);
        if ("holded".equals(state)) {
            // Order::hold() keeps what it replaced; unhold restores it (assumed held from processing/processing)
            o.put("hold_before_state", "processing");
            o.put("hold_before_status", "processing");
        }
        o.put("increment_id", increment);
        o.put("is_virtual", allVirtual ? 1 : 0);
        o.put("order_currency_code", currency);
        o.put("protect_code", protectCode(increment, entityId));
        o.put("quote_id", ids.quoteId());
        Json.putNumber(o, "shipping_amount", shipping);
        if (canceled) {
            Json.putNumber(o, "shipping_canceled", shipping);
        }
        if (!allVirtual) {
            o.put("shipping_description", "Flat Rate - Fixed");
        }
        o.put("shipping_discount_amount", 0);
        o.put("shipping_discount_tax_compensation_amount", 0);
        Json.putNumber(o, "shipping_incl_tax", shipping);
        if (paid) {
            Json.putNumber(o, "shipping_invoiced", shipping);
        }
        o.put("shipping_tax_amount", 0);
        o.put("state", state);
        o.put("status", status);
        o.put("store_currency_code", currency);
        o.put("store_id", storeId);
        o.put("store_name", STORE_NAME);
        o.put("store_to_base_rate", 0);
        o.put("store_to_order_rate", 0);
        Json.putNumber(o, "subtotal", subtotal);
        if (canceled) {
            Json.putNumber(o, "subtotal_canceled", subtotal);
        }
        Json.putNumber(o, "subtotal_incl_tax", subtotal);
        if (paid) {
            Json.putNumber(o, "subtotal_invoiced", subtotal);
        }
        if (refunded) {
            Json.putNumber(o, "subtotal_refunded", subtotal);
        }
        o.put("tax_amount", 0);
        if (canceled) {
            o.put("tax_canceled", 0);
            Json.putNumber(o, "total_canceled", grandTotal);
        }
        Json.putNumber(o, "total_due", paid ? BigDecimal.ZERO : grandTotal);
        if (paid) {
            Json.putNumber(o, "total_invoiced", grandTotal);
        }
        o.put("total_item_count", topLevel.size());
        if (paid) {
            Json.putNumber(o, "total_paid", grandTotal);
        }
        Json.putNumber(o, "total_qty_ordered", totalQty);
        if (refunded) {
            Json.putNumber(o, "total_refunded", grandTotal);
        }
        o.put("updated_at", now);
        Json.putNumber(o, "weight", weight);

        ArrayNode items = o.putArray("items");
        for (Row r : rows) {
            items.add(r.node);
        }

        ObjectNode billing = address("billing", billingAddressId, entityId);
        o.set("billing_address", billing);

        ObjectNode payment = o.putObject("payment");
        payment.putNull("account_status");
        payment.putArray("additional_information").add(PAYMENT_TITLE);
        Json.putNumber(payment, "amount_ordered", grandTotal);
        if (paid) {
            Json.putNumber(payment, "amount_paid", grandTotal);
        }
        if (refunded) {
            Json.putNumber(payment, "amount_refunded", grandTotal);
        }
        Json.putNumber(payment, "base_amount_ordered", grandTotal);
        if (paid) {
            Json.putNumber(payment, "base_amount_paid", grandTotal);
        }
        if (refunded) {
            Json.putNumber(payment, "base_amount_refunded", grandTotal);
        }
        Json.putNumber(payment, "base_shipping_amount", shipping);
        payment.put("cc_exp_year", "0");
        payment.putNull("cc_last4");
        payment.put("cc_ss_start_month", "0");
        payment.put("cc_ss_start_year", "0");
        payment.put("entity_id", entityId);
        payment.put("method", "checkmo");
        payment.put("parent_id", entityId);
        Json.putNumber(payment, "shipping_amount", shipping);

        o.putArray("status_histories");

        ObjectNode ext = o.putObject("extension_attributes");
        ObjectNode assignment = ext.putArray("shipping_assignments").addObject();
        ObjectNode ship = assignment.putObject("shipping");
        if (!allVirtual) {
            ship.set("address", address("shipping", shippingAddressId, entityId));
            ship.put("method", "flatrate_flatrate");
        }
        ObjectNode total = ship.putObject("total");
        Json.putNumber(total, "base_shipping_amount", shipping);
        total.put("base_shipping_discount_amount", 0);
        total.put("base_shipping_discount_tax_compensation_amnt", 0);
        Json.putNumber(total, "base_shipping_incl_tax", shipping);
        total.put("base_shipping_tax_amount", 0);
        Json.putNumber(total, "shipping_amount", shipping);
        total.put("shipping_discount_amount", 0);
        total.put("shipping_discount_tax_compensation_amount", 0);
        Json.putNumber(total, "shipping_incl_tax", shipping);
        total.put("shipping_tax_amount", 0);
        ArrayNode saItems = assignment.putArray("items");
        for (Row r : rows) {
            saItems.add(r.node.deepCopy());
        }
        ObjectNode info = ext.putArray("payment_additional_info").addObject();
        info.put("key", "method_title");
        info.put("value", PAYMENT_TITLE);
        ext.putArray("applied_taxes");
        ext.putArray("item_applied_taxes");
        return o;
    }

    /** Quantities implied by the state (see class doc) and by {@link #invoiced(boolean)}. */
    private void applyStateQuantities(List<Row> rows) {
        boolean canceled = "canceled".equals(state);
        boolean complete = "complete".equals(state);
        boolean closed = "closed".equals(state);
        boolean inv = !canceled && (invoiced || complete || closed);
        for (Row r : rows) {
            boolean configurableChild = r.configurableChild;
            if (inv) {
                r.qtyInvoiced = r.qty;
            }
            if (canceled && !configurableChild) {
                r.qtyCanceled = r.qty;
            }
            if (complete && !r.virtual) {
                r.qtyShipped = r.qty;
            }
            if (closed) {
                r.qtyRefunded = r.qty;
            }
        }
    }

    private ObjectNode itemJson(Row r, int entityId, String now) {
        boolean cfgChild = r.configurableChild;
        BigDecimal basePrice = cfgChild ? BigDecimal.ZERO : r.price;
        BigDecimal invoicedRow = r.qtyInvoiced.signum() > 0 ? r.rowTotal : BigDecimal.ZERO;
        BigDecimal refundedRow = r.qtyRefunded.signum() > 0 ? r.rowTotal : BigDecimal.ZERO;
        ObjectNode n = Json.object();
        Json.putNumber(n, "amount_refunded", refundedRow);
        Json.putNumber(n, "base_amount_refunded", refundedRow);
        n.put("base_discount_amount", 0);
        n.put("base_discount_invoiced", 0);
        if (!cfgChild) {
            n.put("base_discount_tax_compensation_amount", 0);
            Json.putNumber(n, "base_original_price", r.price);
        }
        Json.putNumber(n, "base_price", basePrice);
        if (!cfgChild) {
            Json.putNumber(n, "base_price_incl_tax", r.price);
        }
        Json.putNumber(n, "base_row_invoiced", invoicedRow);
        Json.putNumber(n, "base_row_total", r.rowTotal);
        Json.putNumber(n, "base_row_total_incl_tax", r.rowTotal);
        n.put("base_tax_amount", 0);
        n.put("base_tax_invoiced", 0);
        n.put("created_at", now);
        n.put("discount_amount", 0);
        n.put("discount_invoiced", 0);
        n.put("discount_percent", 0);
        n.put("free_shipping", 0);
        if (!cfgChild) {
            n.put("discount_tax_compensation_amount", 0);
        }
        n.put("is_qty_decimal", 0);
        n.put("is_virtual", r.virtual ? 1 : 0);
        n.put("item_id", r.itemId);
        n.put("name", r.name);
        n.put("no_discount", 0);
        n.put("order_id", entityId);
        Json.putNumber(n, "original_price", cfgChild ? BigDecimal.ZERO : r.price);
        if (r.parentId != null) {
            n.put("parent_item_id", r.parentId);
        }
        Json.putNumber(n, "price", r.price);
        if (!cfgChild) {
            Json.putNumber(n, "price_incl_tax", r.price);
        }
        n.put("product_id", r.productId);
        n.put("product_type", r.type);
        Json.putNumber(n, "qty_canceled", r.qtyCanceled);
        Json.putNumber(n, "qty_invoiced", r.qtyInvoiced);
        Json.putNumber(n, "qty_ordered", r.qty);
        Json.putNumber(n, "qty_refunded", r.qtyRefunded);
        Json.putNumber(n, "qty_shipped", r.qtyShipped);
        n.put("quote_item_id", r.quoteItemId);
        Json.putNumber(n, "row_invoiced", invoicedRow);
        Json.putNumber(n, "row_total", r.rowTotal);
        Json.putNumber(n, "row_total_incl_tax", r.rowTotal);
        Json.putNumber(n, "row_weight", r.rowWeight);
        n.put("sku", r.sku);
        n.put("store_id", storeId);
        n.put("tax_amount", 0);
        n.put("tax_invoiced", 0);
        n.put("tax_percent", 0);
        n.put("updated_at", now);
        if (r.weight != null) {
            Json.putNumber(n, "weight", r.weight);
        }
        if (r.productOption != null) {
            n.set("product_option", r.productOption.deepCopy());
        }
        return n;
    }

    private ObjectNode address(String type, int id, int entityId) {
        ObjectNode a = Json.object();
        a.put("address_type", type);
        a.put("city", "Springfield");
        a.put("country_id", "US");
        if (!guest) {
            a.put("customer_address_id", customerId);
        } else if ("shipping".equals(type)) {
            a.put("customer_address_id", 0);
        }
        a.put("email", email);
        a.put("entity_id", id);
        a.put("firstname", guest ? "Guest" : "Jane");
        a.put("lastname", guest ? "Buyer" : "Doe");
        a.put("parent_id", entityId);
        a.put("postcode", "62701");
        a.put("region", "Illinois");
        a.put("region_code", "IL");
        a.put("region_id", 23);
        a.putArray("street").add("1 Main Street");
        a.put("telephone", "555-0100");
        return a;
    }

    private static String protectCode(String increment, int entityId) {
        try {
            byte[] d = MessageDigest.getInstance("MD5")
                    .digest((increment + "/" + entityId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
