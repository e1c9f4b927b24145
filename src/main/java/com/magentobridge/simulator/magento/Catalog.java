package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory catalog state: products with their legacy (CatalogInventory) stock item and MSI source items.
 *
 * <p>All mutations run under one lock so that a batch is validated and applied atomically and the
 * {@link StockWrite} log is in exactly the order writes were applied. Reads are lock-free (immutable snapshots).
 *
 * <p>Like Magento with MSI, the legacy stock item mirrors the {@code default} source: writing the default source
 * item updates legacy qty / is_in_stock, and a legacy stock item save updates the default source item (can be
 * switched off with {@link #legacySync}).
 */
final class Catalog {

    static final String DEFAULT_SOURCE = "default";

    enum Kind { BOOL, INT, DECIMAL, TEXT }

    /** Legacy stock item fields in the order Magento 2.3 prints them (see the recorded GET /V1/stockItems). */
    static final Map<String, Kind> LEGACY_FIELDS;
    static final Map<String, Object> LEGACY_DEFAULTS;

    static {
        Map<String, Kind> f = new LinkedHashMap<>();
        Map<String, Object> d = new LinkedHashMap<>();
        def(f, d, "item_id", Kind.INT, 0);
        def(f, d, "product_id", Kind.INT, 0);
        def(f, d, "stock_id", Kind.INT, 1);
        def(f, d, "qty", Kind.DECIMAL, BigDecimal.ZERO);
        def(f, d, "is_in_stock", Kind.BOOL, false);
        def(f, d, "is_qty_decimal", Kind.BOOL, false);
        def(f, d, "show_default_notification_message", Kind.BOOL, false);
        def(f, d, "use_config_min_qty", Kind.BOOL, true);
        def(f, d, "min_qty", Kind.DECIMAL, BigDecimal.ZERO);
        // Magento really prints this one as an integer while the other use_config_* flags are booleans.
        def(f, d, "use_config_min_sale_qty", Kind.INT, 1);
        def(f, d, "min_sale_qty", Kind.DECIMAL, BigDecimal.ONE);
        def(f, d, "use_config_max_sale_qty", Kind.BOOL, true);
        def(f, d, "max_sale_qty", Kind.DECIMAL, BigDecimal.valueOf(10000));
        def(f, d, "use_config_backorders", Kind.BOOL, true);
        def(f, d, "backorders", Kind.INT, 0);
        def(f, d, "use_config_notify_stock_qty", Kind.BOOL, true);
        def(f, d, "notify_stock_qty", Kind.DECIMAL, BigDecimal.ONE);
        def(f, d, "use_config_qty_increments", Kind.BOOL, true);
        def(f, d, "qty_increments", Kind.DECIMAL, BigDecimal.ZERO);
        def(f, d, "use_config_enable_qty_inc", Kind.BOOL, true);
        def(f, d, "enable_qty_increments", Kind.BOOL, false);
        def(f, d, "use_config_manage_stock", Kind.BOOL, true);
        def(f, d, "manage_stock", Kind.BOOL, true);
        def(f, d, "low_stock_date", Kind.TEXT, null);
        def(f, d, "is_decimal_divided", Kind.BOOL, false);
        def(f, d, "stock_status_changed_auto", Kind.INT, 0);
        LEGACY_FIELDS = Collections.unmodifiableMap(f);
        LEGACY_DEFAULTS = Collections.unmodifiableMap(d);
    }

    private static void def(Map<String, Kind> f, Map<String, Object> d, String name, Kind kind, Object value) {
        f.put(name, kind);
        d.put(name, value);
    }

    record SourceItem(BigDecimal quantity, int status) {
    }

    /** One validated entry of a source-items save. */
    record SourceItemInput(String sku, String sourceCode, BigDecimal quantity, int status) {
    }

    /** The two legacy stock item fields every stock write changes. */
    record LegacyStock(BigDecimal qty, boolean inStock) { }

    static final class Product {
        final String sku;
        final int itemId;
        /**
         * Immutable snapshot of the legacy stock item, replaced on a legacy save; its qty and is_in_stock are those of
         * the last legacy save, and {@link #stock} overrides them. An MSI write (the hot path) replaces only
         * {@link #stock}: copying the 26-field map on every write made the simulator's collections slow under load.
         */
        volatile Map<String, Object> legacyFields;
        volatile LegacyStock stock = new LegacyStock(BigDecimal.ZERO, false);
        final ConcurrentHashMap<String, SourceItem> sourceItems = new ConcurrentHashMap<>();

        Product(String sku, int itemId) {
            this.sku = sku;
            this.itemId = itemId;
            Map<String, Object> m = new LinkedHashMap<>(LEGACY_DEFAULTS);
            m.put("item_id", itemId);
            m.put("product_id", itemId);
            this.legacyFields = Collections.unmodifiableMap(m);
        }

        /** The legacy stock item as Magento prints it, fields in Magento's order. */
        Map<String, Object> legacy() {
            LegacyStock current = stock;
            Map<String, Object> m = new LinkedHashMap<>(legacyFields);
            m.put("qty", current.qty());
            m.put("is_in_stock", current.inStock());
            return m;
        }

        BigDecimal qty() {
            return stock.qty();
        }

        boolean inStock() {
            return stock.inStock();
        }
    }

    private final Object lock = new Object();
    private final ConcurrentHashMap<String, Product> products = new ConcurrentHashMap<>();
    /** code -> the same code; the value is the canonical instance stored in logs. */
    private final ConcurrentHashMap<String, String> sources = new ConcurrentHashMap<>();
    private final ArrayDeque<StockWrite> writes = new ArrayDeque<>();
    private int nextItemId = 1;
    private long writeSeq;
    private int writeLogCapacity = 500_000;
    volatile boolean legacySync = true;

    Catalog() {
        sources.put(DEFAULT_SOURCE, DEFAULT_SOURCE);
    }

    // ------------------------------------------------------------------ setup / inspection

    int addProduct(String sku) {
        requireSku(sku);
        synchronized (lock) {
            Product existing = products.get(sku);
            if (existing != null) {
                return existing.itemId;
            }
            Product p = new Product(sku, nextItemId++);
            products.put(sku, p);
            return p.itemId;
        }
    }

    void addSource(String code) {
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("source code must not be blank");
        }
        sources.putIfAbsent(code, code);
    }

    boolean hasSource(String code) {
        return code != null && sources.containsKey(code);
    }

    Product product(String sku) {
        return sku == null ? null : products.get(sku);
    }

    Product requireProduct(String sku) {
        Product p = product(sku);
        if (p == null) {
            throw new IllegalArgumentException("unknown SKU: " + sku);
        }
        return p;
    }

    /** Seeds a source item (not recorded as a {@link StockWrite}). */
    void seedSourceItem(String sku, String sourceCode, BigDecimal qty, int status) {
        if (qty == null) {
            throw new IllegalArgumentException("quantity must not be null");
        }
        if (status != 0 && status != 1) {
            throw new IllegalArgumentException("status must be 0 or 1: " + status);
        }
        synchronized (lock) {
            Product p = requireProduct(sku);
            if (!sources.containsKey(sourceCode)) {
                throw new IllegalArgumentException("unknown source: " + sourceCode + " (call addSource first)");
            }
            applySourceItem(p, sourceCode, qty, status);
        }
    }

    void reset() {
        synchronized (lock) {
            products.clear();
            sources.clear();
            sources.put(DEFAULT_SOURCE, DEFAULT_SOURCE);
            nextItemId = 1;
            writeSeq = 0;
            writes.clear();
            legacySync = true;
        }
    }

    List<StockWrite> stockWrites() {
        synchronized (lock) {
            return List.copyOf(writes);
        }
    }

    void clearStockWrites() {
        synchronized (lock) {
            writes.clear();
        }
    }

    void setWriteLogCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        synchronized (lock) {
            writeLogCapacity = capacity;
            trimWrites();
        }
    }

    // ------------------------------------------------------------------ MSI

    /**
     * Validates every entry (all-or-nothing) and applies them in list order.
     * Returns the problems found (Magento-shaped error objects); empty means everything was applied.
     */
    List<ObjectNode> saveSourceItems(List<SourceItemInput> items) {
        synchronized (lock) {
            List<ObjectNode> problems = checkSourceItems(items);
            if (!problems.isEmpty()) {
                return problems;
            }
            Instant now = Instant.now();
            for (SourceItemInput in : items) {
                Product p = products.get(in.sku());
                String source = sources.get(in.sourceCode());
                applySourceItem(p, source, in.quantity(), in.status());
                recordWrite(p.sku, source, in.quantity(), now);
            }
            return problems;
        }
    }

    /** The problems a source-items save is refused for (unknown SKU, unknown source); empty when it can be saved. */
    List<ObjectNode> checkSourceItems(List<SourceItemInput> items) {
        List<ObjectNode> problems = new ArrayList<>();
        for (SourceItemInput in : items) {
            if (!products.containsKey(in.sku())) {
                problems.add(MagentoErrors.positional(MagentoErrors.PRODUCT_SKU_NOT_FOUND, in.sku()));
            }
            if (!sources.containsKey(in.sourceCode())) {
                problems.add(MagentoErrors.named("Source with code \"%value\" does not exist.",
                        "value", in.sourceCode()));
            }
        }
        return problems;
    }

    private void applySourceItem(Product p, String sourceCode, BigDecimal qty, int status) {
        p.sourceItems.put(sourceCode, new SourceItem(qty, status));
        if (legacySync && DEFAULT_SOURCE.equals(sourceCode)) {
            p.stock = new LegacyStock(qty, status == 1);
        }
    }

    // ------------------------------------------------------------------ legacy stock item

    /**
     * Applies a legacy stock item save (PUT /V1/products/{sku}/stockItems/{itemId}). {@code changes} holds
     * coerced values keyed by field name. Returns the saved item id.
     */
    int saveLegacy(String sku, Map<String, Object> changes) {
        synchronized (lock) {
            Product p = products.get(sku);
            if (p == null) {
                throw MagentoErrors.productNotFound(sku);
            }
            Map<String, Object> m = p.legacy();
            m.putAll(changes);
            BigDecimal qty = (BigDecimal) m.get("qty");
            boolean manage = (Boolean) m.get("use_config_manage_stock") || (Boolean) m.get("manage_stock");
            int backorders = (Boolean) m.get("use_config_backorders") ? 0 : (Integer) m.get("backorders");
            BigDecimal minQty = (Boolean) m.get("use_config_min_qty") ? BigDecimal.ZERO : (BigDecimal) m.get("min_qty");
            boolean sellable = !manage || backorders != 0 || qty.compareTo(minQty) > 0;
            if (!sellable) {
                // Magento's StockItemRepository::save: out of stock when qty <= min_qty without backorders.
                if ((Boolean) m.get("is_in_stock")) {
                    m.put("stock_status_changed_auto", 1);
                }
                m.put("is_in_stock", false);
            } else if (!changes.containsKey("is_in_stock")) {
                // Automatically put back in stock only if it went out of stock automatically.
                if (!(Boolean) m.get("is_in_stock") && ((Integer) m.get("stock_status_changed_auto")) == 1) {
                    m.put("is_in_stock", true);
                    m.put("stock_status_changed_auto", 0);
                }
            } else {
                m.put("stock_status_changed_auto", 0);
            }
            p.legacyFields = Collections.unmodifiableMap(m);
            p.stock = new LegacyStock(qty, (Boolean) m.get("is_in_stock"));
            if (legacySync) {
                p.sourceItems.put(DEFAULT_SOURCE, new SourceItem(qty, (Boolean) m.get("is_in_stock") ? 1 : 0));
            }
            recordWrite(p.sku, DEFAULT_SOURCE, qty, Instant.now());
            return p.itemId;
        }
    }

    static byte[] legacyJson(Map<String, Object> legacy) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(900);
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, Object> e : legacy.entrySet()) {
                g.writeFieldName(e.getKey());
                Object v = e.getValue();
                if (v == null) {
                    g.writeNull();
                } else if (v instanceof Boolean b) {
                    g.writeBoolean(b);
                } else if (v instanceof Integer i) {
                    g.writeNumber(i);
                } else if (v instanceof BigDecimal d) {
                    Number n = Json.magentoNumber(d);
                    if (n instanceof Long l) {
                        g.writeNumber(l);
                    } else if (n instanceof BigDecimal bd) {
                        g.writeNumber(bd);
                    } else {
                        g.writeNumber(n.toString());
                    }
                } else {
                    g.writeString(v.toString());
                }
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Coerces one incoming legacy field value; returns {@code null} with {@code ok=false} semantics via exception. */
    static Object coerceLegacy(String field, Kind kind, JsonNode value) {
        switch (kind) {
            case BOOL: {
                Boolean b = Json.bool(value);
                if (b == null) {
                    throw invalidType(value, "bool");
                }
                return b;
            }
            case INT: {
                Integer i = Json.integer(value);
                if (i == null) {
                    throw invalidType(value, "int");
                }
                return i;
            }
            case DECIMAL: {
                BigDecimal d = Json.decimal(value);
                if (d == null) {
                    throw invalidType(value, "float");
                }
                return d;
            }
            default:
                return value == null || value.isNull() ? null : value.asText();
        }
    }

    static MagentoException invalidType(JsonNode value, String type) {
        return MagentoErrors.badRequest(MagentoErrors.named(MagentoErrors.INVALID_TYPE,
                "value", Json.text(value), "type", type));
    }

    // ------------------------------------------------------------------ internals

    private void recordWrite(String sku, String source, BigDecimal qty, Instant time) {
        writes.addLast(new StockWrite(sku, source, qty, time, ++writeSeq));
        trimWrites();
    }

    private void trimWrites() {
        Iterator<StockWrite> it = writes.iterator();
        int excess = writes.size() - writeLogCapacity;
        while (excess-- > 0 && it.hasNext()) {
            it.next();
            it.remove();
        }
    }

    private static void requireSku(String sku) {
        if (sku == null || sku.isEmpty()) {
            throw new IllegalArgumentException("SKU must not be empty");
        }
    }
}
