package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * Quotes (carts) for {@code GET /V1/carts/search} ({@code Magento\Quote\Api\CartRepositoryInterface::getList},
 * ACL {@code Magento_Cart::manage}, read from module-quote {@code etc/webapi.xml}).
 *
 * <p>What Magento does, and so does this class ({@code Quote\Model\QuoteRepository::getList} and
 * {@code QuoteRepository\LoadHandler}, facts only, no code copied):
 * <ul>
 *   <li>filters and sort orders apply to the {@code quote} table's columns, not to the REST field names: the id
 *       column is {@code entity_id} (the REST object calls it {@code id}), {@code is_active} / {@code is_virtual} are
 *       SMALLINT flags, so MySQL compares a filter value as a number – {@code 1} / {@code 0} work, {@code "true"} and
 *       {@code "false"} both mean 0 (inactive!). Columns the simulator keeps: {@code entity_id, store_id,
 *       created_at, updated_at, is_active, is_virtual, items_count, items_qty, customer_id, customer_email,
 *       customer_is_guest, orig_order_id}; any other field never matches (a real MySQL would fail on an unknown
 *       column);</li>
 *   <li>paging as for orders (a page past the end answers the last page again, {@code total_count} is the number of
 *       matches); ties of the requested sort orders are answered by {@code entity_id} ascending (simulator choice –
 *       MySQL leaves them unspecified);</li>
 *   <li>the load handler fills {@code items} and {@code extension_attributes.shipping_assignments} only for an
 *       active quote: an inactive cart comes back without {@code items} (Magento omits null fields).</li>
 * </ul>
 * Answer shape ({@code quote-data-cart-interface}): {@code id, created_at, updated_at, is_active} (boolean),
 * {@code is_virtual} (boolean), {@code items[]} ({@code item_id, sku, qty, name, price, product_type, quote_id} – the
 * quote id is a string), {@code items_count, items_qty, customer{...}, orig_order_id, currency{...},
 * customer_is_guest, customer_note_notify, customer_tax_class_id, store_id, extension_attributes}. Billing address,
 * totals and item options are not modelled.
 */
final class Carts {

    static final String ACL_CART = "Magento_Cart::manage";

    /** One quote. Guard every access with {@code synchronized}. */
    static final class Cart {
        final int id;
        final String createdAt;
        String updatedAt;
        boolean active;
        final int storeId = 1;
        final int customerId = 1;
        final String email = "jane.doe@example.com";
        final List<Line> lines;

        Cart(int id, String createdAt, boolean active, List<Line> lines) {
            this.id = id;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.active = active;
            this.lines = lines;
        }
    }

    record Line(int itemId, String sku, int qty, BigDecimal price) {
    }

    private final ConcurrentSkipListMap<Integer, Cart> carts = new ConcurrentSkipListMap<>();
    private final Supplier<String> now;
    private int nextCartId = 1;
    private int nextItemId = 1;

    /** {@code now}: the simulator clock formatted like Magento ({@code yyyy-MM-dd HH:mm:ss}, UTC). */
    Carts(Supplier<String> now) {
        this.now = now;
    }

    synchronized void reset() {
        carts.clear();
        nextCartId = 1;
        nextItemId = 1;
    }

    /** Registers a cart of customer 1 in store 1 (created_at = updated_at = {@code updatedAt}); returns its id. */
    synchronized int add(boolean active, Instant updatedAt, Map<String, Integer> qtyBySku) {
        if (updatedAt == null) {
            throw new IllegalArgumentException("updatedAt is required");
        }
        List<Line> lines = new ArrayList<>();
        if (qtyBySku != null) {
            for (Map.Entry<String, Integer> e : new LinkedHashMap<>(qtyBySku).entrySet()) {
                if (e.getKey() == null || e.getKey().isBlank()) {
                    throw new IllegalArgumentException("sku must not be blank");
                }
                if (e.getValue() == null || e.getValue() < 1) {
                    throw new IllegalArgumentException("qty must be >= 1 for " + e.getKey());
                }
                lines.add(new Line(nextItemId++, e.getKey(), e.getValue(), BigDecimal.TEN));
            }
        }
        int id = nextCartId++;
        carts.put(id, new Cart(id, Orders.format(updatedAt), active, List.copyOf(lines)));
        return id;
    }

    /**
     * Sets {@code is_active}; when it changes, {@code updated_at} moves to the simulator clock (the quote table's
     * {@code updated_at} is {@code ON UPDATE CURRENT_TIMESTAMP}).
     */
    void setActive(int cartId, boolean active) {
        Cart c = require(cartId);
        synchronized (c) {
            if (c.active != active) {
                c.active = active;
                c.updatedAt = now.get();
            }
        }
    }

