package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.magentobridge.ops.RequestAudit;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.StockWrite;
import com.magentobridge.storage.NodeLiveness;

/**
 * Newest wins when a node dies while its write is in Magento's hands, on PostgreSQL (issue 15, point 3: "no older value
 * ever reaches Magento after a newer one, with any number of nodes and crashes"). Node A runs as its own JVM; node B
 * runs in this JVM. A writes seq 10 for a SKU to a Magento whose save takes 4 s, and is killed with SIGKILL while the
 * save is under way: like Magento's PHP, the simulator finishes the save although its caller is gone. A's SKU lock and
 * liveness lock vanish with its session at once. Then B gets seq 11 for the same SKU. B must not write 11 before A's
 * 10 has landed: it waits one Magento answer window (connect + read timeout, 1 s + 5 s here) from when it saw A gone,
 * then takes A's claim over (well under the five-minute lease) and Magento ends at 11, with 10 never written after 11.
 * Likewise a ship call in Magento's hands when A is killed: B takes the message over only once the call has landed, so
 * its look-before-retry finds the shipment instead of creating a second one.
 */
class PostgresInFlightIT {

    private static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration SAVE_TIME = Duration.ofSeconds(4);
    private static final String SHIPMENT_SOAP =
            "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";

    private BridgeProcess nodeA;
    private ConfigurableApplicationContext nodeB;

    @AfterEach
    void stop() throws Exception {
        MAGENTO.faults().reset();
        if (nodeA != null) {
            nodeA.kill();
        }
        if (nodeB != null && nodeB.isActive()) {
            nodeB.close();
        }
    }

    /** Node A as its own JVM, node B in this JVM: both with a Magento answer window of 1 s + 5 s. */
    private void startNodes() throws Exception {
        String url = SharedPostgres.jdbcUrl("inflight");
        nodeA = BridgeProcess.start("-Xmx384m -XX:TieredStopAtLevel=1", BridgeProcess.postgresNode(url, "node-a",
                "--bridge.magento.connect-timeout=1s",
                "--bridge.magento.read-timeout=5s",
                "--bridge.orders.import.enabled=false",
                "--bridge.orders.export.enabled=false",
                "--bridge.inventory.poll-delay-ms=50",
                "--bridge.shipment.poll-delay-ms=50",
                "--bridge.inventory.claim-lease=" + LEASE.toMinutes() + "m",
                "--bridge.shipment.claim-lease=" + LEASE.toMinutes() + "m"),
                Path.of("target", "PostgresInFlightIT-node-a.log"));
        nodeB = startNodeB(url);
    }

    /** Node B in this JVM, with the same answer window as A. */
    private static ConfigurableApplicationContext startNodeB(String url) {
        return InJvmBridge.on(url, "bridge-inflight", "CamelServletInFlightB")
                .with("spring.datasource.username", "postgres")
                .with("spring.datasource.password", "postgres")
                .with("bridge.node-name", "node-b")
                .with("bridge.magento.connect-timeout", "1s")
                .with("bridge.magento.read-timeout", "5s")
                .with("bridge.inventory.poll-delay-ms", "50")
                .with("bridge.shipment.poll-delay-ms", "50")
                .with("bridge.inventory.claim-lease", LEASE.toMinutes() + "m")
                .with("bridge.shipment.claim-lease", LEASE.toMinutes() + "m")
                .start();
    }

    private static BridgeClient client(BridgeProcess node) {
        return new BridgeClient(Integer.parseInt(node.url().substring(node.url().lastIndexOf(':') + 1)));
    }

