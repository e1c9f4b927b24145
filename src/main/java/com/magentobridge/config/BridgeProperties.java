package com.magentobridge.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
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
    @Valid private final Mappings mappings = new Mappings();
    @Valid private final Orders orders = new Orders();
    @Valid private final BackOffice backoffice = new BackOffice();

    public Demo getDemo() { return demo; }
    public Magento getMagento() { return magento; }
    public Inbound getInbound() { return inbound; }
    public Ops getOps() { return ops; }
    public Inventory getInventory() { return inventory; }
    public Shipment getShipment() { return shipment; }
    public Mappings getMappings() { return mappings; }
    public Orders getOrders() { return orders; }
    public BackOffice getBackoffice() { return backoffice; }

    /**
     * Refuses a configuration that would run without a store or without credentials, naming every missing
     * setting by its environment variable; in demo mode only, fills in the demo credentials.
     */
    @Override
    public void afterPropertiesSet() {
        List<String> problems = new ArrayList<>();
        if (notBlank(inbound.getUsername()) != notBlank(inbound.getPassword())) {
            problems.add("BRIDGE_INBOUND_USERNAME and BRIDGE_INBOUND_PASSWORD must be set together");
        }
        if (notBlank(ops.getUsername()) != notBlank(ops.getPassword())) {
            problems.add("BRIDGE_OPS_USERNAME and BRIDGE_OPS_PASSWORD must be set together");
        }
        if (demo.isEnabled()) {
            if (notBlank(magento.getBaseUrl())) {
                problems.add("BRIDGE_DEMO_ENABLED=true conflicts with BRIDGE_MAGENTO_BASE_URL (bridge.magento.base-url): "
                        + "demo mode talks to the built-in simulator only; unset one of them");
            }
            if (problems.isEmpty() && !inbound.hasBasic() && !inbound.hasToken()) {
                inbound.setUsername(DEMO_CREDENTIAL);
                inbound.setPassword(DEMO_CREDENTIAL);
            }
            if (problems.isEmpty() && !ops.hasBasic()) {
                ops.setUsername(DEMO_CREDENTIAL);
                ops.setPassword(DEMO_CREDENTIAL);
            }
        } else {
            if (!notBlank(magento.getBaseUrl())) {
                problems.add("BRIDGE_MAGENTO_BASE_URL (bridge.magento.base-url) is not set: the Magento store to write to");
            }
            if (!notBlank(magento.getToken())) {
                problems.add("BRIDGE_MAGENTO_TOKEN (bridge.magento.token) is not set: the integration token for Magento's REST API");
            }
            if (!inbound.hasBasic() && !inbound.hasToken() && notBlank(inbound.getUsername()) == notBlank(inbound.getPassword())) {
                problems.add("BRIDGE_INBOUND_USERNAME and BRIDGE_INBOUND_PASSWORD (bridge.inbound.username/password), "
                        + "or BRIDGE_INBOUND_TOKEN (bridge.inbound.token), are not set: the back office's credentials");
            }
            if (!ops.hasBasic() && notBlank(ops.getUsername()) == notBlank(ops.getPassword())) {
                problems.add("BRIDGE_OPS_USERNAME and BRIDGE_OPS_PASSWORD (bridge.ops.username/password) are not set: "
                        + "the credentials for /ops");
            }
        }
        if (inventory.getAdjustLevel() > 0 && !orders.getImport().isEnabled()) {
            problems.add("BRIDGE_INVENTORY_ADJUST_LEVEL (bridge.inventory.adjust-level) " + inventory.getAdjustLevel()
                    + " subtracts orders not exported yet, which needs the order import "
                    + "(bridge.orders.import.enabled=true)");
        }
        problems.addAll(mappingProblems());
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems, demo.isEnabled());
        }
    }

    /** Mapping files that cannot work: each problem names its key. */
    List<String> mappingProblems() {
        List<String> problems = new ArrayList<>();
        mappings.getBackOfficeStatuses().forEach((status, action) -> {
            if (!OrderAction.isValid(action)) {
                problems.add("bridge.mappings.back-office-statuses.[" + status + "]: unknown action '" + action
                        + "' (use cancel, hold, unhold, comment or comment:<magento status>)");
            }
        });
        boolean exporting = orders.getExport().isEnabled() && backoffice.isConfigured();
        java.util.Set<String> exported = new java.util.LinkedHashSet<>(orders.getExport().getStatuses());
        orders.getExport().getStores().values().forEach(store -> {
            if (store.getStatuses() != null) {
                exported.addAll(store.getStatuses());
            }
        });
        orders.getExport().getStores().keySet().forEach(store -> {
            if (!store.matches("\\d+")) {
                problems.add("bridge.orders.export.stores." + store + ": store keys are Magento store ids (numbers)");
            }
        });
        for (String status : exporting ? exported : java.util.Set.<String>of()) {
            if (!mappings.getOrderStatuses().containsKey(status)) {
                problems.add("bridge.mappings.order-statuses.[" + status + "] is missing: the status is exported "
                        + "(bridge.orders.export.statuses) but has no back-office status");
            }
        }
        mappings.getStores().keySet().forEach(store -> {
            if (!store.matches("\\d+")) {
                problems.add("bridge.mappings.stores." + store + ": store keys are Magento store ids (numbers)");
            }
        });
        mappings.getOrderStatuses().forEach((status, value) -> {
            if (value == null || value.isBlank()) {
                problems.add("bridge.mappings.order-statuses.[" + status + "] is empty");
            }
        });
        mappings.getPaymentMethods().forEach((method, value) -> {
            if (value == null || value.isBlank()) {
                problems.add("bridge.mappings.payment-methods.[" + method + "] is empty");
            }
        });
        return problems;
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

    public static class Magento {
        private String baseUrl;
        private String token;
        private String storeCode = "all";
        @NotNull private InventoryApi inventoryApi = InventoryApi.MSI;
        private String sourceCode = "default";
        @Min(1) @Max(1000) private int chunkSize = 20;
        @Min(1) @Max(64) private int maxConcurrentWrites = 4;
        @Min(1) @Max(256) private int maxConnections = 8;
        @NotNull private Duration connectTimeout = Duration.ofSeconds(5);
        @NotNull private Duration readTimeout = Duration.ofSeconds(30);
        @Valid private final Retry retry = new Retry();

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public String getToken() { return token; }
        public void setToken(String token) { this.token = token; }
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
        public Retry getRetry() { return retry; }
    }

    /** Redelivery of transient Magento failures (timeouts, 5xx, 429) before an exchange is dead-lettered. */
    public static class Retry {
        @Min(0) private int maxRedeliveries = 5;
        @Min(0) private long initialDelayMs = 500;
        @Min(1) private double multiplier = 2.0;
        @Min(0) private long maxDelayMs = 30_000;
        @Min(0) @Max(1) private double jitter = 0.2;

        public int getMaxRedeliveries() { return maxRedeliveries; }
        public void setMaxRedeliveries(int maxRedeliveries) { this.maxRedeliveries = maxRedeliveries; }
        public long getInitialDelayMs() { return initialDelayMs; }
        public void setInitialDelayMs(long initialDelayMs) { this.initialDelayMs = initialDelayMs; }
        public double getMultiplier() { return multiplier; }
        public void setMultiplier(double multiplier) { this.multiplier = multiplier; }
        public long getMaxDelayMs() { return maxDelayMs; }
        public void setMaxDelayMs(long maxDelayMs) { this.maxDelayMs = maxDelayMs; }
        public double getJitter() { return jitter; }
        public void setJitter(double jitter) { this.jitter = jitter; }
    }

    /** Credentials the back office must present on /soap and /rest. */
    public static class Inbound {
        private String username;
        private String password;
        private String token;
        @Min(1024) private long maxBodyBytes = 5L * 1024 * 1024;

        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public String getToken() { return token; }
        public void setToken(String token) { this.token = token; }
        public long getMaxBodyBytes() { return maxBodyBytes; }
        public void setMaxBodyBytes(long maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; }
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

    public static class Shipment {
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
        @Valid private final Import importing = new Import();
        @Valid private final Export export = new Export();

        public Import getImport() { return importing; }
        public Export getExport() { return export; }
    }

    public static class Import {
        private boolean enabled = true;
        @jakarta.validation.constraints.NotBlank private String cron = "0 * * * * ?";
        private java.util.List<String> stores = new java.util.ArrayList<>(java.util.List.of("all"));
        private java.time.Instant since;
        @NotNull private Duration overlap = Duration.ofSeconds(60);
        @Min(1) @Max(300) private int pageSize = 100;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public java.util.List<String> getStores() { return stores; }
        public void setStores(java.util.List<String> stores) { this.stores = stores; }
        public java.time.Instant getSince() { return since; }
        public void setSince(java.time.Instant since) { this.since = since; }
        public Duration getOverlap() { return overlap; }
        public void setOverlap(Duration overlap) { this.overlap = overlap; }
        public int getPageSize() { return pageSize; }
        public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    }

    public static class Export {
        private boolean enabled = true;
        @jakarta.validation.constraints.NotBlank private String cron = "30 * * * * ?";
        @Min(1) @Max(1000) private int batchSize = 50;
        private java.util.List<String> statuses = new java.util.ArrayList<>(java.util.List.of("processing"));
        private boolean requireInvoiced = true;
        private java.time.Instant minCreatedAt;
        private boolean keepBodies = true;
        @NotNull private Duration claimLease = Duration.ofMinutes(5);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getCron() { return cron; }
        public void setCron(String cron) { this.cron = cron; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public java.util.List<String> getStatuses() { return statuses; }
        public void setStatuses(java.util.List<String> statuses) { this.statuses = statuses; }
        public boolean isRequireInvoiced() { return requireInvoiced; }
        public void setRequireInvoiced(boolean requireInvoiced) { this.requireInvoiced = requireInvoiced; }
        public java.time.Instant getMinCreatedAt() { return minCreatedAt; }
        public void setMinCreatedAt(java.time.Instant minCreatedAt) { this.minCreatedAt = minCreatedAt; }
        public boolean isKeepBodies() { return keepBodies; }
        public void setKeepBodies(boolean keepBodies) { this.keepBodies = keepBodies; }
        public Duration getClaimLease() { return claimLease; }
        public void setClaimLease(Duration claimLease) { this.claimLease = claimLease; }
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

    @Valid private final Health health = new Health();

    public Health getHealth() { return health; }

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
