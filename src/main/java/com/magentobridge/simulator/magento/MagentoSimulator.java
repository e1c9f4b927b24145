package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.magentobridge.simulator.SimulatorServer;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful, fast Magento 2 REST API simulator for tests, demos and benchmarks, built on the JDK's
 * {@link HttpServer} and Jackson.
 *
 * <p>Routes (the store code segment is optional: {@code /rest/V1/...} and {@code /rest/{storeCode}/V1/...}, store
 * codes made of {@code [a-z0-9_]}):
 * <ul>
 *   <li>{@code POST /V1/integration/admin/token} (anonymous) – {@code {"username","password"}} → JSON string token</li>
 *   <li>{@code POST /V1/inventory/source-items} – MSI save, answers {@code []}; 400 "Could not save Source Item"
 *       when the save fails in the database (an injected deadlock or unsavable SKU), nothing applied</li>
 *   <li>{@code GET /V1/stockItems/{sku}} – legacy stock item</li>
 *   <li>{@code PUT /V1/products/{sku}/stockItems/{itemId}} – legacy stock item save, answers the item id as a JSON
 *       string ({@code "190"})</li>
 *   <li>{@code GET /V1/orders/{id}} ({@code Magento_Sales::actions_view}) – one order by entity_id, 404 if unknown</li>
 *   <li>{@code GET /V1/orders?searchCriteria...} ({@code Magento_Sales::actions_view}) – order search
 *       ({@code {items, search_criteria, total_count}}; both query spellings, see {@link SearchCriteria})</li>
 *   <li>{@code POST /V1/orders/{id}/cancel} ({@code Magento_Sales::cancel}) – {@code true}, or {@code false} (HTTP 200)
 *       when Magento's {@code canCancel} does not hold; {@code POST /V1/orders/{id}/hold} ({@code ::hold}) and
 *       {@code /unhold} ({@code ::unhold}) – {@code true} or 400 with Magento's refusal; {@code POST
 *       /V1/orders/{id}/comments} ({@code ::comment}) – {@code {"statusHistory": {...}}} → {@code true}; see
 *       {@link OrderActions}</li>
 *   <li>{@code GET /V1/carts/search?searchCriteria...} ({@code Magento_Cart::manage}) – quote search, see
 *       {@link Carts}</li>
 *   <li>{@code POST /V1/order/{orderId}/ship} ({@code Magento_Sales::ship}) – creates a shipment, answers its id as a
 *       JSON string ({@code "5"}); validation and effects as Magento 2.4, see {@link ShipOrder}</li>
 *   <li>{@code GET /V1/shipments?searchCriteria...} ({@code Magento_Sales::shipment}) – shipment search</li>
 *   <li>{@code GET /V1/shipment/{id}} ({@code Magento_Sales::shipment}) – one shipment, 404 if unknown</li>
 *   <li>{@code GET /V1/store/storeConfigs} ({@code Magento_Backend::store}) – the store views' configuration, see
 *       {@link StoreConfigs} (the bridge's health check)</li>
 * </ul>
 * Orders are seeded with {@link #newOrder(String)} (a builder) or {@link #addOrder(JsonNode)} (a GET /V1/orders/{id}
 * answer such as a recorded fixture) and inspected with {@link #order(int)}, {@link #orderState(int)},
 * {@link #shipments(int)}; the import/status flows change them with {@link #setOrderStatus}, {@link #touchOrder},
 * {@link #setOrderUpdatedAt} and {@link #editOrder(int, String)}. Carts (quotes) are seeded with {@link #addCart}.
 * Every other request answers 404 {@code {"message":"Request does not match any route."}} (like Magento, also for a
 * known path with the wrong method). Authenticated routes authenticate as a 2.4.8 store does: an OAuth 1.0a
 * HMAC-SHA256 signature with the {@link #integration()}'s credentials (verified by {@link OAuthVerifier}, with
 * Magento's 400/401 bodies), a live admin token (JWT, {@link #adminTokenLifetime}), or the integration's access token as
 * a bearer token once {@link #allowIntegrationTokensAsBearer} is on; otherwise 401 with Magento's "consumer isn't
 * authorized" body naming the route's ACL resource.
 *
 * <p>Request processing order: route match (404) → auth (401) → injected latency → injected failure (not applied)
 * → handler (validation, then apply; a source-items save can deadlock in between, see
 * {@link FaultInjection#deadlockBeyond}) → optional injected connection drop after the commit.
 *
 * <p>Everything is thread-safe. Nothing is logged per request. Keep-alive works: the request body is always read
 * fully and every response carries a Content-Length.
 *
 * <p>Performance note: the JDK server writes response headers and body in two TCP segments; without
 * {@code -Dsun.net.httpserver.nodelay=true} Nagle + delayed ACK add ~40 ms to every keep-alive request.
 * {@link SimulatorServer} sets that property before its first server, but the JDK reads it only once, when the first
 * {@link HttpServer} of the JVM is created: code that starts another JDK HttpServer earlier in the same JVM should set it too.
 */
public final class MagentoSimulator implements AutoCloseable {

    public static final String ACL_SOURCE_ITEMS = "Magento_InventoryApi::stock_source_item_assign";
    public static final String ACL_CATALOG_INVENTORY = "Magento_CatalogInventory::cataloginventory";
    static final String SOURCE_ITEM_TYPE = "\\Magento\\InventoryApi\\Api\\Data\\SourceItemInterface";

    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final int DEFAULT_THREADS = 16;
    private static final char[] TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final System.Logger LOG = System.getLogger(MagentoSimulator.class.getName());

    /** An activated integration's four credentials, as the admin shows them (System > Extensions > Integrations). */
    public record Integration(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {
        /** Random 32-character values, as Magento generates them, around a given access token. */
        public static Integration withAccessToken(String accessToken) {
            return new Integration(randomKey(), randomKey(), accessToken, randomKey());
        }

        @Override
        public String toString() {
            return "Integration[****]";
        }
    }

    static final int INTEGRATION_CONSUMER_ID = 1;
    static final String TWO_FACTOR_REFUSAL = "Please use the 2fa provider-specific endpoints to obtain a token.";
    private static final SecureRandom KEYS = new SecureRandom();

    private final String bearerToken;
    private final Integration integration;
    private final OAuthVerifier oauth = new OAuthVerifier(java.time.Clock.systemUTC());
    private volatile boolean integrationAsBearer;
    private volatile boolean twoFactorAuth;
    private volatile java.time.Duration adminTokenLifetime = java.time.Duration.ofHours(4);
    private final AtomicInteger adminLogins = new AtomicInteger();
    private volatile String mountPath = "";
    private final int workerThreads;
    private final Router router = new Router();
    private final Catalog catalog = new Catalog();
    private final FaultInjection faults = new FaultInjection();
    private final Orders orders = new Orders(sku -> {
        Catalog.Product p = catalog.product(sku);
        return p == null ? 0 : p.itemId;
    });
    private final Carts carts = new Carts(orders::now);
    private final Products products = new Products(catalog, orders::now, this::inputLimitEnabled);
    private final StoreConfigs storeConfigs = new StoreConfigs(this::baseUrl);
    private final Map<String, String> adminUsers = new ConcurrentHashMap<>();
    private final Map<String, Instant> adminTokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private final ArrayDeque<RecordedCall> calls = new ArrayDeque<>();
    private volatile int callLogCapacity = 20_000;
    private final AtomicInteger internalErrors = new AtomicInteger();

    private volatile boolean inputLimitEnabled = true;
    private volatile int inputListLimit = 20;
    private volatile boolean strictStockItemId = true;

    private SimulatorServer server;

    /**
     * A store with one integration whose access token is {@code bearerToken} (its other three values random, see
     * {@link #integration()}). Like a 2.4.4+ store, it takes that token as a bearer token only once
     * {@link #allowIntegrationTokensAsBearer} is on; OAuth 1.0a signed requests always work.
     */
    public MagentoSimulator(String bearerToken) {
        this(Integration.withAccessToken(bearerToken), DEFAULT_THREADS);
    }

    public MagentoSimulator(String bearerToken, int workerThreads) {
        this(Integration.withAccessToken(bearerToken), workerThreads);
    }

    public MagentoSimulator(Integration integration) {
        this(integration, DEFAULT_THREADS);
    }

    public MagentoSimulator(Integration integration, int workerThreads) {
        if (integration == null || integration.accessToken() == null || integration.accessToken().isBlank()) {
            throw new IllegalArgumentException("the integration's access token must not be blank");
        }
        if (workerThreads < 1) {
            throw new IllegalArgumentException("workerThreads must be >= 1");
        }
        this.integration = integration;
        this.bearerToken = integration.accessToken();
        this.workerThreads = workerThreads;
        registerRoutes();
    }

    static String randomKey() {
        char[] c = new char[32];
        for (int i = 0; i < c.length; i++) {
            c[i] = TOKEN_CHARS[KEYS.nextInt(TOKEN_CHARS.length)];
        }
        return new String(c);
    }

    private void registerRoutes() {
        route("POST", "/V1/integration/admin/token", Router.ANONYMOUS, this::createAdminToken);
        route("POST", "/V1/inventory/source-items", ACL_SOURCE_ITEMS, this::saveSourceItems);
        route("GET", "/V1/stockItems/{sku}", ACL_CATALOG_INVENTORY, this::getStockItem);
        route("PUT", "/V1/products/{sku}/stockItems/{itemId}", ACL_CATALOG_INVENTORY, this::saveStockItem);
        new OrderRoutes(orders, catalog).register(this::route);
        carts.register(this::route);
        storeConfigs.register(this::route);
        products.register(this::route);
    }

    /**
     * Registers a route (extension point for orders, shipments, ...). {@code pattern} is relative to
     * {@code /rest[/storeCode]} and starts with {@code /V1/}; use {@link Router#ANONYMOUS} for open routes.
     */
    void route(String method, String pattern, String aclResource, RouteHandler handler) {
        router.add(method, pattern, aclResource, handler);
    }

    // =================================================================== lifecycle

    /** Starts listening on 127.0.0.1:{@code port} ({@code 0} = ephemeral port). */
    public synchronized MagentoSimulator start(int port) {
        return start(InetAddress.getLoopbackAddress().getHostAddress(), port);
    }

    /** Starts listening on {@code host:port}, e.g. {@code "0.0.0.0"} inside a demo container. */
    public synchronized MagentoSimulator start(String host, int port) {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        server = SimulatorServer.start("magento-sim", host, port, 256, workerThreads, this::handle);
        return this;
    }

    /** Stops the server immediately; idempotent. The state (catalog, logs) is kept. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("simulator not started");
        }
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}; append {@code /rest/V1/...} or {@code /rest/default/V1/...}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The integration's access token (the constructor's token). */
    public String token() {
        return bearerToken;
    }

    /** The integration's four OAuth 1.0a credentials. */
    public Integration integration() {
        return integration;
    }

    /**
     * The store setting {@code oauth/consumer/enable_integration_as_bearer} (Stores > Configuration > Services > OAuth >
     * Consumer Settings > Allow OAuth Access Tokens to be used as standalone Bearer tokens): off by default since 2.4.4,
     * and then the integration's token sent as a bearer token is treated as no token (401 "The consumer isn't
     * authorized..."). Not touched by {@link #reset()}: it is the store's configuration, not its data.
     */
    public MagentoSimulator allowIntegrationTokensAsBearer(boolean allowed) {
        this.integrationAsBearer = allowed;
        return this;
    }

    /** Magento_TwoFactorAuth on: a correct admin login answers 401 "Please use the 2fa provider-specific endpoints...". */
    public MagentoSimulator requireTwoFactorAuth(boolean required) {
        this.twoFactorAuth = required;
        return this;
    }

    /** {@code oauth/access_token_lifetime/admin} (4 hours by default) for admin tokens issued from now on. */
    public MagentoSimulator adminTokenLifetime(java.time.Duration lifetime) {
        this.adminTokenLifetime = lifetime;
        return this;
    }

    /** Successful admin logins ({@code POST /V1/integration/admin/token} that issued a token) so far. */
    public int adminLogins() {
        return adminLogins.get();
    }

    /** Every admin token issued and not yet cleared (for leak checks). */
    public Set<String> issuedAdminTokens() {
        return Set.copyOf(adminTokens.keySet());
    }

    /** How long nonces are remembered (Magento: until its cleanup, {@code oauth/cleanup/expiration_period}, 120 min). */
    public MagentoSimulator oauthNonceWindow(java.time.Duration window) {
        oauth.nonceWindow(window);
        return this;
    }

    /** Serves the store under a sub-path, like {@code https://host/shop/} ({@code /shop/rest/V1/...}). */
    public MagentoSimulator mountAt(String path) {
        String trimmed = path == null ? "" : path.replaceAll("/+$", "");
        this.mountPath = trimmed.isEmpty() || trimmed.startsWith("/") ? trimmed : "/" + trimmed;
        return this;
    }

    /**
     * Clears catalog (products, sources back to just {@code default}, item id counter back to 1), orders, shipments,
     * carts and their counters, faults, call log, stock write log, admin users and issued admin tokens, and restores
     * default settings (input limit on, 20; strict ship quantities; children follow parents; system clock).
     */
    public void reset() {
        catalog.reset();
        products.reset();
        storeConfigs.reset();
        orders.reset();
        carts.reset();
        faults.reset();
        clearCalls();
        adminUsers.clear();
        adminTokens.clear();
        adminLogins.set(0);
        twoFactorAuth = false;
        adminTokenLifetime = java.time.Duration.ofHours(4);
        oauth.forgetNonces();
        inputLimitEnabled = true;
        inputListLimit = 20;
        strictStockItemId = true;
    }

    // =================================================================== admin users & tokens

    public MagentoSimulator addAdminUser(String username, String password) {
        if (username == null || username.isEmpty() || password == null) {
            throw new IllegalArgumentException("username and password are required");
        }
        adminUsers.put(username, password);
        return this;
    }

    /** Invalidates every admin token issued so far (the constructor token stays valid). */
    public void expireAdminTokens() {
        adminTokens.clear();
    }

    /** Number of currently valid admin tokens. */
    public int liveAdminTokens() {
        Instant now = Instant.now();
        return (int) adminTokens.values().stream().filter(now::isBefore).count();
    }

    // =================================================================== catalog

    /** A product in Magento's shape (simple, enabled, website 1 by default); {@code create()} saves it. */
    public ProductBuilder newProduct(String sku) {
        return new ProductBuilder(products, sku);
    }

    /** The product as {@code GET /V1/products/{sku}} answers it; null when unknown. */
    public ObjectNode product(String sku) {
        return products.product(sku);
    }

    /** Number of product entities (those made with {@link #newProduct}). */
    public int productCount() {
        return products.count();
    }

    /**
     * A product save changing a top-level field ({@code name}, {@code price}, {@code weight}, {@code status}) or a
     * custom attribute: the value changes and {@code updated_at} is stamped.
     */
    public void saveProduct(String sku, String code, Object value) {
        products.change(sku, code, Json.MAPPER.valueToTree(value), true);
    }

    /**
     * What an admin mass attribute update (or some imports) does: the value changes, {@code updated_at} does NOT
     * (magento/magento2 #760, #37980), so a poll on {@code updated_at} cannot see it.
     */
    public void massUpdateProduct(String sku, String code, Object value) {
        products.change(sku, code, Json.MAPPER.valueToTree(value), false);
    }

    /** A save that changes nothing but {@code updated_at}. */
    public void touchProduct(String sku) {
        products.touch(sku);
    }

    /** Sets a product's {@code updated_at} (UTC), e.g. to put many products on one second. */
    public void setProductUpdatedAt(String sku, Instant at) {
        products.setUpdatedAt(sku, Orders.format(at));
    }

    /**
     * A select or multiselect product attribute (or any other {@code frontend_input}) with its options, option id →
     * label, for {@code GET /V1/products/attributes/{code}}.
     */
    public void addProductAttribute(String code, String frontendInput, Map<String, String> options) {
        products.addAttribute(code, frontendInput, options);
    }

    /** A store view more in {@code GET /V1/store/storeConfigs} (the default view is store 1 in website 1). */
    public void addStoreView(int storeId, String code, int websiteId) {
        storeConfigs.add(storeId, code, websiteId);
    }

    /** The SKUs of every product entity. */
    public List<String> productSkus() {
        return products.skus();
    }

    /**
     * Adds a product (idempotent). Its legacy stock item gets {@code item_id = product_id} from a counter starting
     * at 1, qty 0, is_in_stock false; it has no source items. Returns the item id.
     */
    public int addProduct(String sku) {
        return catalog.addProduct(sku);
    }

    public boolean hasProduct(String sku) {
        return catalog.product(sku) != null;
    }

    /** The legacy stock item id (= product id) of a product. */
    public int stockItemId(String sku) {
        return catalog.requireProduct(sku).itemId;
    }

    /** Registers an MSI source code ({@code default} exists from the start). */
    public MagentoSimulator addSource(String code) {
        catalog.addSource(code);
        return this;
    }

    public boolean hasSource(String code) {
        return catalog.hasSource(code);
    }

    /**
     * Seeds a source item with status 1 if {@code qty > 0}, else 0. Not recorded in {@link #stockWrites()}.
     * The product and the source must exist ({@link IllegalArgumentException} otherwise).
     */
    public void setSourceQuantity(String sku, String sourceCode, BigDecimal qty) {
        catalog.seedSourceItem(sku, sourceCode, qty, qty != null && qty.signum() > 0 ? 1 : 0);
    }

    /** Seeds a source item with an explicit status (0/1). */
    public void setSourceItem(String sku, String sourceCode, BigDecimal qty, int status) {
        catalog.seedSourceItem(sku, sourceCode, qty, status);
    }

    /** Quantity of a source item, or {@code null} if the product has no item for that source (or is unknown). */
    public BigDecimal sourceQuantity(String sku, String sourceCode) {
        Catalog.Product p = catalog.product(sku);
        Catalog.SourceItem si = p == null ? null : p.sourceItems.get(sourceCode);
        return si == null ? null : si.quantity();
    }

    /** Status (0/1) of a source item, or {@code -1} if there is no such source item. */
    public int sourceStatus(String sku, String sourceCode) {
        Catalog.Product p = catalog.product(sku);
        Catalog.SourceItem si = p == null ? null : p.sourceItems.get(sourceCode);
        return si == null ? -1 : si.status();
    }

    /** Legacy stock item qty; {@link IllegalArgumentException} for an unknown SKU. */
    public BigDecimal legacyQty(String sku) {
        return catalog.requireProduct(sku).qty();
    }

    /** Legacy stock item is_in_stock; {@link IllegalArgumentException} for an unknown SKU. */
    public boolean legacyInStock(String sku) {
        return catalog.requireProduct(sku).inStock();
    }

    /**
     * Whether the legacy stock item mirrors the {@code default} source (Magento MSI behaviour, default true):
     * saving the default source item sets legacy qty/is_in_stock, saving the legacy item sets the default source item.
     */
    public void setLegacyDefaultSourceSync(boolean enabled) {
        catalog.legacySync = enabled;
    }

    // =================================================================== orders & shipments

    /**
     * Starts an order with the given {@code increment_id} (zero-padded string such as {@code "000000015"}, may carry
     * an edit suffix {@code "000000013-1"}; {@code null} = derived from the entity id). {@link OrderBuilder#create()}
     * registers it and returns its entity_id.
     */
    public OrderBuilder newOrder(String incrementId) {
        return new OrderBuilder(orders, incrementId);
    }

    /**
     * Loads an order shaped like GET /V1/orders/{id} (e.g. a recorded fixture). Keeps its {@code entity_id} and
     * {@code item_id}s when present and free; otherwise assigns new ones and rewrites the references inside the order
     * ({@code parent_item_id}, {@code order_id}, {@code parent_id}, shipping-assignment copies, applied taxes).
     * Returns the entity_id. A bundle line ships its children separately only if it carries the raw
     * {@code product_options.shipment_type = 1} (Magento's default is "together").
     */
    public int addOrder(JsonNode order) {
        return orders.add(order);
    }

    /** Deep-copy snapshot of an order as GET /V1/orders/{id} answers it. */
    public java.util.Optional<ObjectNode> order(int entityId) {
        return orders.snapshot(entityId);
    }

    /** The entity_id of the (first registered) order with this increment_id. */
    public java.util.Optional<Integer> orderEntityId(String incrementId) {
        return orders.entityIdOf(incrementId);
    }

    /** The order's {@code state} ({@code "processing"}, {@code "complete"}, ...); IllegalArgumentException if unknown. */
    public String orderState(int entityId) {
        return orders.state(entityId);
    }

    /** Snapshots of an order's shipments, oldest first, as GET /V1/shipment/{id} answers them (empty if none). */
    public List<ObjectNode> shipments(int orderEntityId) {
        return orders.shipmentsOf(orderEntityId);
    }

    /** One shipment by entity_id. */
    public java.util.Optional<ObjectNode> shipment(int shipmentId) {
        return orders.shipment(shipmentId);
    }

    /** Number of shipments of all orders. */
    public int shipmentCount() {
        return orders.shipmentCount();
    }

    /**
     * Sets an order's state and status directly (like a save that bypasses Magento's order logic; no status history)
     * and moves its {@code updated_at} to the simulator clock. {@code null} removes the field.
     * {@link IllegalArgumentException} for an unknown order.
     */
    public void setOrderStatus(int entityId, String state, String status) {
        orders.setStatus(entityId, state, status);
    }

    /** Moves an order's {@code updated_at} to the simulator clock and changes nothing else. */
    public void touchOrder(int entityId) {
        orders.touch(entityId);
    }

    /** Sets an order's {@code updated_at} (second precision, UTC), e.g. to give several orders the same value. */
    public void setOrderUpdatedAt(int entityId, Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("at is required");
        }
        orders.setUpdatedAt(entityId, at);
    }

    /**
     * Magento's admin "Edit order": creates the replacement order (increment id {@code <original>-<n>}, or
     * {@code newIncrementId} when not null; {@code relation_parent_id} as a string, {@code relation_parent_real_id},
     * {@code original_increment_id}, {@code edit_increment}; state {@code new/pending}; new entity, item, quote and
     * address ids), links the original ({@code relation_child_id}, {@code relation_child_real_id}) and cancels it
     * like {@code POST /V1/orders/{id}/cancel}. Returns the new entity_id. Shaped like recorded orders 9 / 10 of the
     * OCA cassettes. {@link IllegalStateException} when Magento's {@code Order::canEdit()} would refuse (holded,
     * canceled, payment review, complete, closed, anything invoiced – build the original with
     * {@code .invoiced(false)}); {@link IllegalArgumentException} for an unknown order or a used increment id.
     */
    public int editOrder(int originalEntityId, String newIncrementId) {
        return orders.edit(originalEntityId, newIncrementId);
    }

    /** {@link #editOrder(int, String)} with the derived increment id. */
    public int editOrder(int originalEntityId) {
        return orders.edit(originalEntityId, null);
    }

    /** Number of orders held by the simulator. */
    public int orderCount() {
        return orders.orderCount();
    }

    // =================================================================== carts

    /**
     * Adds a cart (quote) of customer 1 in store 1 with one simple line per SKU (unit price 10, in the map's
     * iteration order); {@code created_at = updated_at = updatedAt}. Returns the cart id (from 1).
     */
    public int addCart(boolean active, Instant updatedAt, Map<String, Integer> qtyBySku) {
        return carts.add(active, updatedAt, qtyBySku);
    }

    /** Activates/deactivates a cart; a change moves its {@code updated_at} to the simulator clock. */
    public void setCartActive(int cartId, boolean active) {
        carts.setActive(cartId, active);
    }

    /** Sets a cart's {@code updated_at}. */
    public void setCartUpdatedAt(int cartId, Instant at) {
        if (at == null) {
            throw new IllegalArgumentException("at is required");
        }
        carts.setUpdatedAt(cartId, at);
    }

    /**
     * Clock for created_at / updated_at stamps of new orders, shipments, order actions and cart changes (default:
     * system UTC; reset restores).
     */
    public void setClock(java.time.Clock clock) {
        orders.setClock(clock);
    }

    /**
     * Default false (strict): a ship line asking for more than is left, an id that is not on the order or a
     * configurable child's id is refused with 400. True: Magento 2.4's exact behaviour – such lines are cut to what
     * is left or silently left out, and only a shipment that ends up empty is refused.
     */
    public void setShipQuantityClamping(boolean clamp) {
        orders.setClampShipQuantities(clamp);
    }

    /**
     * Default true: shipping a configurable (or together-shipped bundle) parent also raises its children's
     * {@code qty_shipped}. False: children stay at 0, as real Magento leaves them (magento/magento2#26228).
     */
    public void setChildQtyShippedFollowsParent(boolean follows) {
        orders.setChildQtyShippedFollowsParent(follows);
    }

    // =================================================================== settings

    /** Magento's "Web API input limits" switch for list inputs (default: on). */
    public void setInputLimitEnabled(boolean enabled) {
        this.inputLimitEnabled = enabled;
    }

    private boolean inputLimitEnabled() {
        return inputLimitEnabled;
    }

    /** Maximum list size when the input limit is on (default 20). */
    public void setInputListLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        this.inputListLimit = limit;
    }

    /**
     * If true (default), {@code PUT /V1/products/{sku}/stockItems/{itemId}} with an item id that is not the SKU's
     * answers 400. Real Magento ignores the path item id; switch off to mimic that.
     */
    public void setStrictStockItemId(boolean strict) {
        this.strictStockItemId = strict;
    }

    public FaultInjection faults() {
        return faults;
    }

    // =================================================================== logs

    /** Snapshot of the recorded calls, oldest first. */
    public List<RecordedCall> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Recorded calls whose raw or decoded path contains {@code text}. */
    public List<RecordedCall> calls(String pathContains) {
        List<RecordedCall> out = new ArrayList<>();
        for (RecordedCall c : calls()) {
            if (c.path().contains(pathContains) || c.decodedPath().contains(pathContains)) {
                out.add(c);
            }
        }
        return out;
    }

    public void clearCalls() {
        synchronized (calls) {
            calls.clear();
        }
    }

    /** How many calls are kept (oldest dropped first; default 20 000; 0 disables recording). */
    public void setCallLogCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0");
        }
        callLogCapacity = capacity;
        synchronized (calls) {
            trim(calls, capacity);
        }
    }

    /** Snapshot of the stock writes in the order they were applied. */
    public List<StockWrite> stockWrites() {
        return catalog.stockWrites();
    }

    public void clearStockWrites() {
        catalog.clearStockWrites();
    }

    /** How many stock writes are kept (oldest dropped first; default 500 000). */
    public void setStockWriteLogCapacity(int capacity) {
        catalog.setWriteLogCapacity(capacity);
    }

    /** Requests that ended in an unexpected simulator exception (should stay 0; answered as HTTP 500). */
    public int internalErrors() {
        return internalErrors.get();
    }

    // =================================================================== HTTP plumbing

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = Instant.now();
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath();
        String rawQuery = uri.getRawQuery();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            exchange.close();
            return;
        }

        SimResponse response;
        boolean drop = false;
        try {
            Dispatch d = dispatch(exchange, method, rawPath, rawQuery, body);
            response = d.response;
            drop = d.drop;
        } catch (MagentoException e) {
            response = e.toResponse();
        } catch (RuntimeException e) {
            internalErrors.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "Magento simulator failed on " + method + " " + rawPath, e);
            response = SimResponse.json(500, MagentoErrors.fault(500));
        }

        // Record before answering so that a client that got its answer (or its EOF) always finds the call logged.
        record(method, rawPath, rawQuery, body, arrived, drop ? 0 : response.status());
        if (drop) {
            // Closing before the response headers are sent closes the TCP connection: the client sees EOF.
            exchange.close();
        } else {
            send(exchange, method, response);
        }
    }

    private record Dispatch(SimResponse response, boolean drop) {
    }

    private Dispatch dispatch(HttpExchange exchange, String method, String rawPath, String rawQuery, byte[] body) {
        String mount = mountPath;
        String fullPath = rawPath;
        if (!mount.isEmpty()) {
            if (!rawPath.startsWith(mount + "/")) {
                throw MagentoErrors.routeNotFound();
            }
            rawPath = rawPath.substring(mount.length());
        }
        ParsedPath parsed = parsePath(rawPath);
        if (parsed == null) {
            throw MagentoErrors.routeNotFound();
        }
        Router.Match match = router.match(method, parsed.segments);
        if (match == null) {
            throw MagentoErrors.routeNotFound();
        }
        Router.Route route = match.route();
        if (!route.anonymous()) {
            authenticate(exchange, method, fullPath, rawQuery, route);
        }
        FaultInjection.Decision fault = faults.decide(rawPath, route.anonymous(), route.isWrite());
        if (fault.latencyMillis() > 0) {
            faults.delay(fault.latencyMillis());
        }
        if (fault.failStatus() > 0) {
            return new Dispatch(SimResponse.json(fault.failStatus(), MagentoErrors.fault(fault.failStatus())), false);
        }
        SimRequest request = new SimRequest(method, parsed.storeCode, match.params(), rawQuery, body);
        SimResponse response;
        try {
            response = route.handler().handle(request);
        } catch (MagentoException e) {
            response = e.toResponse();
        }
        return new Dispatch(response, fault.dropAfterCommit());
    }

    private static void send(HttpExchange exchange, String method, SimResponse response) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        byte[] bytes = response.body();
        boolean noBody = bytes.length == 0 || "HEAD".equals(method);
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /**
     * Magento's user contexts: an OAuth header is verified (its failures answer their own 400/401); a bearer token must
     * be a live admin token or, with the store's switch on, the integration's; anything else is a guest, refused with
     * "The consumer isn't authorized to access %resources.".
     */
    private void authenticate(HttpExchange exchange, String method, String rawPath, String rawQuery, Router.Route route) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (OAuthVerifier.isOAuth(header)) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            String url = "http://" + host + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
            oauth.verify(method, url, header, integration, INTEGRATION_CONSUMER_ID);
            return;
        }
        if (header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).trim();
            Instant expires = adminTokens.get(token);
            if (expires != null && Instant.now().isBefore(expires)) {
                return;
            }
            if (integrationAsBearer && token.equals(bearerToken)) {
                return;
            }
        }
        throw MagentoErrors.unauthorized(route.aclResource());
    }

    private void record(String method, String rawPath, String rawQuery, byte[] body, Instant time, int status) {
        int capacity = callLogCapacity;
        if (capacity == 0) {
            return;
        }
        RecordedCall call = new RecordedCall(method, rawPath, rawQuery,
                body.length == 0 ? "" : new String(body, StandardCharsets.UTF_8), time, status);
        synchronized (calls) {
            calls.addLast(call);
            trim(calls, capacity);
        }
    }

    private static void trim(ArrayDeque<?> deque, int capacity) {
        while (deque.size() > capacity) {
            deque.pollFirst();
        }
    }

    record ParsedPath(String storeCode, List<String> segments) {
    }

    /**
     * {@code /rest/V1/a/b} or {@code /rest/<store>/V1/a/b} → segments {@code [V1, a, b]} (each percent-decoded).
     * Returns null for anything else.
     */
    static ParsedPath parsePath(String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/rest/")) {
            return null;
        }
        String[] raw = rawPath.substring(6).split("/");
        int start;
        String store;
        if (raw.length > 0 && raw[0].equals("V1")) {
            start = 0;
            store = "default";
        } else if (raw.length > 1 && isStoreCode(raw[0]) && raw[1].equals("V1")) {
            start = 1;
            store = raw[0];
        } else {
            return null;
        }
        List<String> segments = new ArrayList<>(raw.length - start);
        for (int i = start; i < raw.length; i++) {
            segments.add(PathCodec.decode(raw[i]));
        }
        return new ParsedPath(store, segments);
    }

    private static boolean isStoreCode(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    // =================================================================== route handlers

    private SimResponse createAdminToken(SimRequest request) {
        JsonNode json = request.json();
        if (!json.isObject()) {
            throw MagentoErrors.decoding();
        }
        JsonNode u = json.get("username");
        JsonNode p = json.get("password");
        List<ObjectNode> problems = new ArrayList<>(2);
        if (u == null || !u.isTextual() || u.textValue().isEmpty()) {
            problems.add(MagentoErrors.named(MagentoErrors.REQUIRED_FIELD, "fieldName", "username"));
        }
        if (p == null || !p.isTextual() || p.textValue().isEmpty()) {
            problems.add(MagentoErrors.named(MagentoErrors.REQUIRED_FIELD, "fieldName", "password"));
        }
        if (problems.size() == 1) {
            throw MagentoErrors.badRequest(problems.get(0));
        }
        if (problems.size() > 1) {
            ObjectNode body = MagentoErrors.message("One or more input exceptions have occurred.");
            body.putArray("errors").addAll(problems);
            throw MagentoErrors.badRequest(body);
        }
        String expected = adminUsers.get(u.textValue());
        if (expected == null || !expected.equals(p.textValue())) {
            throw new MagentoException(401, MagentoErrors.message(MagentoErrors.SIGN_IN_INCORRECT));
        }
        if (twoFactorAuth) {
            ObjectNode refusal = MagentoErrors.message(TWO_FACTOR_REFUSAL);
            refusal.putObject("parameters").putArray("active_providers").add("google");
            throw new MagentoException(401, refusal);
        }
        Instant issued = Instant.now();
        Instant expires = issued.plus(adminTokenLifetime);
        String token = jwt(issued, expires);
        adminTokens.put(token, expires);
        adminLogins.incrementAndGet();
        return SimResponse.okString(token);
    }

    /** A 2.4.4+ style admin token: a JWT whose claims carry its expiry (the signature part is random here). */
    private String jwt(Instant issued, Instant expires) {
        java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"kid\":\"1\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"uid\":1,\"utypid\":2,\"iat\":" + issued.getEpochSecond()
                + ",\"exp\":" + expires.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + newToken();
    }

    private String newToken() {
        char[] c = new char[32];
        for (int i = 0; i < c.length; i++) {
            c[i] = TOKEN_CHARS[random.nextInt(TOKEN_CHARS.length)];
        }
        return new String(c);
    }

    private SimResponse saveSourceItems(SimRequest request) {
        JsonNode json = request.json();
        if (!json.isObject()) {
            throw MagentoErrors.decoding();
        }
        JsonNode list = json.get("sourceItems");
        if (list == null || list.isNull()) {
            throw MagentoErrors.required("sourceItems");
        }
        if (!list.isArray()) {
            throw Catalog.invalidType(list, SOURCE_ITEM_TYPE + "[]");
        }
        int limit = inputListLimit;
        if (inputLimitEnabled && list.size() > limit) {
            throw MagentoErrors.badRequest(MagentoErrors.named(MagentoErrors.INPUT_LIMIT,
                    "type", SOURCE_ITEM_TYPE, "max", limit));
        }
        List<Catalog.SourceItemInput> inputs = new ArrayList<>(list.size());
        List<ObjectNode> problems = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isObject()) {
                problems.add(MagentoErrors.named(MagentoErrors.INVALID_TYPE,
                        "value", Json.text(item), "type", SOURCE_ITEM_TYPE));
                continue;
            }
            String sku = textField(item, "sku");
            String source = textField(item, "source_code");
            if (source == null) {
                source = textField(item, "sourceCode");
            }
            BigDecimal qty = Json.decimal(item.get("quantity"));
            JsonNode statusNode = item.get("status");
            Integer status = Json.integer(statusNode);
            boolean ok = true;
            if (sku == null) {
                problems.add(MagentoErrors.named("\"%field\" can not be empty.", "field", "sku"));
                ok = false;
            }
            if (source == null) {
                problems.add(MagentoErrors.named("\"%field\" can not be empty.", "field", "source_code"));
                ok = false;
            }
            if (qty == null) {
                problems.add(MagentoErrors.named("\"%field\" should be numeric.", "field", "quantity"));
                ok = false;
            }
            if (statusNode == null || statusNode.isNull()) {
                problems.add(MagentoErrors.named("\"%field\" can not be empty.", "field", "status"));
                ok = false;
            } else if (status == null || (status != 0 && status != 1)) {
                problems.add(MagentoErrors.named("\"%field\" should be one of [0, 1], \"%value\" given.",
                        "field", "status", "value", Json.text(statusNode)));
                ok = false;
            }
            if (ok) {
                inputs.add(new Catalog.SourceItemInput(sku, source, qty, status));
            }
        }
        if (!problems.isEmpty()) {
            throw MagentoErrors.badRequest(MagentoErrors.validation(problems));
        }
        problems = catalog.checkSourceItems(inputs);
        if (!problems.isEmpty()) {
            throw MagentoErrors.badRequest(MagentoErrors.validation(problems));
        }
        // the database's part: a deadlock (or any failure of the save) is rolled back and answered like MSI does
        try (FaultInjection.SourceItemsSave save = faults.sourceItemsSave(
                inputs.stream().map(Catalog.SourceItemInput::sku).toList())) {
            if (save.failed()) {
                throw MagentoErrors.couldNotSaveSourceItem();
            }
            problems = catalog.saveSourceItems(inputs);
        }
        if (!problems.isEmpty()) {
            throw MagentoErrors.badRequest(MagentoErrors.validation(problems));
        }
        return SimResponse.okRaw(Json.EMPTY_ARRAY);
    }

    private static String textField(JsonNode object, String name) {
        JsonNode n = object.get(name);
        if (n == null || n.isNull() || !n.isValueNode()) {
            return null;
        }
        String s = n.asText();
        return s.isEmpty() ? null : s;
    }

    private SimResponse getStockItem(SimRequest request) {
        String sku = request.param("sku");
        Catalog.Product p = catalog.product(sku);
        if (p == null) {
            throw MagentoErrors.productNotFound(sku);
        }
        return SimResponse.okRaw(Catalog.legacyJson(p.legacy()));
    }

    private SimResponse saveStockItem(SimRequest request) {
        String sku = request.param("sku");
        String itemId = request.param("itemId");
        Catalog.Product p = catalog.product(sku);
        if (p == null) {
            throw MagentoErrors.productNotFound(sku);
        }
        if (strictStockItemId && !String.valueOf(p.itemId).equals(itemId.trim())) {
            throw MagentoErrors.badRequest(MagentoErrors.positional(
                    "The stock item with ID \"%1\" does not belong to the product with SKU \"%2\".", itemId, sku));
        }
        JsonNode json = request.json();
        if (!json.isObject()) {
            throw MagentoErrors.decoding();
        }
        JsonNode stockItem = json.get("stockItem");
        if (stockItem == null || stockItem.isNull()) {
            throw MagentoErrors.required("stockItem");
        }
        if (!stockItem.isObject()) {
            throw Catalog.invalidType(stockItem, "\\Magento\\CatalogInventory\\Api\\Data\\StockItemInterface");
        }
        Map<String, Object> changes = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = stockItem.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = snakeCase(f.getKey());
            Catalog.Kind kind = Catalog.LEGACY_FIELDS.get(name);
            if (kind == null || name.equals("item_id") || name.equals("product_id") || name.equals("stock_id")) {
                continue;
            }
            if (name.equals("qty") && (f.getValue() == null || f.getValue().isNull())) {
                continue;
            }
            changes.put(name, Catalog.coerceLegacy(name, kind, f.getValue()));
        }
        int id = catalog.saveLegacy(sku, changes);
        return SimResponse.okString(String.valueOf(id));
    }

    /** Magento accepts camelCase keys for data objects ({@code isInStock}); normalise to snake_case. */
    private static String snakeCase(String key) {
        boolean hasUpper = false;
        for (int i = 0; i < key.length(); i++) {
            if (Character.isUpperCase(key.charAt(i))) {
                hasUpper = true;
                break;
            }
        }
        if (!hasUpper) {
            return key;
        }
        StringBuilder sb = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
