package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Credentials for the chosen mode ({@link SettingsRules}) and the demo credentials {@link BridgeProperties} fills in. */
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

    private static List<String> problems(BridgeProperties properties) {
        return SettingsRules.problems(properties);
    }

    @Test
    void refusesToStartWithNothingSetNamingEveryMissingKeyAndVariable() {
        List<String> problems = problems(new BridgeProperties());

        assertThat(problems).containsExactly(
                "bridge.magento.base-url: not set (BRIDGE_MAGENTO_BASE_URL): the Magento store to write to",
                "bridge.magento.auth.type: no Magento credentials set: set the integration's "
                        + "BRIDGE_MAGENTO_CONSUMER_KEY, BRIDGE_MAGENTO_CONSUMER_SECRET, BRIDGE_MAGENTO_ACCESS_TOKEN and "
                        + "BRIDGE_MAGENTO_ACCESS_TOKEN_SECRET (oauth1, what a current store needs), or BRIDGE_MAGENTO_TOKEN "
                        + "(bearer), or BRIDGE_MAGENTO_ADMIN_USERNAME and BRIDGE_MAGENTO_ADMIN_PASSWORD (admin)",
                "bridge.inbound.username: not set, nor bridge.inbound.token (BRIDGE_INBOUND_USERNAME and "
                        + "BRIDGE_INBOUND_PASSWORD, or BRIDGE_INBOUND_TOKEN): the back office's credentials",
                "bridge.ops.username: not set (BRIDGE_OPS_USERNAME and BRIDGE_OPS_PASSWORD): the credentials for /ops");
    }

    @Test
    void namesOnlyWhatIsMissing() {
        BridgeProperties properties = configured();
        properties.getMagento().setToken("  ");

        assertThat(problems(properties)).singleElement().asString()
                .startsWith("bridge.magento.auth.type: no Magento credentials set");
    }

    @Test
    void startsWhenFullyConfigured() {
        BridgeProperties properties = configured();

        assertThat(problems(properties)).isEmpty();
        properties.afterPropertiesSet();
        assertThat(properties.getInbound().getUsername()).isEqualTo("orderflow");
        assertThat(properties.getOps().getPassword()).isEqualTo("ops-secret");
    }

    @Test
    void startsWithAnInboundTokenInsteadOfAUsernameAndPassword() {
        BridgeProperties properties = configured();
        properties.getInbound().setUsername(null);
        properties.getInbound().setPassword(null);
        properties.getInbound().setToken("back-office-token");

        assertThat(problems(properties)).isEmpty();
    }

    @Test
    void demoModeNeedsNoCredentialsAndFillsInTheDemoCredentialsForInboundAndOps() {
        BridgeProperties properties = demo();

        assertThat(problems(properties)).isEmpty();
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

        assertThat(problems(properties)).singleElement().asString()
                .startsWith("bridge.magento.base-url: must not be set in demo mode")
                .contains("BRIDGE_DEMO_ENABLED", "BRIDGE_MAGENTO_BASE_URL");
    }

    @Test
    void refusesAnInboundUsernameWithoutAPassword() {
        BridgeProperties properties = configured();
        properties.getInbound().setPassword(null);
        properties.getInbound().setToken("back-office-token");

        assertThat(problems(properties)).containsExactly("bridge.inbound.password: not set while "
                + "bridge.inbound.username is (BRIDGE_INBOUND_USERNAME and BRIDGE_INBOUND_PASSWORD must be set together)");
    }

    @Test
    void refusesAnInboundPasswordWithoutAUsername() {
        BridgeProperties properties = configured();
        properties.getInbound().setUsername(" ");

        assertThat(problems(properties)).containsExactly("bridge.inbound.username: not set while "
                + "bridge.inbound.password is (BRIDGE_INBOUND_USERNAME and BRIDGE_INBOUND_PASSWORD must be set together)");
    }

    @Test
    void refusesAnOpsUsernameWithoutAPassword() {
        BridgeProperties properties = configured();
        properties.getOps().setPassword("");

        assertThat(problems(properties)).singleElement().asString()
                .startsWith("bridge.ops.password: not set")
                .contains("BRIDGE_OPS_PASSWORD");
    }

    @Test
    void refusesABackOfficeWithoutItsHttpBasicCredentials() {
        BridgeProperties properties = configured();
        properties.getBackoffice().setBaseUrl("https://backoffice.example.com");
        properties.getBackoffice().setType(BridgeProperties.BackOfficeType.JSON);
        properties.getBackoffice().setUsername("bridge");
        properties.getMappings().getOrderStatuses().put("processing", "new");

        assertThat(problems(properties)).containsExactly("bridge.backoffice.password: not set "
                + "(BRIDGE_BACKOFFICE_PASSWORD): the back office at bridge.backoffice.base-url is called with HTTP Basic");
    }

    @Test
    void aBackOfficeThatIsNotCalledNeedsNoCredentials() {
        BridgeProperties properties = configured();
        properties.getBackoffice().setUsername("bridge");

        assertThat(problems(properties)).isEmpty();
    }

    @Test
    void demoModeWithARealBackOfficeNeedsItsCredentials() {
        BridgeProperties properties = demo();
        properties.getBackoffice().setBaseUrl("https://backoffice.example.com");
        properties.getMappings().getOrderStatuses().put("processing", "new");

        assertThat(problems(properties)).extracting(problem -> problem.substring(0, problem.indexOf(':')))
                .containsExactly("bridge.backoffice.username", "bridge.backoffice.password");
    }

    @Test
    void refusesAnAdjustLevelWithoutTheOrderImport() {
        BridgeProperties properties = configured();
        properties.getInventory().setAdjustLevel(1);
        properties.getOrders().getImport().setEnabled(false);

        assertThat(problems(properties)).singleElement().asString()
                .startsWith("bridge.inventory.adjust-level: ")
                .contains("BRIDGE_INVENTORY_ADJUST_LEVEL", " 1 ", "bridge.orders.import.enabled=true");
    }

    @Test
    void acceptsAdjustLevelsWithTheOrderImport() {
        BridgeProperties properties = configured();
        properties.getInventory().setAdjustLevel(2);

        assertThat(problems(properties)).isEmpty();
    }

    @Test
    void listsEveryProblemInOneMessage() {
        BridgeProperties properties = new BridgeProperties();
        properties.getInventory().setAdjustLevel(2);
        properties.getOrders().getImport().setEnabled(false);

        InvalidSettingsException refused = new InvalidSettingsException(problems(properties), false);

        assertThat(refused.problems()).hasSize(5);
        assertThat(refused.getMessage()).startsWith("Invalid bridge configuration:\n - ");
        assertThat(refused.getMessage().split("\n - ")).hasSize(6);
    }

    @Test
    void demoModeRefusesAHalfSetCredentialInsteadOfReplacingIt() {
        BridgeProperties properties = demo();
        properties.getInbound().setUsername("alice");
        properties.getOps().setUsername("bob");

        assertThat(String.join("\n", problems(properties)))
                .contains("BRIDGE_INBOUND_USERNAME and BRIDGE_INBOUND_PASSWORD must be set together")
                .contains("BRIDGE_OPS_USERNAME and BRIDGE_OPS_PASSWORD must be set together");
        properties.afterPropertiesSet();
        assertThat(properties.getInbound().getUsername()).isEqualTo("alice");
        assertThat(properties.getInbound().getPassword()).isNull();
    }
}
