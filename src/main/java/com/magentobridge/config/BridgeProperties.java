package com.magentobridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Every ops-facing setting under {@code bridge.*}; defaults and comments live in application.yaml. */
@Validated
@ConfigurationProperties(prefix = "bridge")
public class BridgeProperties implements InitializingBean {

    /** Demo mode's credentials for the back office and ops; never used outside demo mode. */
    public static final String DEMO_CREDENTIAL = "demo";

    @Valid private final Demo demo = new Demo();
    @Valid private final Magento magento = new Magento();
    @Valid private final Inbound inbound = new Inbound();
    @Valid private final Ops ops = new Ops();
    @Valid private final Inventory inventory = new Inventory();
    @Valid private final Shipment shipment = new Shipment();
    @Valid private final OrderStatus orderstatus = new OrderStatus();
    @Valid private final Mappings mappings = new Mappings();
    @Valid private final Orders orders = new Orders();
    @Valid private final Products products = new Products();
    @Valid private final BackOffice backoffice = new BackOffice();
    @Valid private final Retention retention = new Retention();
    @Valid private final Cluster cluster = new Cluster();
    /** This instance's name in claims and in the Quartz cluster; blank = pid@host. A per-start suffix is added. */
    private String nodeName;
    @Valid private final Retry retry = new Retry();
    @Valid private final Health health = new Health();

    public Demo getDemo() { return demo; }
    public Magento getMagento() { return magento; }
    public Inbound getInbound() { return inbound; }
    public Ops getOps() { return ops; }
    public Inventory getInventory() { return inventory; }
    public Shipment getShipment() { return shipment; }
    public OrderStatus getOrderstatus() { return orderstatus; }
    public Mappings getMappings() { return mappings; }
    public Orders getOrders() { return orders; }
    public Products getProducts() { return products; }
    public BackOffice getBackoffice() { return backoffice; }
    public Retention getRetention() { return retention; }
    public Cluster getCluster() { return cluster; }
    public String getNodeName() { return nodeName; }
    public void setNodeName(String nodeName) { this.nodeName = blankToNull(nodeName); }
    public Retry getRetry() { return retry; }
    public Health getHealth() { return health; }

    /**
     * In demo mode only, fills in the demo credentials that were left unset. Whether the settings can work at all is
     * {@link ConfigurationCheck}'s to say, before this bean is bound.
     */
    @Override
    public void afterPropertiesSet() {
        if (!demo.isEnabled()) {
            return;
        }
        if (!notBlank(inbound.getUsername()) && !notBlank(inbound.getPassword()) && !inbound.hasToken()) {
            inbound.setUsername(DEMO_CREDENTIAL);
            inbound.setPassword(DEMO_CREDENTIAL);
        }
        if (!notBlank(ops.getUsername()) && !notBlank(ops.getPassword())) {
            ops.setUsername(DEMO_CREDENTIAL);
            ops.setPassword(DEMO_CREDENTIAL);
        }
    }

    /** What a back-office status can make the bridge do in Magento. */
    public static final class OrderAction {
        private OrderAction() {
        }

        public static boolean isValid(String action) {
            if (action == null) {
                return false;
            }
            String value = action.trim();
            return value.equals("cancel") || value.equals("hold") || value.equals("unhold") || value.equals("comment")
                    || value.startsWith("comment:") && value.length() > "comment:".length();
        }
    }

    public static class Demo {
        private boolean enabled;
        private Duration backOfficeInterval = Duration.ofSeconds(5);
        private int magentoPort;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public Duration getBackOfficeInterval() { return backOfficeInterval; }
        public void setBackOfficeInterval(Duration backOfficeInterval) { this.backOfficeInterval = backOfficeInterval; }
        public int getMagentoPort() { return magentoPort; }
        public void setMagentoPort(int magentoPort) { this.magentoPort = magentoPort; }
    }

    public enum InventoryApi { MSI, LEGACY }

