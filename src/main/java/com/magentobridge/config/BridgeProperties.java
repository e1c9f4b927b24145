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

    public Demo getDemo() { return demo; }
    public Magento getMagento() { return magento; }
    public Inbound getInbound() { return inbound; }
    public Ops getOps() { return ops; }
    public Inventory getInventory() { return inventory; }
    public Shipment getShipment() { return shipment; }
    public Mappings getMappings() { return mappings; }

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
        if (inventory.getAdjustLevel() > 0) {
            problems.add("BRIDGE_INVENTORY_ADJUST_LEVEL (bridge.inventory.adjust-level) " + inventory.getAdjustLevel()
                    + " needs the order ledger of the order import flow, which this version does not have yet; use 0");
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems, demo.isEnabled());
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

        public java.util.Map<String, String> getCouriers() { return couriers; }
        public void setCouriers(java.util.Map<String, String> couriers) { this.couriers = couriers; }
        public String getDefaultCarrier() { return defaultCarrier; }
        public void setDefaultCarrier(String defaultCarrier) { this.defaultCarrier = defaultCarrier; }
    }

    static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
