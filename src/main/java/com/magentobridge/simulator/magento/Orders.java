package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * In-memory sales state: orders (kept as the JSON GET /V1/orders/{id} answers) and their shipments.
 *
 * <p>Locking: registering an order (id allocation) runs under one registry lock; everything that reads or changes
 * one order (snapshots, ship) runs under that order's own lock, so a ship is atomic per order while different orders
 * ship in parallel. Shipments are immutable once stored. Snapshots are deep copies.
 */
final class Orders {

    static final DateTimeFormatter MAGENTO_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One order: its JSON plus what the REST shape does not carry. Guard every access with {@code synchronized}. */
    static final class Record {
        final int entityId;
        final ObjectNode json;
        /** Item ids of bundle parents whose children ship separately. */
        final Set<Integer> separatelyShippedBundles;
        final List<Integer> shipmentIds = new ArrayList<>();

        Record(int entityId, ObjectNode json, Set<Integer> separatelyShippedBundles) {
            this.entityId = entityId;
            this.json = json;
            this.separatelyShippedBundles = separatelyShippedBundles;
        }
    }

    /** Id sources handed to {@link OrderBuilder#render} while the registry lock is held. */
    interface Ids {
        int itemId();

        int addressId();

        int quoteId();

        int quoteItemId();

        int productId(String sku);

        String now();
    }

    private final Object registry = new Object();
    /** entity_id → order; a sorted map, so searches walk the orders in Magento's natural order without sorting. */
    private final ConcurrentSkipListMap<Integer, Record> orders = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> byIncrementId = new ConcurrentHashMap<>();
    private final Map<Integer, ObjectNode> shipments = new ConcurrentHashMap<>();
    private final Set<Integer> itemIds = new HashSet<>();
    private final Map<String, Integer> pseudoProductIds = new HashMap<>();
    private final ToIntFunction<String> catalogProductId;

    private int nextEntityId;
    private int nextItemId;
    private int nextAddressId;
    private int nextQuoteId;
    private int nextQuoteItemId;
    private int nextPseudoProductId;
    final AtomicInteger nextShipmentId = new AtomicInteger(1);
    final AtomicInteger nextShipmentItemId = new AtomicInteger(1);
    final AtomicInteger nextTrackId = new AtomicInteger(1);
    final AtomicInteger nextCommentId = new AtomicInteger(1);
    final AtomicInteger nextHistoryId = new AtomicInteger(1);

    private volatile Clock clock = Clock.systemUTC();
    private volatile boolean childQtyShippedFollowsParent = true;
    private volatile boolean clampShipQuantities = false;

    /** {@code catalogProductId}: product id of a catalog SKU, or a value &lt;= 0 when the catalog lacks it. */
    Orders(ToIntFunction<String> catalogProductId) {
        this.catalogProductId = catalogProductId;
        resetCounters();
    }

    private void resetCounters() {
        nextEntityId = 1;
        nextItemId = 1;
        nextAddressId = 1;
        nextQuoteId = 1;
        nextQuoteItemId = 1;
        nextPseudoProductId = 100_001;
        nextShipmentId.set(1);
        nextShipmentItemId.set(1);
        nextTrackId.set(1);
        nextCommentId.set(1);
        nextHistoryId.set(1);
    }

    /** Forgets every order and shipment, restarts all counters at 1 and restores the default settings and clock. */
    void reset() {
        synchronized (registry) {
            orders.clear();
            byIncrementId.clear();
            shipments.clear();
            itemIds.clear();
            pseudoProductIds.clear();
            resetCounters();
            clock = Clock.systemUTC();
            childQtyShippedFollowsParent = true;
            clampShipQuantities = false;
        }
    }

    // =================================================================== settings

