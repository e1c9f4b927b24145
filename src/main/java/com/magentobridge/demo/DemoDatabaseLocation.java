package com.magentobridge.demo;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Demo mode keeps its own database file: with the packaged default URL it writes {@code ./data/magento-bridge-demo}
 * instead of {@code ./data/magento-bridge}, so a real start in the same folder never opens the demo's data. A URL ops
 * set themselves is kept (and checked by {@code storage.DatabaseMode}).
 */
public class DemoDatabaseLocation implements EnvironmentPostProcessor {

    static final String DEFAULT_URL = "jdbc:h2:file:./data/magento-bridge";
    static final String DEMO_URL = "jdbc:h2:file:./data/magento-bridge-demo";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean demo = Boolean.parseBoolean(environment.getProperty("bridge.demo.enabled", "false"));
        if (demo && DEFAULT_URL.equals(environment.getProperty("spring.datasource.url"))) {
            environment.getPropertySources().addFirst(
                    new MapPropertySource("demoDatabase", Map.of("spring.datasource.url", DEMO_URL)));
        }
    }
}