    void setUpdatedAt(int cartId, Instant at) {
        Cart c = require(cartId);
        synchronized (c) {
            c.updatedAt = Orders.format(at);
        }
    }

    int count() {
        return carts.size();
    }

    private Cart require(int cartId) {
        Cart c = carts.get(cartId);
        if (c == null) {
            throw new IllegalArgumentException("no cart with id " + cartId);
        }
        return c;
    }

    // =================================================================== REST

    void register(OrderRoutes.Registrar r) {
        r.route("GET", "/V1/carts/search", ACL_CART, this::search);
    }

    private SimResponse search(SimRequest request) {
        SearchCriteria criteria = SearchCriteria.parse(request.rawQuery());
        if (!criteria.present()) {
            throw MagentoErrors.required("searchCriteria");
        }
        List<SearchCriteria.Hit<Cart>> hits = new ArrayList<>();
        for (Cart c : carts.values()) {
            synchronized (c) {
                ObjectNode row = row(c);
                if (criteria.matches(row)) {
                    hits.add(criteria.hit(c, row, c.id));
                }
            }
        }
        criteria.sort(hits);
        int[] range = criteria.pageRange(hits.size());
        List<ObjectNode> page = new ArrayList<>(range[1] - range[0]);
        for (int i = range[0]; i < range[1]; i++) {
            Cart c = hits.get(i).value();
            synchronized (c) {
                page.add(json(c));
            }
        }
        return SimResponse.ok(criteria.envelope(page, hits.size()));
    }

    /** The quote table row the filters and sort orders see. */
    private static ObjectNode row(Cart c) {
        ObjectNode r = Json.object();
        r.put("entity_id", c.id);
        r.put("store_id", c.storeId);
        r.put("created_at", c.createdAt);
        r.put("updated_at", c.updatedAt);
        r.put("is_active", c.active ? 1 : 0);
        r.put("is_virtual", 0);
        r.put("items_count", c.lines.size());
        r.put("items_qty", itemsQty(c));
        r.put("customer_id", c.customerId);
        r.put("customer_email", c.email);
        r.put("customer_is_guest", 0);
        r.put("orig_order_id", 0);
        return r;
    }

    private static int itemsQty(Cart c) {
        int q = 0;
        for (Line l : c.lines) {
            q += l.qty();
        }
        return q;
    }

    /** The cart as GET /V1/carts/search lists it. */
    static ObjectNode json(Cart c) {
        ObjectNode o = Json.object();
        o.put("id", c.id);
        o.put("created_at", c.createdAt);
        o.put("updated_at", c.updatedAt);
        o.put("is_active", c.active);
        o.put("is_virtual", false);
        ArrayNode items = null;
        if (c.active) {
            items = o.putArray("items");
            for (Line l : c.lines) {
                ObjectNode i = items.addObject();
                i.put("item_id", l.itemId());
                i.put("sku", l.sku());
                i.put("qty", l.qty());
                i.put("name", l.sku());
                Json.putNumber(i, "price", l.price());
                i.put("product_type", "simple");
                i.put("quote_id", String.valueOf(c.id));
            }
        }
        o.put("items_count", c.lines.size());
        o.put("items_qty", itemsQty(c));
        ObjectNode customer = o.putObject("customer");
        customer.put("id", c.customerId);
        customer.put("group_id", 1);
        customer.put("created_at", c.createdAt);
        customer.put("updated_at", c.createdAt);
        customer.put("created_in", "Default Store View");
        customer.put("email", c.email);
        customer.put("firstname", "Jane");
        customer.put("lastname", "Doe");
        customer.put("store_id", c.storeId);
        customer.put("website_id", 1);
        customer.putArray("addresses");
        customer.put("disable_auto_group_change", 0);
        o.put("orig_order_id", 0);
        ObjectNode currency = o.putObject("currency");
        currency.put("global_currency_code", "USD");
        currency.put("base_currency_code", "USD");
        currency.put("store_currency_code", "USD");
        currency.put("quote_currency_code", "USD");
        currency.put("store_to_base_rate", 0);
        currency.put("store_to_quote_rate", 0);
        currency.put("base_to_global_rate", 1);
        currency.put("base_to_quote_rate", 1);
        o.put("customer_is_guest", false);
        o.put("customer_note_notify", true);
        o.put("customer_tax_class_id", 3);
        o.put("store_id", c.storeId);
        if (c.active) {
            ArrayNode assignments = o.putObject("extension_attributes").putArray("shipping_assignments");
            if (itemsQty(c) > 0) {
                ObjectNode a = assignments.addObject();
                a.putObject("shipping").putObject("address").put("email", c.email);
                a.set("items", items.deepCopy());
            }
        }
        return o;
    }
}
