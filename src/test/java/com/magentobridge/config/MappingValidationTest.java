package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Mappings that cannot work ({@link SettingsRules}), each problem naming its key; start-up and check-config refuse them. */
class MappingValidationTest {

    /** Fully configured, exporting to a back office, with the mappings application.yaml ships. */
    private static BridgeProperties configured() {
        BridgeProperties properties = new BridgeProperties();
        properties.getMagento().setBaseUrl("https://shop.example.com");
        properties.getMagento().setToken("integration-token");
        properties.getInbound().setUsername("orderflow");
        properties.getInbound().setPassword("inbound-secret");
        properties.getOps().setUsername("ops");
        properties.getOps().setPassword("ops-secret");
        properties.getBackoffice().setBaseUrl("https://backoffice.example.com");
        properties.getBackoffice().setUsername("bridge");
        properties.getBackoffice().setPassword("backoffice-secret");
        properties.getBackoffice().setChannel("web");
        properties.getBackoffice().setOrganisation("acme");
        BridgeProperties.Mappings mappings = properties.getMappings();
        mappings.getOrderStatuses().put("pending", "awaiting payment");
        mappings.getOrderStatuses().put("processing", "new");
        mappings.getOrderStatuses().put("complete", "despatched");
        mappings.getBackOfficeStatuses().put("cancelled", "cancel");
        mappings.getBackOfficeStatuses().put("on hold", "hold");
        mappings.getBackOfficeStatuses().put("released", "unhold");
        mappings.getBackOfficeStatuses().put("despatched", "comment");
        mappings.getPaymentMethods().put("checkmo", "CHEQUE");
        mappings.getPaymentMethods().put("paypal_express", "PAYPAL");
        return properties;
    }

    private static List<String> problems(BridgeProperties properties) {
        return SettingsRules.problems(properties);
    }

    @Test
    void startsWithTheShippedMappings() {
        assertThat(problems(configured())).isEmpty();
    }

    @Test
    void acceptsACommentThatAlsoSetsAMagentoStatus() {
        BridgeProperties properties = configured();
        properties.getMappings().getBackOfficeStatuses().put("delivered", "comment:complete");

        assertThat(problems(properties)).isEmpty();
    }

    @Test
    void refusesAnUnknownBackOfficeActionNamingTheBracketedKey() {
        BridgeProperties properties = configured();
        properties.getMappings().getBackOfficeStatuses().put("on the van", "ship");

        assertThat(problems(properties)).singleElement().asString()
                .startsWith("bridge.mappings.back-office-statuses.[on the van]: ")
                .contains("unknown action 'ship'", "cancel, hold, unhold, comment or comment:<magento status>");
    }

    @Test
    void refusesACommentPrefixWithoutAStatusAndACaseVariant() {
        BridgeProperties properties = configured();
        properties.getMappings().getBackOfficeStatuses().put("noted", "comment:");
        properties.getMappings().getBackOfficeStatuses().put("stopped", "Cancel");

        assertThat(problems(properties)).containsExactlyInAnyOrder(
                "bridge.mappings.back-office-statuses.[noted]: unknown action 'comment:' "
                        + "(use cancel, hold, unhold, comment or comment:<magento status>)",
                "bridge.mappings.back-office-statuses.[stopped]: unknown action 'Cancel' "
                        + "(use cancel, hold, unhold, comment or comment:<magento status>)");
    }

    @Test
    void refusesANonNumericStoreKey() {
        BridgeProperties properties = configured();
        BridgeProperties.StoreMapping store = new BridgeProperties.StoreMapping();
        store.setChannel("web-eu");
        properties.getMappings().getStores().put("default", store);
        properties.getMappings().getStores().put("2", store);

        assertThat(problems(properties)).singleElement().asString()
                .isEqualTo("bridge.mappings.stores.default: store keys are Magento store ids (numbers)");
    }

    @Test
    void refusesAnEmptyPaymentMapping() {
        BridgeProperties properties = configured();
        properties.getMappings().getPaymentMethods().put("klarna", " ");

        assertThat(problems(properties)).singleElement().asString()
                .isEqualTo("bridge.mappings.payment-methods.[klarna]: empty");
    }

    @Test
    void refusesAnEmptyOrderStatusMapping() {
        BridgeProperties properties = configured();
        properties.getMappings().getOrderStatuses().put("holded", "");

        assertThat(problems(properties)).singleElement().asString()
                .isEqualTo("bridge.mappings.order-statuses.[holded]: empty");
    }

    @Test
    void refusesAnExportedStatusWithoutMappingWhenABackOfficeIsConfigured() {
        BridgeProperties properties = configured();
        properties.getOrders().getExport().setStatuses(List.of("processing", "pending_payment"));

        assertThat(problems(properties)).containsExactly("bridge.mappings.order-statuses.[pending_payment]: missing: "
                + "the status is exported (bridge.orders.export.statuses) but has no back-office status");
    }

    @Test
    void refusesAStatusExportedForOneStoreWithoutMappingNamingThatStoresList() {
        BridgeProperties properties = configured();
        BridgeProperties.StoreEligibility store = new BridgeProperties.StoreEligibility();
        store.setStatuses(List.of("processing", "fraud"));
        properties.getOrders().getExport().getStores().put("2", store);

        assertThat(problems(properties)).containsExactly("bridge.mappings.order-statuses.[fraud]: missing: "
                + "the status is exported (bridge.orders.export.stores.2.statuses) but has no back-office status");
    }

    @Test
    void anExportedStatusWithoutMappingIsFineWhenNothingIsExported() {
        BridgeProperties noBackOffice = configured();
        noBackOffice.getBackoffice().setBaseUrl(null);
        noBackOffice.getOrders().getExport().setStatuses(List.of("pending_payment"));
        BridgeProperties exportOff = configured();
        exportOff.getOrders().getExport().setEnabled(false);
        exportOff.getOrders().getExport().setStatuses(List.of("pending_payment"));

        assertThat(problems(noBackOffice)).isEmpty();
        assertThat(problems(exportOff)).isEmpty();
    }

    @Test
    void listsEveryMappingProblemTogetherWithTheOtherSettings() {
        BridgeProperties properties = configured();
        properties.getMagento().setToken(null);
        properties.getMappings().getBackOfficeStatuses().put("lost", "refund");
        properties.getMappings().getPaymentMethods().put("klarna", "");
        properties.getMappings().getStores().put("eu", new BridgeProperties.StoreMapping());
        properties.getOrders().getExport().setStatuses(List.of("fraud"));

        List<String> problems = problems(properties);

        assertThat(problems).hasSize(5);
        assertThat(String.join("\n", problems)).contains("bridge.magento.auth.type", "BRIDGE_MAGENTO_TOKEN",
                "bridge.mappings.back-office-statuses.[lost]", "bridge.mappings.payment-methods.[klarna]",
                "bridge.mappings.stores.eu", "bridge.mappings.order-statuses.[fraud]");
    }

    @Test
    void demoModeChecksTheMappingsToo() {
        BridgeProperties properties = new BridgeProperties();
        properties.getDemo().setEnabled(true);
        properties.getMappings().getBackOfficeStatuses().put("gone", "delete");

        assertThat(problems(properties)).singleElement().asString()
                .startsWith("bridge.mappings.back-office-statuses.[gone]: unknown action 'delete'");
    }
}
