package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.magentobridge.ops.RequestAudit;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.StockWrite;

/**
 * A node that stays alive but loses its database session mid-batch is fenced (issue 15): node A claims a request of
 * three SKUs and writes them one at a time to a slow Magento; while the first write is in Magento's hands the test ends
 * A's liveness session (pg_terminate_backend) and keeps A from logging in again, so to its peer A is dead. Node B takes
 * A's claim over one Magento answer window after it saw A gone, with a newer value for the first SKU. A must send
 * none of its remaining writes and record nothing; B writes and records everything once: Magento ends at the newest
 * values, no older value after a newer one, each SKU of A's claim written by B only once more.
 * <p>
 * Both nodes run in this JVM on the shared PostgreSQL; A logs in as a role of its own so that the test can refuse its
 * new sessions while B's go on.
 */
class PostgresFencingIT {

    private static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final String ROLE_A = "fence_node_a";
    /** How long Magento holds each stock save: A's first write is still in its hands when A's session ends. */
    private static final Duration SLOW_SAVE = Duration.ofSeconds(4);

    private ConfigurableApplicationContext nodeA;
    private ConfigurableApplicationContext nodeB;
    private JdbcTemplate admin;

    @AfterEach
    void stop() {
        MAGENTO.faults().reset();
        if (admin != null) {
            admin.execute("ALTER ROLE " + ROLE_A + " LOGIN");
        }
        for (ConfigurableApplicationContext node : new ConfigurableApplicationContext[] {nodeA, nodeB}) {
            if (node != null && node.isActive()) {
                node.close();
            }
        }
    }