    /** How the bridge authenticates to Magento ({@code bridge.magento.auth.type}); unset = chosen by which values are set. */
    public enum MagentoAuthType { OAUTH1, BEARER, ADMIN }

    public static class Magento {
        private String baseUrl;
        private String token;
        @Valid private final Auth auth = new Auth();
        private String consumerKey;
        private String consumerSecret;
        private String accessToken;
        private String accessTokenSecret;
        private String adminUsername;
        private String adminPassword;
        @NotNull @DurationMin(seconds = 1) private Duration adminTokenLifetime = Duration.ofHours(4);
        private String storeCode = "all";
        @NotNull private InventoryApi inventoryApi = InventoryApi.MSI;
        private String sourceCode = "default";
        @Min(1) @Max(1000) private int chunkSize = 20;
        @Min(1) @Max(64) private int maxConcurrentWrites = 4;
        @Min(1) @Max(256) private int maxConnections = 8;
        @NotNull private Duration connectTimeout = Duration.ofSeconds(5);
        @NotNull private Duration readTimeout = Duration.ofSeconds(30);

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getToken() { return token; }
        public void setToken(String token) { this.token = token; }
        public Auth getAuth() { return auth; }
        public String getConsumerKey() { return consumerKey; }
        public void setConsumerKey(String consumerKey) { this.consumerKey = consumerKey; }
        public String getConsumerSecret() { return consumerSecret; }
        public void setConsumerSecret(String consumerSecret) { this.consumerSecret = consumerSecret; }
        public String getAccessToken() { return accessToken; }
        public void setAccessToken(String accessToken) { this.accessToken = accessToken; }
        public String getAccessTokenSecret() { return accessTokenSecret; }
        public void setAccessTokenSecret(String accessTokenSecret) { this.accessTokenSecret = accessTokenSecret; }
        public String getAdminUsername() { return adminUsername; }
        public void setAdminUsername(String adminUsername) { this.adminUsername = adminUsername; }
        public String getAdminPassword() { return adminPassword; }
        public void setAdminPassword(String adminPassword) { this.adminPassword = adminPassword; }
        /**
         * The mode in force: {@code bridge.magento.auth.type} when set, else the one whose values are set (oauth1 when
         * any of its four is, then bearer, then admin); null when none is. {@link SettingsRules} refuses the ambiguous
         * and half-set cases before anything runs.
         */
        public MagentoAuthType effectiveAuthType() {
            if (auth.getType() != null) {
                return auth.getType();
            }
            if (hasAnyOauth1Value()) {
                return MagentoAuthType.OAUTH1;
            }
            if (notBlank(token)) {
                return MagentoAuthType.BEARER;
            }
            if (notBlank(adminUsername) || notBlank(adminPassword)) {
                return MagentoAuthType.ADMIN;
            }
            return null;
        }

        public boolean hasAnyOauth1Value() {
            return notBlank(consumerKey) || notBlank(consumerSecret) || notBlank(accessToken) || notBlank(accessTokenSecret);
        }

        public Duration getAdminTokenLifetime() { return adminTokenLifetime; }
        public void setAdminTokenLifetime(Duration adminTokenLifetime) { this.adminTokenLifetime = adminTokenLifetime; }
        public String getStoreCode() { return storeCode; }
        public void setStoreCode(String storeCode) { this.storeCode = storeCode; }
        public InventoryApi getInventoryApi() { return inventoryApi; }
        public void setInventoryApi(InventoryApi inventoryApi) { this.inventoryApi = inventoryApi; }
        public String getSourceCode() { return sourceCode; }
        public void setSourceCode(String sourceCode) { this.sourceCode = sourceCode; }
        public int getChunkSize() { return chunkSize; }
        public void setChunkSize(int chunkSize) { this.chunkSize = chunkSize; }
        public int getMaxConcurrentWrites() { return maxConcurrentWrites; }
        public void setMaxConcurrentWrites(int maxConcurrentWrites) { this.maxConcurrentWrites = maxConcurrentWrites; }
        public int getMaxConnections() { return maxConnections; }
        public void setMaxConnections(int maxConnections) { this.maxConnections = maxConnections; }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getReadTimeout() { return readTimeout; }
        public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
    }