    void setClock(Clock clock) {
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    String now() {
        return MAGENTO_TIME.format(clock.instant());
    }

    static String format(Instant instant) {
        return MAGENTO_TIME.format(instant);
    }

    boolean childQtyShippedFollowsParent() {
        return childQtyShippedFollowsParent;
    }

    void setChildQtyShippedFollowsParent(boolean follows) {
        this.childQtyShippedFollowsParent = follows;
    }

    boolean clampShipQuantities() {
        return clampShipQuantities;
    }

    void setClampShipQuantities(boolean clamp) {
        this.clampShipQuantities = clamp;
    }

    // =================================================================== registration

    /** Registers a builder's order; returns its entity_id. */
    int create(OrderBuilder builder) {
        synchronized (registry) {
            int entityId = allocateEntityId(null);
            Set<Integer> separately = new HashSet<>();
            ObjectNode json = builder.render(entityId, new RegistryIds(), separately);
            register(entityId, json, separately);
            return entityId;
        }
    }

    /**
     * Registers an order shaped like GET /V1/orders/{id}. Keeps {@code entity_id} and {@code item_id}s unless absent
     * or already used (then new ones are assigned and every reference inside the order follows).
     */
    int add(JsonNode source) {
        if (source == null || !source.isObject()) {
            throw new IllegalArgumentException("an order must be a JSON object shaped like GET /V1/orders/{id}");
        }
        ObjectNode order = ((ObjectNode) source).deepCopy();
        synchronized (registry) {
            Integer requested = positive(order.get("entity_id"));
            int entityId = allocateEntityId(requested);
            boolean entityChanged = requested == null || requested != entityId;
            if (entityChanged) {
                order.put("entity_id", entityId);
            }
            JsonNode itemsNode = order.get("items");
            if (itemsNode == null || !itemsNode.isArray()) {
                order.putArray("items");
            }
            // Decide every item's id first, then rewrite references using the OLD values, then write the ids.
            Map<Integer, Integer> remap = new HashMap<>();
            Set<Integer> seen = new HashSet<>();
            List<ObjectNode> items = new ArrayList<>();
            List<Integer> newIds = new ArrayList<>();
            for (JsonNode n : order.get("items")) {
                if (!(n instanceof ObjectNode item)) {
                    continue;
                }
                Integer old = positive(item.get("item_id"));
                int id;
                if (old != null && !itemIds.contains(old) && !seen.contains(old)) {
                    id = old;
                    itemIds.add(id);
                    nextItemId = Math.max(nextItemId, old + 1);
                } else {
                    id = allocateItemId();
                    if (old != null && !remap.containsKey(old)) {
                        remap.put(old, id);
                    }
                }
                seen.add(id);
                items.add(item);
                newIds.add(id);
            }
            if (!remap.isEmpty() || entityChanged) {
                OrderLines.forEachItemObject(order, o -> {
                    remapField(o, "item_id", remap);
                    remapField(o, "parent_item_id", remap);
                    if (entityChanged && o.has("order_id")) {
                        o.put("order_id", entityId);
                    }
                });
                for (JsonNode t : order.path("extension_attributes").path("item_applied_taxes")) {
                    if (t instanceof ObjectNode o) {
                        remapField(o, "item_id", remap);
                    }
                }
            }
            for (int i = 0; i < items.size(); i++) {
                items.get(i).put("item_id", newIds.get(i));
            }
            if (entityChanged) {
                setParentId(order.get("billing_address"), entityId);
                setParentId(order.get("payment"), entityId);
                for (JsonNode sa : order.path("extension_attributes").path("shipping_assignments")) {
                    setParentId(sa.path("shipping").get("address"), entityId);
                }
                for (JsonNode h : order.path("status_histories")) {
                    setParentId(h, entityId);
                }
            }
            if (!order.hasNonNull("increment_id")) {
                order.put("increment_id", String.format("%09d", entityId));
            }
            if (!order.hasNonNull("created_at")) {
                order.put("created_at", now());
            }
            if (!order.hasNonNull("updated_at")) {
                order.put("updated_at", order.get("created_at").asText());
            }
            Set<Integer> separately = new HashSet<>();
            for (JsonNode item : order.get("items")) {
                if ("bundle".equals(item.path("product_type").asText())
                        && "1".equals(item.path("product_options").path("shipment_type").asText())) {
                    separately.add(item.get("item_id").asInt());
                }
            }
            register(entityId, order, separately);
            return entityId;
        }
    }

    private void register(int entityId, ObjectNode json, Set<Integer> separately) {
        orders.put(entityId, new Record(entityId, json, Collections.unmodifiableSet(separately)));
        String incrementId = json.path("increment_id").asText(null);
        if (incrementId != null) {
            byIncrementId.putIfAbsent(incrementId, entityId);
        }
    }

    private int allocateEntityId(Integer requested) {
        if (requested != null && !orders.containsKey(requested)) {
            nextEntityId = Math.max(nextEntityId, requested + 1);
            return requested;
        }
        while (orders.containsKey(nextEntityId)) {
            nextEntityId++;
        }
        return nextEntityId++;
    }

    private int allocateItemId() {
        while (itemIds.contains(nextItemId)) {
            nextItemId++;
        }
        itemIds.add(nextItemId);
        return nextItemId++;
    }

    private static void remapField(ObjectNode o, String field, Map<Integer, Integer> remap) {
        Integer v = Json.integer(o.get(field));
        if (v != null && remap.containsKey(v)) {
            o.put(field, remap.get(v));
        }
    }

    private static void setParentId(JsonNode node, int entityId) {
        if (node instanceof ObjectNode o && o.has("parent_id")) {
            o.put("parent_id", entityId);
        }
    }

    private static Integer positive(JsonNode n) {
        Integer i = Json.integer(n);
        return i != null && i > 0 ? i : null;
    }

    private final class RegistryIds implements Ids {
        @Override
        public int itemId() {
            return allocateItemId();
        }

        @Override
        public int addressId() {
            return nextAddressId++;
        }

        @Override
        public int quoteId() {
            return nextQuoteId++;
        }

        @Override
        public int quoteItemId() {
            return nextQuoteItemId++;
        }

        @Override
        public int productId(String sku) {
            int id = catalogProductId.applyAsInt(sku);
            if (id > 0) {
                return id;
            }
            return pseudoProductIds.computeIfAbsent(sku, s -> nextPseudoProductId++);
        }

        @Override
        public String now() {
            return Orders.this.now();
        }
    }

    // =================================================================== reads

    Record record(int entityId) {
        return orders.get(entityId);
    }

    Optional<ObjectNode> snapshot(int entityId) {
        Record r = orders.get(entityId);
        if (r == null) {
            return Optional.empty();
        }
        synchronized (r) {
            return Optional.of(r.json.deepCopy());
        }
    }

    Optional<Integer> entityIdOf(String incrementId) {
        return incrementId == null ? Optional.empty() : Optional.ofNullable(byIncrementId.get(incrementId));
    }

    String state(int entityId) {
        Record r = orders.get(entityId);
        if (r == null) {
            throw new IllegalArgumentException("no order with entity_id " + entityId);
        }
        synchronized (r) {
            JsonNode s = r.json.get("state");
            return s == null || s.isNull() ? null : s.asText();
        }
    }

    /** Snapshots of every order, entity_id ascending (Magento's natural order). */
    List<ObjectNode> allOrders() {
        List<ObjectNode> out = new ArrayList<>();
        for (Record r : orders.values()) {
            synchronized (r) {
                out.add(r.json.deepCopy());
            }
        }
        return out;
    }

    /**
     * GET /V1/orders: filters every order in place (under its lock, no copy), keeps a reference plus the sort keys of
     * each match, sorts those (requested sort orders, then entity_id ascending), and deep-copies only the orders of
     * the requested page. Cost per request: one pass over all orders plus a sort of the matches' keys; the JSON
     * copied and serialised is one page. An order changed between the pass and the copy is answered as it is at
     * copy time (like a read without a snapshot).
     */
    ObjectNode search(SearchCriteria criteria) {
        List<SearchCriteria.Hit<Record>> hits = new ArrayList<>();
        for (Record r : orders.values()) {
            synchronized (r) {
                if (criteria.matches(r.json)) {
                    hits.add(criteria.hit(r, r.json, r.entityId));
                }
            }
        }
        criteria.sort(hits);
        int[] range = criteria.pageRange(hits.size());
        List<ObjectNode> page = new ArrayList<>(range[1] - range[0]);
        for (int i = range[0]; i < range[1]; i++) {
            Record r = hits.get(i).value();
            synchronized (r) {
                page.add(r.json.deepCopy());
            }
        }
        return criteria.envelope(page, hits.size());
    }

    /** Deep copies of the orders matching {@code criteria}'s filters, entity_id ascending (not yet sorted/paged). */
    List<ObjectNode> matchingOrders(SearchCriteria criteria) {
        List<ObjectNode> out = new ArrayList<>();
        for (Record r : orders.values()) {
            synchronized (r) {
                if (criteria.matches(r.json)) {
                    out.add(r.json.deepCopy());
                }
            }
        }
        return out;
    }

    /** Number of orders. */
    int orderCount() {
        return orders.size();
    }

    /** The order's record; {@link IllegalArgumentException} if unknown (for the simulator's public test API). */
    Record require(int entityId) {
        Record r = orders.get(entityId);
        if (r == null) {
            throw new IllegalArgumentException("no order with entity_id " + entityId);
        }
        return r;
    }

    /** Sets {@code updated_at} of the order (caller holds its lock). */
    void stamp(Record r, String time) {
        r.json.put("updated_at", time);
    }

    // =================================================================== test mutations and order edit

    /** Sets state and status (no status history, like a direct save) and moves updated_at to the clock. */
    void setStatus(int entityId, String state, String status) {
        Record r = require(entityId);
        synchronized (r) {
            putOrRemove(r.json, "state", state);
            putOrRemove(r.json, "status", status);
            stamp(r, now());
        }
    }

    /** Moves updated_at to the clock without changing anything else. */
    void touch(int entityId) {
        Record r = require(entityId);
        synchronized (r) {
            stamp(r, now());
        }
    }

    /** Sets updated_at to {@code at} (e.g. to give several orders the same value). */
    void setUpdatedAt(int entityId, Instant at) {
        Record r = require(entityId);
        synchronized (r) {
            stamp(r, format(at));
        }
    }

    private static void putOrRemove(ObjectNode o, String field, String value) {
        if (value == null) {
            o.remove(field);
        } else {
            o.put(field, value);
        }
    }

    /**
     * Magento's admin "Edit order": a replacement order is created from the original (see
     * {@link OrderActions#replacement}) with increment id {@code <original increment>-<edit increment>} unless
     * {@code requestedIncrementId} is given, new entity, item, quote, quote item and address ids; then the original
     * gets {@code relation_child_id} (string) / {@code relation_child_real_id} and is canceled through
     * {@code OrderService::cancel}. Returns the new entity_id. {@link IllegalStateException} if
     * {@code Order::canEdit()} does not hold (holded, canceled, payment review, complete, closed, anything invoiced).
     */
    int edit(int originalId, String requestedIncrementId) {
        Record original = require(originalId);
        synchronized (registry) {
            int newId;
            List<Integer> separatelyAt = new ArrayList<>();
            synchronized (original) {
                OrderLines lines = new OrderLines(original.json, original.separatelyShippedBundles);
                if (!OrderActions.canEdit(lines)) {
                    throw new IllegalStateException("order " + originalId + " cannot be edited (state "
                            + lines.state() + "; Magento's Order::canEdit() refuses holded, canceled, payment review,"
                            + " complete, closed and invoiced orders)");
                }
                String increment = original.json.path("increment_id").asText();
                String base = OrderActions.text(original.json, "original_increment_id");
                if (base == null) {
                    base = increment;
                }
                Integer previous = Json.integer(original.json.get("edit_increment"));
                int editIncrement = (previous == null ? 0 : previous) + 1;
                String newIncrement = requestedIncrementId != null ? requestedIncrementId : base + "-" + editIncrement;
                if (byIncrementId.containsKey(newIncrement)) {
                    throw new IllegalArgumentException("increment_id " + newIncrement + " is already used");
                }
                String now = now();
                ObjectNode json = OrderActions.replacement(original.json, newIncrement, base, editIncrement, now);
                json.put("quote_id", nextQuoteId++);
                Map<Integer, Integer> quoteItemIds = new HashMap<>();
                OrderLines.forEachItemObject(json, item -> {
                    if (item.has("quote_item_id")) {
                        Integer itemId = Json.integer(item.get("item_id"));
                        item.put("quote_item_id", quoteItemIds.computeIfAbsent(itemId, k -> nextQuoteItemId++));
                    }
                });
                for (JsonNode sa : json.path("extension_attributes").path("shipping_assignments")) {
                    if (sa.path("shipping").get("address") instanceof ObjectNode address) {
                        address.put("entity_id", nextAddressId++);
                    }
                }
                if (json.get("billing_address") instanceof ObjectNode billing) {
                    int billingId = nextAddressId++;
                    billing.put("entity_id", billingId);
                    json.put("billing_address_id", billingId);
                }
                json.put("protect_code", java.util.UUID.randomUUID().toString().replace("-", ""));
                int index = 0;
                for (JsonNode item : original.json.path("items")) {
                    Integer id = Json.integer(item.get("item_id"));
                    if (id != null && original.separatelyShippedBundles.contains(id)) {
                        separatelyAt.add(index);
                    }
                    index++;
                }

                newId = add(json); // reentrant: the registry lock is held already

                original.json.put("relation_child_id", String.valueOf(newId));
                original.json.put("relation_child_real_id", newIncrement);
                if (!original.json.hasNonNull("edit_increment")) {
                    original.json.put("edit_increment", editIncrement); // as recorded order 9 shows it
                }
                OrderActions.cancel(this, original);
                stamp(original, now);
            }
            Record created = orders.get(newId);
            synchronized (created) {
                if (created.json.get("payment") instanceof ObjectNode payment) {
                    payment.put("entity_id", newId);
                }
                if (!separatelyAt.isEmpty()) {
                    Set<Integer> separately = new HashSet<>(created.separatelyShippedBundles);
                    JsonNode items = created.json.path("items");
                    for (int i : separatelyAt) {
                        separately.add(items.path(i).path("item_id").asInt());
                    }
                    orders.put(newId, new Record(newId, created.json, Collections.unmodifiableSet(separately)));
                }
            }
            return newId;
        }
    }

    // =================================================================== shipments

    void storeShipment(Record order, ObjectNode shipment) {
        int id = shipment.get("entity_id").asInt();
        shipments.put(id, shipment);
        order.shipmentIds.add(id); // caller holds the order's lock
    }

    Optional<ObjectNode> shipment(int id) {
        ObjectNode s = shipments.get(id);
        return s == null ? Optional.empty() : Optional.of(s.deepCopy());
    }

    List<ObjectNode> shipmentsOf(int orderEntityId) {
        Record r = orders.get(orderEntityId);
        if (r == null) {
            return List.of();
        }
        List<Integer> ids;
        synchronized (r) {
            ids = new ArrayList<>(r.shipmentIds);
        }
        List<ObjectNode> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            ObjectNode s = shipments.get(id);
            if (s != null) {
                out.add(s.deepCopy());
            }
        }
        return out;
    }

    List<ObjectNode> allShipments() {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode s : new TreeMap<>(shipments).values()) {
            out.add(s.deepCopy());
        }
        return out;
    }

    int shipmentCount() {
        return shipments.size();
    }

    static ArrayNode arrayOrNew(ObjectNode parent, String field) {
        JsonNode n = parent.get(field);
        return n instanceof ArrayNode a ? a : parent.putArray(field);
    }
}