    @Test
    void aLiveNodeThatLostItsSessionSendsNoFurtherWriteAndDoesNotRecordWhatItsPeerTookOver() {
        String urlB = SharedPostgres.jdbcUrl("fencing");
        String urlA = "jdbc:postgresql://localhost:" + SharedPostgres.SERVER.getPort() + "/fencing";
        nodeB = InJvmBridge.on(urlB, "bridge-fence-b", "CamelServletFenceB")
                .with("spring.datasource.username", "postgres")
                .with("spring.datasource.password", "postgres")
                .with("bridge.node-name", "node-b")
                // B takes a gone node's claims over one Magento answer window (connect + read timeout, 6 s) after it
                // saw it gone: A's save in Magento's hands (4 s) has landed by then
                .with("bridge.magento.connect-timeout", "1s")
                .with("bridge.magento.read-timeout", "5s")
                .start();
        admin = nodeB.getBean(JdbcTemplate.class);
        admin.execute("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '%1$s') THEN
                    CREATE ROLE %1$s LOGIN SUPERUSER PASSWORD '%1$s';
                  END IF;
                END $$""".formatted(ROLE_A));
        BridgeClient b = new BridgeClient(port(nodeB));
        assertThat(b.opsPost("/ops/flows/inventory/pause", "").status()).isEqualTo(200);
        nodeA = InJvmBridge.on(urlA, "bridge-fence-a", "CamelServletFenceA")
                .with("spring.datasource.username", ROLE_A)
                .with("spring.datasource.password", ROLE_A)
                .with("bridge.node-name", "node-a")
                // one write of one SKU at a time: the second and third are still to be sent when the session ends
                .with("bridge.magento.chunk-size", "1")
                .with("bridge.magento.max-concurrent-writes", "1")
                .start();
        BridgeClient a = new BridgeClient(port(nodeA));

        long unique = System.nanoTime() % 1_000_000_000L;
        List<String> skus = List.of("FENCE-" + unique + "-1", "FENCE-" + unique + "-2", "FENCE-" + unique + "-3");
        skus.forEach(MAGENTO::addProduct);
        long claimedByA = 9_700_000_000L + unique * 2;
        long newerForB = claimedByA + 1;
        MAGENTO.faults().deadlockBeyond(100, SLOW_SAVE);

        // 1. A claims the three SKUs (seq 500) and its first save is in Magento's hands
        Map<String, long[]> three = new LinkedHashMap<>();
        skus.forEach(sku -> three.put(sku, new long[] {500, 500}));
        assertThat(a.soap("/soap/default", BridgeClient.m2Envelope(claimedByA, three)).body())
                .contains("Success - Message " + claimedByA + " Received");
        await("A's first save in Magento's hands").atMost(Duration.ofSeconds(30))
                .until(() -> MAGENTO.faults().savesInFlight() == 1);
        assertThat(claimedBy(claimedByA)).startsWith("node-a/");

        // 2. A's session ends (its process lives on) and it cannot log in again: to B, A is dead
        admin.execute("ALTER ROLE " + ROLE_A + " NOLOGIN");
        assertThat(admin.queryForObject("""
                SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE usename = ? AND application_name = 'magento-bridge liveness'""", Integer.class, ROLE_A))
                .as("A's liveness session ended").isEqualTo(1);

        // 3. B gets a newer value for the first SKU and takes A's claim over once A's save in Magento's hands has landed
        assertThat(b.soap("/soap/default", BridgeClient.m2Envelope(newerForB,
                BridgeClient.line(skus.get(0), 600, 600))).body()).contains("Success - Message " + newerForB + " Received");
        assertThat(b.opsPost("/ops/flows/inventory/resume", "").status()).isEqualTo(200);
        await("B took A's claim over").atMost(Duration.ofSeconds(30))
                .until(() -> claimedBy(claimedByA).startsWith("node-b/"));
        admin.execute("ALTER ROLE " + ROLE_A + " LOGIN");

        await("both requests recorded").atMost(Duration.ofSeconds(60))
                .until(() -> "PROCESSED".equals(state(claimedByA)) && "PROCESSED".equals(state(newerForB)));
        await("every save done").atMost(Duration.ofSeconds(30)).until(() -> MAGENTO.faults().savesInFlight() == 0);

        assertThat(quantitiesWritten(skus.get(0))).as("writes of the first SKU in the order Magento applied them")
                .isSortedAccordingTo(BigDecimal::compareTo)
                .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.valueOf(500), BigDecimal.valueOf(600));
        for (String sku : skus.subList(1, 3)) {
            assertThat(quantitiesWritten(sku)).as("%s: written by B only (A sent nothing after its session ended)", sku)
                    .usingElementComparator(BigDecimal::compareTo).containsExactly(BigDecimal.valueOf(500));
        }
        assertThat(MAGENTO.sourceQuantity(skus.get(0), "default")).isEqualByComparingTo("600");
        assertThat(MAGENTO.sourceQuantity(skus.get(1), "default")).isEqualByComparingTo("500");
        assertThat(MAGENTO.sourceQuantity(skus.get(2), "default")).isEqualByComparingTo("500");

        assertThat(claimedBy(claimedByA)).as("recorded by B").startsWith("node-b/");
        RequestAudit audit = nodeB.getBean(RequestAudit.class);
        long requestA = requestId(claimedByA);
        long requestB = requestId(newerForB);
        assertThat(audit.find(requestA).orElseThrow().lines()).extracting("result")
                .containsExactly("Superseded", "Success", "Success");
        assertThat(audit.find(requestB).orElseThrow().lines()).extracting("result").containsExactly("Success");
        assertThat(admin.queryForObject("SELECT MAX(last_seq) FROM sku_sequence WHERE sku = ?", Long.class, skus.get(0)))
                .isEqualTo(600L);
        assertThat(admin.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
    }

    private String claimedBy(long messageSeqId) {
        return admin.queryForObject("SELECT claimed_by FROM inbound_request WHERE message_seq_id = ?", String.class,
                messageSeqId);
    }

    private String state(long messageSeqId) {
        return admin.queryForObject("SELECT state FROM inbound_request WHERE message_seq_id = ?", String.class,
                messageSeqId);
    }

    private long requestId(long messageSeqId) {
        return admin.queryForObject("SELECT id FROM inbound_request WHERE message_seq_id = ?", Long.class, messageSeqId);
    }

    private static int port(ConfigurableApplicationContext node) {
        return Integer.parseInt(node.getEnvironment().getProperty("local.server.port"));
    }

    private static List<BigDecimal> quantitiesWritten(String sku) {
        return MAGENTO.stockWrites().stream().filter(w -> w.sku().equals(sku)).map(StockWrite::quantity).toList();
    }
}
