package com.magentobridge.it;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

import com.magentobridge.BridgeApplication;

/**
 * A whole bridge that an IT starts and stops itself in the test JVM (not a cached test context): on a random port, on
 * the given database, writing to the shared Magento simulator, with the ITs' inbound and ops credentials, quick
 * inventory polls and no order export, plus the settings the test adds or overrides with {@link #with}. The settings
 * are passed as command-line arguments: they outrank the packaged application.yaml, as an operator's settings do.
 */
final class InJvmBridge {

    private final Map<String, Object> properties = new LinkedHashMap<>();

    private InJvmBridge() {
    }

    /**
     * The settings every such bridge has. {@code camelName} names its Camel context; {@code servletName} its Camel
     * servlet, which must differ between the bridges running in one JVM.
     */
    static InJvmBridge on(String databaseUrl, String camelName, String servletName) {
        InJvmBridge bridge = new InJvmBridge();
        SharedMagento.OAUTH1.forEach(bridge::with);
        return bridge
                .with("server.port", "0")
                .with("spring.datasource.url", databaseUrl)
                .with("camel.main.name", camelName)
                .with("camel.main.jmx-enabled", "false")
                .with("camel.servlet.mapping.servlet-name", servletName)
                .with("camel.main.shutdown-timeout", "2")
                .with("bridge.magento.base-url", SharedMagento.SIMULATOR.baseUrl())
                .with("bridge.inbound.username", BridgeClient.INBOUND_USER)
                .with("bridge.inbound.password", BridgeClient.INBOUND_PASSWORD)
                .with("bridge.ops.username", BridgeClient.OPS_USER)
                .with("bridge.ops.password", BridgeClient.OPS_PASSWORD)
                .with("bridge.inventory.poll-delay-ms", "50")
                .with("bridge.orders.export.enabled", "false");
    }

    /** Adds one setting, or overrides one of the common ones. */
    InJvmBridge with(String key, Object value) {
        properties.put(key, value);
        return this;
    }

    /** Drops common settings, e.g. the oauth1 values for a bridge in another authentication mode. */
    InJvmBridge without(Iterable<String> keys) {
        keys.forEach(properties::remove);
        return this;
    }

    /** Starts the bridge with these settings, {@code listeners} seeing its application events from the first. */
    ConfigurableApplicationContext start(ApplicationListener<?>... listeners) {
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(BridgeApplication.class).listeners(listeners).run(args);
    }
}
