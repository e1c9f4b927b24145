package com.magentobridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Exactly one complete way to authenticate to Magento. */
class MagentoAuthSettingsTest {

    private final BridgeProperties.Magento magento = new BridgeProperties().getMagento();

    private void oauth1() {
        magento.setConsumerKey("k");
        magento.setConsumerSecret("s");
        magento.setAccessToken("t");
        magento.setAccessTokenSecret("ts");
    }

    @Test
    void theFourOauthValuesChooseOauth1() {
        oauth1();
        assertThat(SettingsRules.magentoAuthProblems(magento)).isEmpty();
        assertThat(magento.effectiveAuthType()).isEqualTo(BridgeProperties.MagentoAuthType.OAUTH1);
    }

    @Test
    void aTokenAloneChoosesBearerAndAnEmptyTokenCountsAsUnset() {
        magento.setToken("abc");
        assertThat(magento.effectiveAuthType()).isEqualTo(BridgeProperties.MagentoAuthType.BEARER);

        oauth1();
        magento.setToken("");
        assertThat(SettingsRules.magentoAuthProblems(magento)).isEmpty();
        assertThat(magento.effectiveAuthType()).isEqualTo(BridgeProperties.MagentoAuthType.OAUTH1);
    }

    @Test
    void aHalfSetModeNamesTheMissingVariable() {
        oauth1();
        magento.setAccessTokenSecret(" ");
        assertThat(SettingsRules.magentoAuthProblems(magento)).containsExactly("bridge.magento.auth.type: oauth1 is half "
                + "set: BRIDGE_MAGENTO_ACCESS_TOKEN_SECRET is not set (the integration's four values, from System > "
                + "Extensions > Integrations)");

        BridgeProperties.Magento admin = new BridgeProperties().getMagento();
        admin.setAdminUsername("bridge");
        assertThat(SettingsRules.magentoAuthProblems(admin)).singleElement().asString()
                .contains("admin is half set: BRIDGE_MAGENTO_ADMIN_PASSWORD is not set");
    }

    @Test
    void twoModesAtOnceAreRefused() {
        oauth1();
        magento.setToken("abc");
        assertThat(SettingsRules.magentoAuthProblems(magento)).singleElement().asString()
                .contains("values of two modes are set at once", "BRIDGE_MAGENTO_TOKEN", "BRIDGE_MAGENTO_CONSUMER_KEY");
    }

    @Test
    void aChosenModeNeedsItsOwnValues() {
        magento.getAuth().setType(BridgeProperties.MagentoAuthType.ADMIN);
        magento.setToken("abc");
        assertThat(SettingsRules.magentoAuthProblems(magento)).singleElement().asString()
                .contains("admin (BRIDGE_MAGENTO_AUTH_TYPE) but the values set are bearer's (BRIDGE_MAGENTO_TOKEN)");

        BridgeProperties.Magento bearer = new BridgeProperties().getMagento();
        bearer.getAuth().setType(BridgeProperties.MagentoAuthType.BEARER);
        assertThat(SettingsRules.magentoAuthProblems(bearer)).containsExactly(
                "bridge.magento.auth.type: bearer is chosen but BRIDGE_MAGENTO_TOKEN is not set");
    }
}