    private static BridgeClient client(ConfigurableApplicationContext node) {
        return new BridgeClient(Integer.parseInt(node.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void aWriteInMagentosHandsWhenItsNodeIsKilledNeverLandsAfterTheNewerValueAPeerWrites() throws Exception {
        startNodes();
        JdbcTemplate jdbc = nodeB.getBean(JdbcTemplate.class);
        BridgeClient a = client(nodeA);
        BridgeClient b = client(nodeB);
        // B stays out of the way until A is gone, so A is the one that claims and writes seq 10
        assertThat(b.opsPost("/ops/flows/inventory/pause", "").status()).isEqualTo(200);

        long unique = System.nanoTime() % 1_000_000_000L;
        String sku = "INFLIGHT-" + unique;
        MAGENTO.addProduct(sku);
        long olderMessage = 9_600_000_000L + unique * 2;
        long newerMessage = olderMessage + 1;

        // 1. A writes seq 10; Magento's save takes 4 s
        MAGENTO.faults().onlyForPathContaining("source-items").deadlockBeyond(100, SAVE_TIME);
        assertThat(a.soap("/soap/default", BridgeClient.m2Envelope(olderMessage, BridgeClient.line(sku, 10, 10)))
                .body()).contains("Success - Message " + olderMessage + " Received");
        await().atMost(Duration.ofSeconds(60)).until(() -> MAGENTO.faults().savesInFlight() == 1);
        // later saves (B's) are quick; A's goes on for its 4 s
        MAGENTO.faults().reset();

        // 2. A is killed while its save is in Magento's hands; its session, SKU lock and liveness lock end with it
        long killed = System.nanoTime();
        nodeA.kill();
        nodeA = null;
        await().atMost(Duration.ofSeconds(30)).until(() -> livenessLocksHeldBy(jdbc, "node-a/") == 0);

        // 3. the newer seq 11 for the same SKU goes to B
        assertThat(b.opsPost("/ops/flows/inventory/resume", "").status()).isEqualTo(200);
        assertThat(b.soap("/soap/default", BridgeClient.m2Envelope(newerMessage, BridgeClient.line(sku, 11, 11)))
                .body()).contains("Success - Message " + newerMessage + " Received");

        await().atMost(Duration.ofSeconds(90)).until(() ->
                "PROCESSED".equals(state(jdbc, olderMessage)) && "PROCESSED".equals(state(jdbc, newerMessage)));
        Duration takenOver = Duration.ofNanos(System.nanoTime() - killed);
        await().atMost(Duration.ofSeconds(30)).until(() -> MAGENTO.faults().savesInFlight() == 0);

        List<BigDecimal> written = quantitiesWritten(sku);
        assertThat(written).as("writes of %s in the order Magento applied them", sku)
                .isSortedAccordingTo(BigDecimal::compareTo)
                .usingElementComparator(BigDecimal::compareTo).contains(BigDecimal.valueOf(10), BigDecimal.valueOf(11));
        assertThat(written.get(written.size() - 1)).isEqualByComparingTo("11");
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("11");
        assertThat(takenOver).as("A's claim settled by B after A died, lease %s", LEASE).isLessThan(LEASE);
        assertThat(jdbc.queryForObject("SELECT claimed_by FROM inbound_request WHERE message_seq_id = ?",
                String.class, olderMessage)).as("A's claim taken over").startsWith("node-b/");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();

        RequestAudit audit = nodeB.getBean(RequestAudit.class);
        String requestId = "SELECT id FROM inbound_request WHERE message_seq_id = ?";
        long olderRequest = jdbc.queryForObject(requestId, Long.class, olderMessage);
        long newerRequest = jdbc.queryForObject(requestId, Long.class, newerMessage);
        assertThat(audit.find(olderRequest).orElseThrow().lines()).singleElement()
                .extracting("result").isIn("Superseded", "Success");
        assertThat(audit.find(newerRequest).orElseThrow().lines()).singleElement()
                .extracting("result").isEqualTo("Success");
        System.out.printf("PostgresInFlightIT: writes of the SKU %s; A's claim settled %d ms after kill -9 "
                + "(answer window 6 s, lease %s)%n", quantitiesWritten(sku), takenOver.toMillis(), LEASE);
    }

    @Test
    void aShipCallInMagentosHandsWhenItsNodeIsKilledIsFoundByThePeersLookBeforeRetryNotSentAgain() throws Exception {
        startNodes();
        JdbcTemplate jdbc = nodeB.getBean(JdbcTemplate.class);
        BridgeClient a = client(nodeA);
        BridgeClient b = client(nodeB);
        assertThat(b.opsPost("/ops/flows/shipment/pause", "").status()).isEqualTo(200);

        long unique = System.nanoTime() % 1_000_000_000L;
        String sku = "INFLIGHT-SHIP-" + unique;
        String order = String.format("%09d", unique);
        // two ordered, one shipped: a second shipment of one would be accepted, so a call sent twice shows
        int orderId = MAGENTO.newOrder(order).item(sku, 2).create();
        long message = 9_800_000_000L + unique;

        // 1. A ships one; Magento holds the call 4 s before it creates the shipment
        MAGENTO.faults().onlyForPathContaining("/order/" + orderId + "/ship").latency(SAVE_TIME);
        assertThat(a.soap(SHIPMENT_SOAP, ShipmentEnvelopes.m2(message, order, ShipmentEnvelopes.line(sku, "1"), ""))
                .body()).contains("Success - Message " + message + " Received");
        await().atMost(Duration.ofSeconds(60)).until(() -> MAGENTO.faults().delayedInFlight() == 1);
        MAGENTO.faults().reset();

        // 2. A is killed while its ship call is in Magento's hands; B takes the message over
        long killed = System.nanoTime();
        nodeA.kill();
        nodeA = null;
        await().atMost(Duration.ofSeconds(30)).until(() -> livenessLocksHeldBy(jdbc, "node-a/") == 0);
        assertThat(b.opsPost("/ops/flows/shipment/resume", "").status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(90)).until(() -> "PROCESSED".equals(shipmentState(jdbc, message)));
        Duration settled = Duration.ofNanos(System.nanoTime() - killed);
        await().atMost(Duration.ofSeconds(30)).until(() -> MAGENTO.faults().delayedInFlight() == 0);

        assertThat(MAGENTO.shipments(orderId)).as("one shipment: B's look-before-retry found A's").hasSize(1);
        assertThat(jdbc.queryForObject("SELECT claimed_by FROM inbound_request WHERE flow = 'shipment' "
                + "AND message_seq_id = ?", String.class, message)).startsWith("node-b/");
        assertThat(jdbc.queryForList("""
                SELECT l.result FROM shipment_line l JOIN inbound_request r ON r.id = l.request_id
                WHERE r.flow = 'shipment' AND r.message_seq_id = ?""", String.class, message)).containsExactly("Success");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
        System.out.printf("PostgresInFlightIT: shipments of order %s: %d; A's claim settled %d ms after kill -9%n",
                order, MAGENTO.shipments(orderId).size(), settled.toMillis());
    }

    /**
     * The race of a dying node: its SKU-lock connection may end a moment before its liveness connection, so a peer gets
     * the SKU's lock while the node still looks alive. Its claim began writing, so under the SKU's lock it counts as a
     * write in flight whoever holds it: the peer's newer value waits. The state of that moment is made by hand here (a
     * registered node holding its liveness lock, its claim of seq 10 begun writing, no SKU lock held), and held while
     * node B runs its batches; then the node's liveness lock goes too, and B settles both after the answer window.
     */
    @Test
    void underTheSkuLockAClaimThatBeganWritingHoldsTheNewerValueBackEvenWhileItsNodeStillLooksAlive() throws Exception {
        String url = SharedPostgres.jdbcUrl("inflight");
        nodeB = startNodeB(url);
        JdbcTemplate jdbc = nodeB.getBean(JdbcTemplate.class);
        BridgeClient b = client(nodeB);
        long unique = System.nanoTime() % 1_000_000_000L;
        String sku = "DYING-" + unique;
        MAGENTO.addProduct(sku);
        long olderMessage = 9_700_000_000L + unique * 2;
        long newerMessage = olderMessage + 1;

        // the dying node "node-d": registered and holding its liveness lock; B stays out of the way while its claim
        // of seq 10 is made and marked as begun writing
        assertThat(b.opsPost("/ops/flows/inventory/pause", "").status()).isEqualTo(200);
        assertThat(b.soap("/soap/default", BridgeClient.m2Envelope(olderMessage, BridgeClient.line(sku, 10, 10)))
                .body()).contains("Success - Message " + olderMessage + " Received");
        try (java.sql.Connection dying = java.sql.DriverManager.getConnection(url, "postgres", "postgres")) {
            String node = "node-d/" + Long.toHexString(unique);
            int key = jdbc.queryForObject("INSERT INTO bridge_node (name, started_at) VALUES (?, now()) "
                    + "RETURNING liveness_key", Integer.class, node);
            try (var lock = dying.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
                lock.setInt(1, NodeLiveness.LOCK_CLASS);
                lock.setInt(2, key);
                lock.execute();
            }
            jdbc.update("UPDATE inbound_request SET state = 'PROCESSING', claimed_by = ?, claimed_at = now(), "
                    + "write_started_at = now() WHERE message_seq_id = ?", node, olderMessage);

            // B gets seq 11 and runs batch after batch while node-d still looks alive
            assertThat(b.opsPost("/ops/flows/inventory/resume", "").status()).isEqualTo(200);
            assertThat(b.soap("/soap/default", BridgeClient.m2Envelope(newerMessage, BridgeClient.line(sku, 11, 11)))
                    .body()).contains("Success - Message " + newerMessage + " Received");
            await().atMost(Duration.ofSeconds(30)).until(() -> !"RECEIVED".equals(state(jdbc, newerMessage)));
            java.sql.Timestamp firstClaim = claimedAt(jdbc, newerMessage);
            // B's own deferred request is taken again (its claim time moves) at every later run
            await().atMost(Duration.ofSeconds(30)).until(() -> "PROCESSED".equals(state(jdbc, newerMessage))
                    || claimedAt(jdbc, newerMessage).after(firstClaim));
            assertThat(quantitiesWritten(sku)).as("11 held back behind the claim that began writing 10").isEmpty();
            assertThat(state(jdbc, newerMessage)).isEqualTo("PROCESSING");
        } // node-d's liveness lock goes too: it is dead

        await().atMost(Duration.ofSeconds(60)).until(() ->
                "PROCESSED".equals(state(jdbc, olderMessage)) && "PROCESSED".equals(state(jdbc, newerMessage)));
        assertThat(quantitiesWritten(sku)).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.valueOf(11));
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("11");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
    }

    private static String shipmentState(JdbcTemplate jdbc, long message) {
        return jdbc.queryForObject("SELECT state FROM inbound_request WHERE flow = 'shipment' AND message_seq_id = ?",
                String.class, message);
    }

    private static java.sql.Timestamp claimedAt(JdbcTemplate jdbc, long message) {
        return jdbc.queryForObject("SELECT claimed_at FROM inbound_request WHERE message_seq_id = ?",
                java.sql.Timestamp.class, message);
    }

    private static String state(JdbcTemplate jdbc, long message) {
        return jdbc.queryForObject("SELECT state FROM inbound_request WHERE message_seq_id = ?", String.class, message);
    }

    private static int livenessLocksHeldBy(JdbcTemplate jdbc, String namePrefix) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM bridge_node n JOIN pg_locks l ON l.locktype = 'advisory' AND l.granted
                  AND l.objsubid = 2 AND l.classid = ? AND l.objid::bigint = n.liveness_key
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                WHERE n.name LIKE ?""", Integer.class, NodeLiveness.LOCK_CLASS, namePrefix + "%");
    }

    private static List<BigDecimal> quantitiesWritten(String sku) {
        return MAGENTO.stockWrites().stream().filter(w -> w.sku().equals(sku)).map(StockWrite::quantity).toList();
    }
}
