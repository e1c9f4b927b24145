package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.NestedExceptionUtils;

import com.magentobridge.BridgeApplication;

/** The real application refuses to start on settings that cannot work, with the lines check-config prints. */
class StartupRefusalTest {

    private static Throwable start(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:refusal;DB_CLOSE_DELAY=-1",
                "--camel.servlet.mapping.servlet-name=CamelServletRefusal"));
        all.addAll(List.of(arguments));
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(BridgeApplication.class)
                .run(all.toArray(String[]::new)).close());
        return NestedExceptionUtils.getMostSpecificCause(failure);
    }

    @Test
    void bridgeWithoutStoreOrCredentialsRefusesToStartNamingTheSettings() {
        Throwable root = start("--bridge.demo.enabled=false");

        assertThat(root).isInstanceOf(InvalidSettingsException.class);
        assertThat(root.getMessage()).contains("BRIDGE_MAGENTO_BASE_URL", "BRIDGE_MAGENTO_TOKEN",
                "BRIDGE_INBOUND_USERNAME", "BRIDGE_OPS_USERNAME");
        FailureAnalysis analysis = new InvalidSettingsFailureAnalyzer().analyze(root);
        assertThat(analysis.getDescription()).isEqualTo(root.getMessage());
        assertThat(analysis.getAction()).contains("check-config", "BRIDGE_DEMO_ENABLED=true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unknown-key.yaml", "duplicate-key.yaml", "unknown-action.yaml", "bad-values.yaml"})
    void aBrokenFileIsRefusedWithTheLinesCheckConfigPrints(String file) {
        String fixture = ConfigCheckCommandTest.FIXTURES + file;
        List<String> checkConfig = ConfigCheckCommandTest.checkConfig(ConfigCheckCommandTest.DEPLOYMENT, fixture).lines();

        // the deployment's environment, given as arguments: a test cannot set environment variables
        Throwable root = start("--spring.config.location=optional:classpath:/,file:" + fixture,
                "--bridge.magento.base-url=https://shop.example.com", "--bridge.magento.token=integration-token-secret",
                "--bridge.inbound.username=orderflow", "--bridge.inbound.password=inbound-secret",
                "--bridge.ops.username=ops", "--bridge.ops.password=ops-secret",
                "--bridge.backoffice.base-url=https://backoffice.example.com", "--bridge.backoffice.username=bridge",
                "--bridge.backoffice.password=backoffice-secret");

        assertThat(root).isInstanceOf(InvalidSettingsException.class);
        assertThat(((InvalidSettingsException) root).problems()).isNotEmpty().isEqualTo(checkConfig);
    }

    @Test
    void aTypoOnTheCommandLineIsRefusedToo() {
        Throwable root = start("--bridge.demo.enabled=true", "--bridge.inventory.batch-sise=10");

        assertThat(root).isInstanceOf(InvalidSettingsException.class);
        assertThat(((InvalidSettingsException) root).problems())
                .containsExactly("bridge.inventory.batch-sise: unknown key");
        assertThat(((InvalidSettingsException) root).demo()).isTrue();
    }
}
