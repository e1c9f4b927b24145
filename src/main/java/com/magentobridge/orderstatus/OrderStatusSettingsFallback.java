package com.magentobridge.orderstatus;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Until this release the order-status flow read bridge.shipment.batch-size, poll-delay-ms and claim-lease; it now has
 * bridge.orderstatus.*. For one release a shipment value ops set still drives the order-status flow when its own key
 * was not set, and start-up warns naming the new key.
 */
public class OrderStatusSettingsFallback implements EnvironmentPostProcessor {

    static final String[] KEYS = {"batch-size", "poll-delay-ms", "claim-lease"};

    private final Log log;

    public OrderStatusSettingsFallback(DeferredLogFactory logs) {
        this.log = logs.getLog(OrderStatusSettingsFallback.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Map<String, Object> fallback = new LinkedHashMap<>();
        for (String key : KEYS) {
            String old = "bridge.shipment." + key;
            String current = "bridge.orderstatus." + key;
            if (setByOps(environment, old) && !setByOps(environment, current)) {
                fallback.put(current, environment.getProperty(old));
                log.warn(old + " also drives the order-status flow in this release only: set " + current
                        + " (env " + current.toUpperCase().replace('.', '_').replace('-', '_') + ") instead");
            }
        }
        if (!fallback.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("orderstatusFromShipmentSettings", fallback));
        }
    }

    /** Set anywhere but in the defaults packaged in the jar (a working-directory file, the environment, arguments). */
    static boolean setByOps(ConfigurableEnvironment environment, String name) {
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source.containsProperty(name) || source.containsProperty(relaxedEnvName(name))) {
                return !(source instanceof OriginTrackedMapPropertySource && source.getName().contains("class path resource"));
            }
        }
        return false;
    }

    private static String relaxedEnvName(String name) {
        return name.toUpperCase().replace('.', '_').replace('-', '_');
    }
}
