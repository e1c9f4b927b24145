package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.magentobridge.BridgeApplication;
import com.magentobridge.simulator.magento.MagentoSimulator;

/** Demo mode as {@code BRIDGE_DEMO_ENABLED=true} runs it: the bridge signs every call to its simulated store (oauth1). */
class DemoModeIT {

    @Test
    void theDemoSignsItsCallsAndItsStockUpdatesReachTheStore() {
        ConfigurableApplicationContext demo = new SpringApplicationBuilder(BridgeApplication.class).run(
                "--bridge.demo.enabled=true", "--server.port=0",
                "--spring.datasource.url=jdbc:h2:mem:demo-mode;DB_CLOSE_DELAY=-1",
                "--camel.main.name=bridge-demo-it", "--camel.main.jmx-enabled=false",
                "--camel.servlet.mapping.servlet-name=CamelServletDemo", "--camel.main.shutdown-timeout=2",
                "--bridge.demo.back-office-interval=500ms", "--bridge.health.magento-cache=100ms");
        try {
            MagentoSimulator store = demo.getBean(MagentoSimulator.class);
            BridgeClient ops = new BridgeClient(Integer.parseInt(demo.getEnvironment().getProperty("local.server.port")));

            // the demo store refuses bearer tokens, as a 2.4.8 store does: a stock write it took was signed
            await().atMost(Duration.ofSeconds(60)).until(() -> !store.stockWrites().isEmpty());
            assertThat(ops.get("/actuator/health").status()).isEqualTo(200);
            assertThat(store.calls().stream().filter(call -> call.path().endsWith("source-items")).map(call -> call.status()))
                    .isNotEmpty().allMatch(status -> status == 200);
            assertThat(demo.getBean(com.magentobridge.magento.MagentoClient.class).authenticationMode()).isEqualTo("oauth1");
        } finally {
            demo.close();
        }
    }
}