    /** {@code bridge.magento.auth}: the chosen mode, when the values set do not make it plain. */
    public static class Auth {
        private MagentoAuthType type;

        public MagentoAuthType getType() { return type; }
        public void setType(MagentoAuthType type) { this.type = type; }
    }

    /**
     * Retry policy of the flows that call Magento or the back office: {@code bridge.retry.default} and, per flow under
     * {@code bridge.retry.flows.<flow>}, overrides of any of its fields (a field left unset is the default's).
     */
    public static class Retry {
        /** The flows that retry, as they are named under bridge.retry.flows, in /ops/flows and in dead letters. */
        public static final java.util.List<String> FLOWS = java.util.List.of("inventory", "shipment", "orderstatus",
                "orders-export");

        @Valid private final RetrySettings defaults = RetrySettings.defaults();
        @Valid private final RetryFlows flows = new RetryFlows();

        /** bridge.retry.default ({@code default} is a Java keyword, hence the field's name). */
        public RetrySettings getDefault() { return defaults; }
        public RetryFlows getFlows() { return flows; }
    }

    /** One property per flow rather than a map, so that BRIDGE_RETRY_FLOWS_ORDERS_EXPORT_… binds like any setting. */
    public static class RetryFlows {
        @Valid private final RetrySettings inventory = new RetrySettings();
        @Valid private final RetrySettings shipment = new RetrySettings();
        @Valid private final RetrySettings orderstatus = new RetrySettings();
        @Valid private final RetrySettings ordersExport = new RetrySettings();

        public RetrySettings getInventory() { return inventory; }
        public RetrySettings getShipment() { return shipment; }
        public RetrySettings getOrderstatus() { return orderstatus; }
        public RetrySettings getOrdersExport() { return ordersExport; }

        /** The overrides of a flow named as in {@link Retry#FLOWS}. */
        public RetrySettings of(String flow) {
            return switch (flow) {
                case "inventory" -> inventory;
                case "shipment" -> shipment;
                case "orderstatus" -> orderstatus;
                case "orders-export" -> ordersExport;
                default -> throw new IllegalArgumentException("Unknown flow '" + flow + "'; flows with a retry policy: "
                        + Retry.FLOWS);
            };
        }
    }

    /**
     * Redeliveries with exponential backoff and jitter, and which HTTP statuses are transient (retried; no answer at
     * all always is) — any other status is parked at once. A null field means "as bridge.retry.default".
     */
    public static class RetrySettings {
        @Min(0) private Integer maxRedeliveries;
        private Duration initialDelay;
        @jakarta.validation.constraints.DecimalMin("1.0") private Double multiplier;
        private Duration maxDelay;
        @jakarta.validation.constraints.DecimalMin("0.0") @jakarta.validation.constraints.DecimalMax("1.0")
        private Double jitter;
        private java.util.List<@Min(100) @Max(599) Integer> transientStatuses;
        private java.util.List<@Min(100) @Max(599) Integer> permanentStatuses;

        /** The values of bridge.retry.default when application.yaml does not set them. */
        static RetrySettings defaults() {
            RetrySettings settings = new RetrySettings();
            settings.maxRedeliveries = 5;
            settings.initialDelay = Duration.ofMillis(500);
            settings.multiplier = 2.0;
            settings.maxDelay = Duration.ofSeconds(30);
            settings.jitter = 0.2;
            settings.transientStatuses = new ArrayList<>(java.util.List.of(408, 429, 500, 502, 503, 504));
            settings.permanentStatuses = new ArrayList<>();
            return settings;
        }

