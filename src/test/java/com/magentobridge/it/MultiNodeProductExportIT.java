package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * Two bridges on one PostgreSQL export one catalogue to one back office: "run now" on both nodes at once, several times
 * each, polls the same products and claims from the same ledger on both, and still each product reaches the back office
 * exactly once. (The cron is off: Quartz's clustered store fires it on one node at a time, so it races less than this.)
 * The catalogue and the back office are this test's own (not the shared simulators), so everything the back office
 * received came from these two nodes and these products.
 */
class MultiNodeProductExportIT {

    private static final int PRODUCTS = 300;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern PRODUCT_IMPORT = Pattern.compile(
            "<import type=\"product\" operation=\"merge\" externalReference=\"([^\"]+)\">");

    private static final MagentoSimulator MAGENTO = new MagentoSimulator(SharedMagento.TOKEN).start(0);
    private static final OrderFlowSimulator ORDERFLOW =
            new OrderFlowSimulator(SharedBackOffice.USER, SharedBackOffice.PASSWORD).start(0);

    private static final List<String> SKUS = new ArrayList<>();
    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void twoNodesAndACatalogue() {
        String url = SharedPostgres.jdbcUrl("multinode_products");
        nodeA = start("a", url);
        nodeB = start("b", url);
        jdbc = nodeB.getBean(JdbcTemplate.class);
        for (int i = 0; i < PRODUCTS; i++) {
            String sku = "MNP-%03d".formatted(i);
            MAGENTO.newProduct(sku).name("Cluster product " + i).price(String.valueOf(10 + i % 7)).create();
            SKUS.add(sku);
        }
        // calls that take a moment keep both nodes' runs busy at the same time
        ORDERFLOW.latency(Duration.ofMillis(50));
    }

    @AfterAll
    static void stopAll() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
        MAGENTO.stop();
        ORDERFLOW.stop();
    }

    private static ConfigurableApplicationContext start(String name, String url) {
        return InJvmBridge.on(url, "bridge-products-cluster", "CamelServletProductNode" + name)
                .with("bridge.magento.base-url", MAGENTO.baseUrl())
                .with("bridge.magento.consumer-key", MAGENTO.integration().consumerKey())
                .with("bridge.magento.consumer-secret", MAGENTO.integration().consumerSecret())
                .with("bridge.magento.access-token", MAGENTO.integration().accessToken())
                .with("bridge.magento.access-token-secret", MAGENTO.integration().accessTokenSecret())
                .with("spring.datasource.username", "postgres")
                .with("spring.datasource.password", "postgres")
                .with("bridge.node-name", "products-node-" + name)
                .with("bridge.backoffice.base-url", ORDERFLOW.baseUrl())
                .with("bridge.backoffice.username", SharedBackOffice.USER)
                .with("bridge.backoffice.password", SharedBackOffice.PASSWORD)
                .with("bridge.backoffice.organisation", "it-org")
                .with("bridge.backoffice.channel", "it-channel")
                .with("bridge.products.enabled", "true")
                .with("bridge.products.export.cron", "0 0 0 1 1 ? 2099")
                .with("bridge.products.sweep.cron", "0 0 0 1 1 ? 2099")
                .with("bridge.products.export.batch-size", "10")
                .with("bridge.products.import.page-size", "40")
                .with("bridge.cluster.checkin-interval-ms", "1000")
                .start();
    }

    private static BridgeClient client(ConfigurableApplicationContext node) {
        return new BridgeClient(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
    }

    /** "Run now" on both nodes at once, {@code rounds} times each; every run answers 200. */
    private static void runNowOnBothAtOnce(int rounds) throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<BridgeClient.Reply>> replies = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                for (BridgeClient node : List.of(client(nodeA), client(nodeB))) {
                    replies.add(callers.submit(() -> node.opsPost("/ops/products/run", "")));
                }
            }
            for (Future<BridgeClient.Reply> reply : replies) {
                assertThat(reply.get().status()).as(reply.get().body()).isEqualTo(200);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    /** Per external reference, how many times the back office took it (answered 200: merged or duplicate). */
    private static Map<String, Integer> receivedPerReference() {
        Map<String, Integer> counts = new TreeMap<>();
        for (OrderFlowSimulator.Received call : ORDERFLOW.received()) {
            if (call.status() != 200) {
                continue;
            }
            Matcher product = PRODUCT_IMPORT.matcher(call.body());
            while (product.find()) {
                counts.merge(product.group(1), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static double exportedBy(ConfigurableApplicationContext node) {
        return PrometheusScrape.of(client(node)).samples("bridge_messages_total",
                Map.of("flow", "products-export", "result", "applied")).stream()
                .mapToDouble(PrometheusScrape.Sample::value).sum();
    }

    @Test
    void bothNodesExportingAtOnceSendEachProductToTheBackOfficeExactlyOnce() throws Exception {
        runNowOnBothAtOnce(3);

        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM product_ledger WHERE export_state = 'EXPORTED'", Integer.class))
                .isEqualTo(PRODUCTS));
        // and again once everything is exported: nothing changed, nothing is sent
        runNowOnBothAtOnce(2);

        Map<String, Integer> received = receivedPerReference();
        assertThat(received.keySet()).as("every product reached the back office").containsExactlyElementsOf(
                SKUS.stream().sorted().toList());
        assertThat(received).as("each product received once").allSatisfy((sku, times) ->
                assertThat(times).as(sku).isEqualTo(1));
        assertThat(ORDERFLOW.productImportCount()).isEqualTo(PRODUCTS);
        assertThat(jdbc.queryForList("SELECT export_state, COUNT(*) AS n FROM product_ledger GROUP BY export_state"))
                .as("every product EXPORTED, none FAILED, PENDING or QUEUED")
                .containsExactly(Map.of("export_state", "EXPORTED", "n", (long) PRODUCTS));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product_ledger", Integer.class))
                .as("one ledger row per product (one destination)").isEqualTo(PRODUCTS);
        double byA = exportedBy(nodeA);
        double byB = exportedBy(nodeB);
        assertThat(byA + byB).as("products exported by node a (%s) and node b (%s)", byA, byB).isEqualTo(PRODUCTS);
        assertThat(byA).as("node a exported some").isPositive();
        assertThat(byB).as("node b exported some").isPositive();
    }
}
