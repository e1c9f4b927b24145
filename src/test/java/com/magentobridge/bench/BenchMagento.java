package com.magentobridge.bench;

import com.magentobridge.simulator.magento.MagentoSimulator;

/** The Magento simulator as the benchmarks run it. */
final class BenchMagento {

    private BenchMagento() {
    }

    /**
     * Started on a free port, without the call log tests assert on: Magento keeps no such log, and the retained
     * request bodies (20,000 calls) made this JVM's young collections take 110–145 ms under load, stalling the writes
     * of the bridge and of the raw client alike. The stock-write log the benchmarks read stays.
     */
    static MagentoSimulator start(String token) {
        // the integration's token is allowed as a bearer token too: the raw reference client and ScaleOutBenchmark send it
        MagentoSimulator magento = new MagentoSimulator(token).allowIntegrationTokensAsBearer(true).start(0);
        magento.setCallLogCapacity(0);
        return magento;
    }
}