        public Integer getMaxRedeliveries() { return maxRedeliveries; }
        public void setMaxRedeliveries(Integer maxRedeliveries) { this.maxRedeliveries = maxRedeliveries; }
        public Duration getInitialDelay() { return initialDelay; }
        public void setInitialDelay(Duration initialDelay) { this.initialDelay = initialDelay; }
        public Double getMultiplier() { return multiplier; }
        public void setMultiplier(Double multiplier) { this.multiplier = multiplier; }
        public Duration getMaxDelay() { return maxDelay; }
        public void setMaxDelay(Duration maxDelay) { this.maxDelay = maxDelay; }
        public Double getJitter() { return jitter; }
        public void setJitter(Double jitter) { this.jitter = jitter; }
        public java.util.List<Integer> getTransientStatuses() { return transientStatuses; }
        public void setTransientStatuses(java.util.List<Integer> transientStatuses) { this.transientStatuses = transientStatuses; }
        public java.util.List<Integer> getPermanentStatuses() { return permanentStatuses; }
        public void setPermanentStatuses(java.util.List<Integer> permanentStatuses) { this.permanentStatuses = permanentStatuses; }
    }

    /** Credentials the back office must present on /soap and /rest. */
    public static class Inbound {
        private String username;
        private String password;
        private String token;
        @Min(1024) private long maxBodyBytes = 5L * 1024 * 1024;
        /** How long a call may wait for the database before it is refused (pool wait; on PostgreSQL each read too). */
        @NotNull @DurationMin(millis = 250, message = "must be at least 250ms (the pool's shortest wait)")
        @DurationMax(minutes = 1, message = "must be at most 1m") private Duration storeTimeout = Duration.ofSeconds(2);

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getToken() { return token; }
        public void setToken(String token) { this.token = token; }
        public long getMaxBodyBytes() { return maxBodyBytes; }
        public void setMaxBodyBytes(long maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; }
        public Duration getStoreTimeout() { return storeTimeout; }
        public void setStoreTimeout(Duration storeTimeout) { this.storeTimeout = storeTimeout; }
        public boolean hasBasic() { return notBlank(username) && notBlank(password); }
        public boolean hasToken() { return notBlank(token); }
    }

    /** Credentials for everything under /ops. */
    public static class Ops {
        private String username;
        private String password;

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public boolean hasBasic() { return notBlank(username) && notBlank(password); }
    }

    public static class Inventory {
        @Min(1) @Max(10_000) private int batchSize = 50;
        @Min(10) private long pollDelayMs = 500;
        @Min(100) private long sequenceFoldDelayMs = 60_000;
        @NotNull private Duration claimLease = Duration.ofMinutes(5);
        private boolean allowNegative;
        @Min(0) @Max(2) private int adjustLevel;
        private List<String> unsentOrderStatuses = new ArrayList<>(List.of("pending", "processing"));
        @NotNull private Duration unsentOrderCutoff = Duration.ofDays(7);
        @NotNull private Duration activeQuoteCutoff = Duration.ofDays(2);

        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public long getPollDelayMs() { return pollDelayMs; }
        public long getSequenceFoldDelayMs() { return sequenceFoldDelayMs; }
        public void setSequenceFoldDelayMs(long sequenceFoldDelayMs) { this.sequenceFoldDelayMs = sequenceFoldDelayMs; }
        public void setPollDelayMs(long pollDelayMs) { this.pollDelayMs = pollDelayMs; }
        public Duration getClaimLease() { return claimLease; }
        public void setClaimLease(Duration claimLease) { this.claimLease = claimLease; }
        public boolean isAllowNegative() { return allowNegative; }
        public void setAllowNegative(boolean allowNegative) { this.allowNegative = allowNegative; }
        public int getAdjustLevel() { return adjustLevel; }
        public void setAdjustLevel(int adjustLevel) { this.adjustLevel = adjustLevel; }
        public List<String> getUnsentOrderStatuses() { return unsentOrderStatuses; }
        public void setUnsentOrderStatuses(List<String> unsentOrderStatuses) { this.unsentOrderStatuses = unsentOrderStatuses; }
        public Duration getUnsentOrderCutoff() { return unsentOrderCutoff; }
        public void setUnsentOrderCutoff(Duration unsentOrderCutoff) { this.unsentOrderCutoff = unsentOrderCutoff; }
        public Duration getActiveQuoteCutoff() { return activeQuoteCutoff; }
        public void setActiveQuoteCutoff(Duration activeQuoteCutoff) { this.activeQuoteCutoff = activeQuoteCutoff; }
    }

