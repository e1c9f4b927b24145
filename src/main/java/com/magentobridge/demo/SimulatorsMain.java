package com.magentobridge.demo;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * The demo's Magento store and back office as a process of their own, for several bridges to share (docker/compose.yaml):
 * the Magento simulator, OrderFlow's import endpoint, and the back office sending inventory and despatches to each
 * bridge in turn. Settings from the environment; started with
 * {@code java -Dloader.main=com.magentobridge.demo.SimulatorsMain -jar magento-bridge.jar}.
 */
public final class SimulatorsMain {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorsMain.class);

    private SimulatorsMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int magentoPort = Integer.parseInt(env("SIM_MAGENTO_PORT", "9000"));
        int orderFlowPort = Integer.parseInt(env("SIM_ORDERFLOW_PORT", "9001"));
        List<String> bridges = Arrays.stream(env("SIM_BRIDGE_URLS", "http://127.0.0.1:8080").split(","))
                .map(String::strip).filter(url -> !url.isEmpty()).toList();
        Duration interval = Duration.parse("PT" + env("SIM_INTERVAL", "5s").toUpperCase(java.util.Locale.ROOT));

        // the demo store's integration; the bridges sign with the same four values (oauth1, docker/compose.yaml)
        MagentoSimulator magento = new MagentoSimulator(new MagentoSimulator.Integration(
                env("SIM_MAGENTO_CONSUMER_KEY", DemoConfiguration.DEMO_INTEGRATION.consumerKey()),
                env("SIM_MAGENTO_CONSUMER_SECRET", DemoConfiguration.DEMO_INTEGRATION.consumerSecret()),
                env("SIM_MAGENTO_ACCESS_TOKEN", DemoConfiguration.DEMO_INTEGRATION.accessToken()),
                env("SIM_MAGENTO_ACCESS_TOKEN_SECRET", DemoConfiguration.DEMO_INTEGRATION.accessTokenSecret())))
                .start("0.0.0.0", magentoPort);
        DemoTraffic.DEMO_SKUS.forEach(magento::addProduct);
        OrderFlowSimulator orderFlow = new OrderFlowSimulator(env("SIM_ORDERFLOW_USERNAME", "demo-orderflow"),
                env("SIM_ORDERFLOW_PASSWORD", "demo-orderflow-password")).start("0.0.0.0", orderFlowPort);
        DemoTraffic traffic = DemoTraffic.start(bridges, env("SIM_BRIDGE_USERNAME", "demo"),
                env("SIM_BRIDGE_PASSWORD", "demo"), magento, orderFlow, interval);
        LOG.warn("SIMULATORS: Magento on port {}, OrderFlow imports on port {}, back office sending every {} to {}",
                magentoPort, orderFlowPort, interval, bridges);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            traffic.close();
            magento.stop();
            orderFlow.stop();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
