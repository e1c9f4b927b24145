package com.magentobridge.it;

import java.util.Map;

import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * One Magento simulator per test JVM, shared by every Spring context (they are cached across test classes). The ITs'
 * default set-up signs with its integration (oauth1, {@link #OAUTH1}); the few ITs kept in bearer mode send the
 * integration's token ({@link #TOKEN}), which this store allows as a bearer token, as a store with
 * {@code oauth/consumer/enable_integration_as_bearer} on does. Tests of the refusal use a default simulator of their own.
 */
public final class SharedMagento {

    /** The integration's access token (32 characters, as Magento's; OAuth refuses other lengths). */
    public static final String TOKEN = "it0integration0access0token00001";
    public static final MagentoSimulator SIMULATOR = new MagentoSimulator(TOKEN)
            .allowIntegrationTokensAsBearer(true).start(0);

    /** bridge.magento.* settings for oauth1 mode against the shared simulator. */
    public static final Map<String, String> OAUTH1 = Map.of(
            "bridge.magento.consumer-key", SIMULATOR.integration().consumerKey(),
            "bridge.magento.consumer-secret", SIMULATOR.integration().consumerSecret(),
            "bridge.magento.access-token", SIMULATOR.integration().accessToken(),
            "bridge.magento.access-token-secret", SIMULATOR.integration().accessTokenSecret());

    private SharedMagento() {
    }
}