    /** How a flow that applies its messages one by one claims them (bridge.shipment.*, bridge.orderstatus.*). */
    public static class JobBatching {
        @Min(1) @Max(10_000) private int batchSize = 100;
        @Min(10) private long pollDelayMs = 1000;
        @NotNull private Duration claimLease = Duration.ofMinutes(5);

        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public long getPollDelayMs() { return pollDelayMs; }
        public void setPollDelayMs(long pollDelayMs) { this.pollDelayMs = pollDelayMs; }
        public Duration getClaimLease() { return claimLease; }
        public void setClaimLease(Duration claimLease) { this.claimLease = claimLease; }
    }

    public static class Shipment extends JobBatching { }

    public static class OrderStatus extends JobBatching { }


    /** Ops-edited mappings between the back office's vocabulary and Magento's. */
    public static class Mappings {
        private java.util.Map<String, String> couriers = new java.util.LinkedHashMap<>();
        @jakarta.validation.constraints.NotBlank private String defaultCarrier = "custom";
        private java.util.Map<String, String> orderStatuses = new java.util.LinkedHashMap<>();
        private java.util.Map<String, String> backOfficeStatuses = new java.util.LinkedHashMap<>();
        private java.util.Map<String, String> paymentMethods = new java.util.LinkedHashMap<>();
        private java.util.Map<String, StoreMapping> stores = new java.util.LinkedHashMap<>();

        public java.util.Map<String, String> getCouriers() { return couriers; }
        public void setCouriers(java.util.Map<String, String> couriers) { this.couriers = couriers; }
        public String getDefaultCarrier() { return defaultCarrier; }
        public void setDefaultCarrier(String defaultCarrier) { this.defaultCarrier = defaultCarrier; }
        /** Magento order status → back-office status. */
        public java.util.Map<String, String> getOrderStatuses() { return orderStatuses; }
        public void setOrderStatuses(java.util.Map<String, String> orderStatuses) { this.orderStatuses = orderStatuses; }
        /** Back-office status → Magento action: cancel, hold, unhold, or "comment" / "comment:<magento status>". */
        public java.util.Map<String, String> getBackOfficeStatuses() { return backOfficeStatuses; }
        public void setBackOfficeStatuses(java.util.Map<String, String> backOfficeStatuses) { this.backOfficeStatuses = backOfficeStatuses; }
        /** Magento payment method code → back-office payment code. */
        public java.util.Map<String, String> getPaymentMethods() { return paymentMethods; }
        public void setPaymentMethods(java.util.Map<String, String> paymentMethods) { this.paymentMethods = paymentMethods; }
        /** Magento store id → back-office channel, organisation and site (MSI source). */
        public java.util.Map<String, StoreMapping> getStores() { return stores; }
        public void setStores(java.util.Map<String, StoreMapping> stores) { this.stores = stores; }
    }

    public static class StoreMapping {
        private String channel;
        private String organisation;
        private String site;

        public String getChannel() { return channel; }
        public void setChannel(String channel) { this.channel = blankToNull(channel); }
        public String getOrganisation() { return organisation; }
        public void setOrganisation(String organisation) { this.organisation = blankToNull(organisation); }
        public String getSite() { return site; }
        public void setSite(String site) { this.site = blankToNull(site); }
    }

