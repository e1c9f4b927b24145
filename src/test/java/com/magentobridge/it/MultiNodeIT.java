package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.magentobridge.ops.RequestAudit;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.StockWrite;

/**
 * Two bridge instances on one PostgreSQL and one Magento: every request processed once, newest wins per SKU across
 * nodes, one import poll at a time cluster-wide, and the work of a node that stops mid-batch finished by the other
 * (taken over once a call the stopped node abandoned could no longer land: one Magento answer window after its liveness
 * lock is gone, or at the 4 s lease set here; see PostgresCrashIT and PostgresInFlightIT for a node killed outright).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeIT {

    private static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SHIPMENT_PATH = "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";
    private static final AtomicLong IDS = new AtomicLong(7_000_000_000L + System.nanoTime() % 1_000_000_000L);
    private static final Instant STARTED = Instant.now().minusSeconds(1);

    private static ConfigurableApplicationContext nodeA;
    private static ConfigurableApplicationContext nodeB;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void startTwoNodes() {
        String url = SharedPostgres.jdbcUrl("multinode");
        nodeA = start("a", url);
        nodeB = start("b", url);
        jdbc = nodeB.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stopNodes() {
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
        MAGENTO.faults().reset();
    }

    private static ConfigurableApplicationContext start(String name, String url) {
        return InJvmBridge.on(url, "bridge-cluster", "CamelServletNode" + name)
                .with("spring.datasource.username", "postgres")
                .with("spring.datasource.password", "postgres")
                .with("bridge.node-name", "node-" + name)
                .with("bridge.magento.read-timeout", "5s")
                .with("bridge.retry.default.max-redeliveries", "1000")
                .with("bridge.retry.default.initial-delay", "50ms")
                .with("bridge.retry.default.max-delay", "200ms")
                .with("bridge.inbound.token", BridgeClient.INBOUND_TOKEN)
                .with("bridge.inventory.batch-size", "20")
                .with("bridge.inventory.claim-lease", "4s")
                .with("bridge.shipment.poll-delay-ms", "50")
                .with("bridge.shipment.claim-lease", "4s")
                .with("bridge.orderstatus.poll-delay-ms", "50")
                .with("bridge.orderstatus.claim-lease", "4s")
                .with("bridge.orders.import.enabled", "true")
                .with("bridge.orders.import.cron", "* * * * * ?")
                .with("bridge.orders.import.since", STARTED.toString())
                .with("bridge.orders.import.page-size", "20")
                .with("bridge.cluster.checkin-interval-ms", "1000")
                .start();
    }

    private static BridgeClient client(ConfigurableApplicationContext node) {
        return new BridgeClient(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
    }

    private static String sku(String name) {
        String sku = "MN-" + name + "-" + IDS.incrementAndGet();
        MAGENTO.addProduct(sku);
        return sku;
    }

    @Test
    @Order(1)
    void shuffledMessagesToTwoNodesAreAcceptedOnceAndTheHighestSequenceWinsPerSku() throws Exception {
        Random random = new Random(7);
        List<String> skus = ShuffledStock.skus(30, i -> sku("inv" + i));
        ShuffledStock stock = ShuffledStock.generate(random, skus, 1000, 6, 10_000_000, IDS::incrementAndGet);
        List<String> envelopes = stock.envelopes();
        List<Long> messageIds = stock.messageIds();
        Map<String, Long> highestSeq = stock.highestSeq();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < envelopes.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        List<Integer> duplicated = order.subList(0, 100);

        BridgeClient a = client(nodeA);
        BridgeClient b = client(nodeB);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<BridgeClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                String envelope = envelopes.get(order.get(i));
                BridgeClient node = i % 2 == 0 ? a : b;
                replies.add(senders.submit(() -> node.soap("/soap/default", envelope)));
            }
            // the same 100 messages again, each to both nodes at once
            for (int index : duplicated) {
                String envelope = envelopes.get(index);
                replies.add(senders.submit(() -> a.soap("/soap/default", envelope)));
                replies.add(senders.submit(() -> b.soap("/soap/default", envelope)));
            }
            for (Future<BridgeClient.Reply> reply : replies) {
                assertThat(reply.get().body()).contains("Success - Message");
            }
        } finally {
            senders.shutdownNow();
        }

        String ids = String.join(",", messageIds.stream().map(String::valueOf).toList());
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM inbound_request WHERE message_seq_id IN (%s) AND state IN ('RECEIVED', 'PROCESSING')"""
                .formatted(ids), Integer.class)).isZero());
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM inbound_request WHERE message_seq_id IN (%s) AND state <> 'DUPLICATE'""".formatted(ids),
                Integer.class)).as("one accepted request per messageSeqId").isEqualTo(1000);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(DISTINCT message_seq_id) FROM inbound_request WHERE message_seq_id IN (%s) AND state <> 'DUPLICATE'"""
                .formatted(ids), Integer.class)).isEqualTo(1000);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM inbound_request WHERE message_seq_id IN (%s) AND state = 'DUPLICATE'"
                .formatted(ids), Integer.class)).as("every re-sent copy stored as a duplicate").isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT claimed_by) FROM inbound_request WHERE message_seq_id IN (%s)"
                .formatted(ids), Integer.class)).as("both nodes processed requests").isEqualTo(2);

        List<StockWrite> writes = MAGENTO.stockWrites();
        for (String sku : highestSeq.keySet()) {
            assertThat(MAGENTO.sourceQuantity(sku, "default")).as("final quantity of %s", sku)
                    .isEqualByComparingTo(BigDecimal.valueOf(highestSeq.get(sku)));
            List<BigDecimal> written = writes.stream().filter(w -> w.sku().equals(sku)).map(StockWrite::quantity).toList();
            assertThat(written).as("writes of %s in the order Magento received them", sku)
                    .isSortedAccordingTo(BigDecimal::compareTo);
        }
    }

    @Test
    @Order(2)
    void shipmentsSentToBothNodesShipEachOrderOnce() throws Exception {
        BridgeClient a = client(nodeA);
        BridgeClient b = client(nodeB);
        Map<Integer, String> orders = new LinkedHashMap<>();
        List<String> envelopes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String sku = sku("ship" + i);
            String number = "MN" + IDS.incrementAndGet();
            orders.put(MAGENTO.newOrder(number).item(sku, 2).create(), number);
            envelopes.add(ShipmentEnvelopes.m2(IDS.incrementAndGet(), number, ShipmentEnvelopes.line(sku, "2"), ""));
        }
        ExecutorService senders = Executors.newFixedThreadPool(8);
        try {
            List<Future<BridgeClient.Reply>> replies = new ArrayList<>();
            for (String envelope : envelopes) {
                replies.add(senders.submit(() -> a.soap(SHIPMENT_PATH, envelope)));
                replies.add(senders.submit(() -> b.soap(SHIPMENT_PATH, envelope)));
            }
            for (Future<BridgeClient.Reply> reply : replies) {
                assertThat(reply.get().status()).isEqualTo(200);
            }
        } finally {
            senders.shutdownNow();
        }
        await().atMost(WAIT).untilAsserted(() -> orders.keySet().forEach(orderId ->
                assertThat(MAGENTO.shipments(orderId)).as("shipments of order %s", orders.get(orderId)).hasSize(1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM inbound_request WHERE flow = 'shipment' AND state IN ('RECEIVED', 'PROCESSING')",
                Integer.class)).isZero());
        orders.keySet().forEach(orderId -> assertThat(MAGENTO.shipments(orderId)).hasSize(1));
    }

    @Test
    @Order(3)
    void importPollsOfTwoNodesImportEveryOrderOnce() {
        List<Integer> created = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            created.add(MAGENTO.newOrder("MNI" + IDS.incrementAndGet()).item(sku("imp" + i), 1).create());
        }
        String ids = String.join(",", created.stream().map(String::valueOf).toList());
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT COUNT(*) FROM order_ledger WHERE entity_id IN (%s)".formatted(ids), Integer.class)).isEqualTo(60));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM order_version WHERE entity_id IN (%s)".formatted(ids),
                Integer.class)).as("each order version stored once").isEqualTo(60);
        // the polls fire one at a time across the cluster: Quartz's clustered store knows both nodes
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM qrtz_scheduler_state WHERE sched_name = 'magento-bridge'",
                Integer.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM qrtz_triggers WHERE sched_name = 'magento-bridge' AND trigger_group = 'flows'
                  AND trigger_name = 'orders-import'""",
                Integer.class)).as("one import trigger shared by the cluster").isEqualTo(1);
    }

    @Test
    @Order(4)
    void workOfANodeStoppedMidBatchIsFinishedByTheOther() throws Exception {
        BridgeClient a = client(nodeA);
        BridgeClient b = client(nodeB);
        assertThat(b.opsPost("/ops/flows/inventory/pause", "").status()).isEqualTo(200);
        String sku = sku("killed");
        long msg = IDS.incrementAndGet();
        MAGENTO.faults().errorRate(1.0).errorStatuses(503).onlyForPathContaining("source-items");
        try {
            assertThat(a.soap("/soap/default", BridgeClient.m2Envelope(msg, BridgeClient.line(sku, 42, 4242))).body())
                    .contains("Success - Message " + msg + " Received");
            // node a claimed it and keeps retrying the write
            await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                    "SELECT claimed_by FROM inbound_request WHERE message_seq_id = ?", String.class, msg)).startsWith("node-a/"));
            nodeA.close();
        } finally {
            MAGENTO.faults().reset();
        }
        assertThat(jdbc.queryForObject("SELECT state FROM inbound_request WHERE message_seq_id = ?", String.class, msg))
                .as("left claimed by the stopped node").isEqualTo("PROCESSING");
        assertThat(b.opsPost("/ops/flows/inventory/resume", "").status()).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT state FROM inbound_request WHERE message_seq_id = ?", String.class, msg)).isEqualTo("PROCESSED"));
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("42");
        long request = jdbc.queryForObject("SELECT id FROM inbound_request WHERE message_seq_id = ?", Long.class, msg);
        assertThat(nodeB.getBean(RequestAudit.class).find(request).orElseThrow().lines())
                .singleElement().extracting("result").isEqualTo("Success");
    }
}
