package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class BridgePropertiesTest {

    private static BridgeProperties configured() {
        BridgeProperties properties = new BridgeProperties();
        properties.getMagento().setBaseUrl("https://shop.example.com");
        properties.getMagento().setToken("integration-token");
        properties.getInbound().setUsername("orderflow");
        properties.getInbound().setPassword("inbound-secret");
        properties.getOps().setUsername("ops");
        properties.getOps().setPassword("ops-secret");
        return properties;
    }

    private static BridgeProperties demo() {
        BridgeProperties properties = new BridgeProperties();
        properties.getDemo().setEnabled(true);
        return properties;
    }

    @Test
    void refusesToStartWithNothingSetNamingEveryMissingVariable() {
        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class,
                () -> new BridgeProperties().afterPropertiesSet());

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("BRIDGE_MAGENTO_BASE_URL", "BRIDGE_MAGENTO_TOKEN",
                "BRIDGE_INBOUND_USERNAME", "BRIDGE_INBOUND_TOKEN", "BRIDGE_OPS_USERNAME", "BRIDGE_OPS_PASSWORD");
        assertThat(refused.problems()).hasSize(4);
        assertThat(refused.demo()).isFalse();
    }

    @Test
    void namesOnlyWhatIsMissing() {
        BridgeProperties properties = configured();
        properties.getMagento().setToken("  ");

        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class,
                properties::afterPropertiesSet);

        assertThat(refused.problems()).singleElement().asString().startsWith("BRIDGE_MAGENTO_TOKEN");
        assertThat(refused.getMessage()).doesNotContain("BRIDGE_MAGENTO_BASE_URL", "BRIDGE_OPS_USERNAME");
    }

    @Test
    void startsWhenFullyConfigured() {
        BridgeProperties properties = configured();

        assertThatCode(properties::afterPropertiesSet).doesNotThrowAnyException();
        assertThat(properties.getInbound().getUsername()).isEqualTo("orderflow");
        assertThat(properties.getOps().getPassword()).isEqualTo("ops-secret");
    }

    @Test
    void startsWithAnInboundTokenInsteadOfAUsernameAndPassword() {
        BridgeProperties properties = configured();
        properties.getInbound().setUsername(null);
        properties.getInbound().setPassword(null);
        properties.getInbound().setToken("back-office-token");

        assertThatCode(properties::afterPropertiesSet).doesNotThrowAnyException();
    }

    @Test
    void demoModeFillsInTheDemoCredentialsForInboundAndOps() {
        BridgeProperties properties = demo();

        properties.afterPropertiesSet();

        assertThat(properties.getInbound().getUsername()).isEqualTo(BridgeProperties.DEMO_CREDENTIAL).isEqualTo("demo");
        assertThat(properties.getInbound().getPassword()).isEqualTo("demo");
        assertThat(properties.getOps().getUsername()).isEqualTo("demo");
        assertThat(properties.getOps().getPassword()).isEqualTo("demo");
    }

    @Test
    void demoModeKeepsCredentialsThatWereSet() {
        BridgeProperties properties = demo();
        properties.getInbound().setToken("back-office-token");
        properties.getOps().setUsername("alice");
        properties.getOps().setPassword("wonderland");

        properties.afterPropertiesSet();

        assertThat(properties.getInbound().getUsername()).isNull();
        assertThat(properties.getInbound().getToken()).isEqualTo("back-office-token");
        assertThat(properties.getOps().getUsername()).isEqualTo("alice");
        assertThat(properties.getOps().getPassword()).isEqualTo("wonderland");
    }

    @Test
    void refusesDemoModeWithAStoreBaseUrl() {
        BridgeProperties properties = demo();
        properties.getMagento().setBaseUrl("https://shop.example.com");

        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class,
                properties::afterPropertiesSet);

        assertThat(refused.getMessage()).contains("BRIDGE_DEMO_ENABLED", "BRIDGE_MAGENTO_BASE_URL");
        assertThat(refused.problems()).hasSize(1);
        assertThat(refused.demo()).isTrue();
    }

    @Test
    void refusesAnInboundUsernameWithoutAPassword() {
        BridgeProperties properties = configured();
        properties.getInbound().setPassword(null);
        properties.getInbound().setToken("back-office-token");

        assertThatThrownBy(properties::afterPropertiesSet)
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("BRIDGE_INBOUND_USERNAME and BRIDGE_INBOUND_PASSWORD must be set together");
    }

    @Test
    void refusesAnInboundPasswordWithoutAUsername() {
        BridgeProperties properties = configured();
        properties.getInbound().setUsername(" ");

        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class,
                properties::afterPropertiesSet);

        assertThat(refused.getMessage()).contains("BRIDGE_INBOUND_USERNAME and BRIDGE_INBOUND_PASSWORD must be set together");
    }

    @Test
    void refusesAnOpsUsernameWithoutAPassword() {
        BridgeProperties properties = configured();
        properties.getOps().setPassword("");

        assertThatThrownBy(properties::afterPropertiesSet)
                .isInstanceOf(InvalidSettingsException.class)
                .hasMessageContaining("BRIDGE_OPS_PASSWORD");
    }

    @Test
    void refusesAnAdjustLevelWithoutTheOrderImport() {
        BridgeProperties properties = configured();
        properties.getInventory().setAdjustLevel(1);
        properties.getOrders().getImport().setEnabled(false);

        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class,
                properties::afterPropertiesSet);

        assertThat(refused.problems()).singleElement().asString()
                .contains("BRIDGE_INVENTORY_ADJUST_LEVEL", "bridge.inventory.adjust-level", " 1 ",
                        "bridge.orders.import.enabled=true");
    }

    @Test
    void acceptsAdjustLevelsWithTheOrderImport() {
        BridgeProperties properties = configured();
        properties.getInventory().setAdjustLevel(2);

        properties.afterPropertiesSet();

        assertThat(properties.getInventory().getAdjustLevel()).isEqualTo(2);
    }

    @Test
    void listsEveryProblemInOneMessage() {
        BridgeProperties properties = new BridgeProperties();
        properties.getInventory().setAdjustLevel(2);
        properties.getOrders().getImport().setEnabled(false);

        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class,
                properties::afterPropertiesSet);

        assertThat(refused.problems()).hasSize(5);
        assertThat(refused.getMessage()).startsWith("Invalid bridge configuration:\n - ");
        assertThat(refused.getMessage().split("\n - ")).hasSize(6);
    }

    @Test
    void demoModeRefusesAHalfSetCredentialInsteadOfReplacingIt() {
        BridgeProperties properties = demo();
        properties.getInbound().setUsername("alice");
        properties.getOps().setUsername("bob");

        InvalidSettingsException refused = catchThrowableOfType(InvalidSettingsException.class, properties::afterPropertiesSet);

        assertThat(refused.getMessage())
                .contains("BRIDGE_INBOUND_USERNAME and BRIDGE_INBOUND_PASSWORD must be set together")
                .contains("BRIDGE_OPS_USERNAME and BRIDGE_OPS_PASSWORD must be set together");
    }
}
