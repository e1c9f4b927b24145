package com.magentobridge.it;

import com.magentobridge.simulator.magento.MagentoSimulator;

/** One Magento simulator per test JVM, shared by every Spring context (they are cached across test classes). */
public final class SharedMagento {

    public static final String TOKEN = "it-integration-token";
    public static final MagentoSimulator SIMULATOR = new MagentoSimulator(TOKEN).start(0);

    private SharedMagento() {
    }
}
