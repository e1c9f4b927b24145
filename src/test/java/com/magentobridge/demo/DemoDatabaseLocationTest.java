package com.magentobridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Demo mode and a real start in the same folder never share the default database file. */
class DemoDatabaseLocationTest {

    private static String urlAfter(Map<String, Object> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.yaml", settings));
        new DemoDatabaseLocation().postProcessEnvironment(environment, new SpringApplication());
        return environment.getProperty("spring.datasource.url");
    }

    @Test
    void demoModeWritesItsOwnFileInsteadOfTheDefault() {
        assertThat(urlAfter(Map.of("bridge.demo.enabled", "true", "spring.datasource.url", DemoDatabaseLocation.DEFAULT_URL)))
                .isEqualTo("jdbc:h2:file:./data/magento-bridge-demo");
    }

    @Test
    void aRealStartKeepsTheDefaultFile() {
        assertThat(urlAfter(Map.of("spring.datasource.url", DemoDatabaseLocation.DEFAULT_URL)))
                .isEqualTo("jdbc:h2:file:./data/magento-bridge");
    }

    @Test
    void aUrlOpsChoseIsKeptInDemoMode() {
        assertThat(urlAfter(Map.of("bridge.demo.enabled", "true", "spring.datasource.url", "jdbc:h2:file:/tmp/try")))
                .isEqualTo("jdbc:h2:file:/tmp/try");
    }

    @Test
    void theDefaultItReplacesIsTheShippedOne() throws Exception {
        assertThat(Files.readString(Path.of("application.yaml"))).contains("url: " + DemoDatabaseLocation.DEFAULT_URL + "\n");
    }
}