    public enum BackOfficeType { ORDERFLOW, JSON }

    /** Where orders are exported to. */
    public static class BackOffice {
        @NotNull private BackOfficeType type = BackOfficeType.ORDERFLOW;
        private String baseUrl;
        private String username;
        private String password;
        private String organisation;
        private String channel;
        @NotNull private Duration connectTimeout = Duration.ofSeconds(5);
        @NotNull private Duration readTimeout = Duration.ofSeconds(60);

        public BackOfficeType getType() { return type; }
        public void setType(BackOfficeType type) { this.type = type; }
        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getOrganisation() { return organisation; }
        public void setOrganisation(String organisation) { this.organisation = blankToNull(organisation); }
        public String getChannel() { return channel; }
        public void setChannel(String channel) { this.channel = blankToNull(channel); }
        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getReadTimeout() { return readTimeout; }
        public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
        public boolean isConfigured() { return notBlank(baseUrl); }
    }

    /** Order import (Magento → ledger) and export (ledger → back office). */
    public static class Orders {
        private final Import importing = new Import();
        @Valid private final Export export = new Export();

        /** Validated through the getter so a violation is reported under the key's name, "import". */
        @Valid public Import getImport() { return importing; }
        public Export getExport() { return export; }
    }

    public static class Import extends Poll {
        private boolean enabled = true;
        @jakarta.validation.constraints.NotBlank private String cron = "0 * * * * ?";
        private java.util.List<String> stores = new java.util.ArrayList<>(java.util.List.of("all"));

        public Import() {
            super(100);
        }

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public java.util.List<String> getStores() { return stores; }
        public void setStores(java.util.List<String> stores) { this.stores = stores; }
    }

    /** A poll of Magento on updated_at: where it starts without a cursor, its overlap and page size. */
    public abstract static class Poll {
        private java.time.Instant since;
        @NotNull private Duration overlap = Duration.ofSeconds(60);
        @Min(1) @Max(300) private int pageSize;

        protected Poll(int pageSize) {
            this.pageSize = pageSize;
        }

        public java.time.Instant getSince() { return since; }
        public void setSince(java.time.Instant since) { this.since = since; }
        public Duration getOverlap() { return overlap; }
        public void setOverlap(Duration overlap) { this.overlap = overlap; }
        public int getPageSize() { return pageSize; }
        public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    }

    public static class Export extends Batches {
        private boolean enabled = true;
        private java.util.List<String> statuses = new java.util.ArrayList<>(java.util.List.of("processing"));
        private boolean requireInvoiced = true;
        private java.time.Instant minCreatedAt;

        public Export() {
            super("30 * * * * ?", 50);
        }

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public java.util.List<String> getStatuses() { return statuses; }
        public void setStatuses(java.util.List<String> statuses) { this.statuses = statuses; }
        public boolean isRequireInvoiced() { return requireInvoiced; }
        public void setRequireInvoiced(boolean requireInvoiced) { this.requireInvoiced = requireInvoiced; }
        public java.time.Instant getMinCreatedAt() { return minCreatedAt; }
        public void setMinCreatedAt(java.time.Instant minCreatedAt) { this.minCreatedAt = minCreatedAt; }
        /** Per Magento store id, eligibility that differs from the defaults above (unset fields keep the default). */
        public java.util.Map<String, StoreEligibility> getStores() { return stores; }
        public void setStores(java.util.Map<String, StoreEligibility> stores) { this.stores = stores; }

        private java.util.Map<String, StoreEligibility> stores = new java.util.LinkedHashMap<>();

