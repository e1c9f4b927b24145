package com.magentobridge.simulator.magento;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For simulator tests: one Magento simulator on a free port per test class, and a client for it. */
abstract class RunningSimulator {

    protected static MagentoSimulator sim;
    protected static SimHttp http;

    @BeforeAll
    static void startSimulator() {
        sim = new MagentoSimulator(SimHttp.TOKEN).allowIntegrationTokensAsBearer(true).start(0);
        http = new SimHttp(sim);
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }
}