        /** The eligibility rules of a store: its overrides, else the defaults. */
        public StoreEligibility eligibilityFor(int storeId) {
            StoreEligibility own = stores.get(Integer.toString(storeId));
            StoreEligibility rules = new StoreEligibility();
            rules.setStatuses(own != null && own.getStatuses() != null ? own.getStatuses() : statuses);
            rules.setRequireInvoiced(own != null && own.getRequireInvoiced() != null ? own.getRequireInvoiced() : requireInvoiced);
            rules.setMinCreatedAt(own != null && own.getMinCreatedAt() != null ? own.getMinCreatedAt() : minCreatedAt);
            return rules;
        }
    }

    /** Product export (Magento catalogue → back office): poll, batches, reconciliation sweep, mapping. */
    public static class Products {
        /** Null: on when a back office is configured (BRIDGE_BACKOFFICE_BASE_URL). */
        private Boolean enabled;
        @Valid private final ProductExport export = new ProductExport();
        @Valid private final ProductImport importing = new ProductImport();
        @Valid private final ProductSweep sweep = new ProductSweep();
        private boolean images = true;
        /** Back-office key → Magento attribute (a product field or a custom attribute code); blank drops a key. */
        private java.util.Map<String, String> fields = defaultFields();

        /** The mapping the OrderFlow extension sent, plus the image (turned off with {@code images}). */
        public static java.util.Map<String, String> defaultFields() {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("externalReference", "sku");
            fields.put("description", "name");
            fields.put("weight", "weight");
            fields.put("priceNet", "price");
            fields.put("sellable", "status");
            fields.put("priceGross", "price");
            fields.put("magentoType", "type_id");
            fields.put("imageReference", "image");
            return fields;
        }

        /** The keys OrderFlow's product import takes (its API documentation and the older extension). */
        public static final java.util.List<String> ORDERFLOW_PRODUCT_KEYS = java.util.List.of("externalReference",
                "description", "type", "weight", "priceNet", "sellable", "priceGross", "magentoType", "imageReference",
                "category", "barcode", "tax", "taxCode", "currency", "weightUnits", "length", "width", "height", "area",
                "volume");

        /**
         * A known key in OrderFlow's spelling whatever its case: an environment variable such as
         * BRIDGE_PRODUCTS_FIELDS_IMAGEREFERENCE reaches the map as "imagereference"; other keys stay as given.
         */
        static String knownFieldSpelling(String key) {
            return ORDERFLOW_PRODUCT_KEYS.stream().filter(known -> known.equalsIgnoreCase(key)).findFirst().orElse(key);
        }

        public Boolean getEnabled() { return enabled; }
        public void setEnabled(Boolean enabled) { this.enabled = enabled; }
        /** Whether the product export runs: as set, else whether a back office is configured. */
        public boolean isOn(BackOffice backOffice) { return enabled != null ? enabled : backOffice.isConfigured(); }
        public ProductExport getExport() { return export; }
        /** Validated through the getter so a violation is reported under the key's name, "import". */
        @Valid public ProductImport getImport() { return importing; }
        public ProductSweep getSweep() { return sweep; }
        public boolean isImages() { return images; }
        public void setImages(boolean images) { this.images = images; }
        public java.util.Map<String, String> getFields() { return fields; }
        /** Keys given replace the default's (a blank value removes one); keys not given keep their default. */
        public void setFields(java.util.Map<String, String> fields) {
            java.util.Map<String, String> merged = defaultFields();
            fields.forEach((given, attribute) -> {
                String key = knownFieldSpelling(given);
                if (attribute == null || attribute.isBlank()) {
                    merged.remove(key);
                } else {
                    merged.put(key, attribute.strip());
                }
            });
            this.fields = merged;
        }
    }

    public static class ProductExport extends Batches {
        public ProductExport() {
            super("0 * * * * ?", 100);
        }
    }

    /** Export batches to the back office: their schedule, size, history bodies and claim lease. */
    public abstract static class Batches {
        @jakarta.validation.constraints.NotBlank private String cron;
        @Min(1) @Max(1000) private int batchSize;
        private boolean keepBodies = true;
        @NotNull private Duration claimLease = Duration.ofMinutes(5);

        protected Batches(String cron, int batchSize) {
            this.cron = cron;
            this.batchSize = batchSize;
        }

        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public boolean isKeepBodies() { return keepBodies; }
        public void setKeepBodies(boolean keepBodies) { this.keepBodies = keepBodies; }
        public Duration getClaimLease() { return claimLease; }
        public void setClaimLease(Duration claimLease) { this.claimLease = claimLease; }
    }

    public static class ProductImport extends Poll {
        public ProductImport() {
            super(300);
        }
    }

    public static class ProductSweep {
        @jakarta.validation.constraints.NotBlank private String cron = "0 30 2 * * ?";

        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
    }

    /** Export eligibility of one store; a null field means "as bridge.orders.export". */
    public static class StoreEligibility {
        private java.util.List<String> statuses;
        private Boolean requireInvoiced;
        private java.time.Instant minCreatedAt;

        public java.util.List<String> getStatuses() { return statuses; }
        public void setStatuses(java.util.List<String> statuses) { this.statuses = statuses; }
        public Boolean getRequireInvoiced() { return requireInvoiced; }
        public void setRequireInvoiced(Boolean requireInvoiced) { this.requireInvoiced = requireInvoiced; }
        public java.time.Instant getMinCreatedAt() { return minCreatedAt; }
        public void setMinCreatedAt(java.time.Instant minCreatedAt) { this.minCreatedAt = minCreatedAt; }
    }

    /** Several instances on one PostgreSQL: Quartz's clustered job store (README "Running several instances"). */
    public static class Cluster {
        /** Quartz's scheduler name: the same on every instance of one cluster. */
        @NotNull private String name = "magento-bridge";
        /** How often an instance checks in; the polls of an instance silent for longer are fired by another. */
        @Min(500) private long checkinIntervalMs = 7500;

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public long getCheckinIntervalMs() { return checkinIntervalMs; }
        public void setCheckinIntervalMs(long checkinIntervalMs) { this.checkinIntervalMs = checkinIntervalMs; }
    }

    /** The retention job: how long each kind of record is kept, when the job runs, and its batch size. */
    public static class Retention {
        private boolean enabled = true;
        @jakarta.validation.constraints.NotBlank private String cron = "0 30 3 * * ?";
        @Min(1) private int rawBodyDays = 5;
        @Min(1) private int processedDays = 30;
        @Min(1) private int deadLetterDays = 30;
        @Min(1) @Max(10_000) private int batchSize = 1000;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public int getRawBodyDays() { return rawBodyDays; }
        public void setRawBodyDays(int rawBodyDays) { this.rawBodyDays = rawBodyDays; }
        public int getProcessedDays() { return processedDays; }
        public void setProcessedDays(int processedDays) { this.processedDays = processedDays; }
        public int getDeadLetterDays() { return deadLetterDays; }
        public void setDeadLetterDays(int deadLetterDays) { this.deadLetterDays = deadLetterDays; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }

        /**
         * How long an idempotency key is kept at least: as long as the longest-kept record of its message (its request
         * or a dead letter), so a message re-sent while the bridge still shows it is a duplicate, not a new message.
         */
        public int idempotencyKeyDays() { return Math.max(processedDays, deadLetterDays); }
    }

    /** How long the Magento and back-office health checks reuse their last answer (probes and scrapes are frequent). */
    public static class Health {
        @NotNull private Duration magentoCache = Duration.ofSeconds(30);
        @NotNull private Duration backOfficeCache = Duration.ofSeconds(60);

        public Duration getMagentoCache() { return magentoCache; }
        public void setMagentoCache(Duration magentoCache) { this.magentoCache = magentoCache; }
        public Duration getBackOfficeCache() { return backOfficeCache; }
        public void setBackOfficeCache(Duration backOfficeCache) { this.backOfficeCache = backOfficeCache; }
    }

    /** An empty value in application.yaml (or an empty env var) means "not set". */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
