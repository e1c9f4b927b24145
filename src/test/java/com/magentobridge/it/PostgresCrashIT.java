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

/**
 * Newest wins when a node dies between Magento's write and the record, on PostgreSQL (issue 15, point 3). Node A runs
 * as its own JVM and is killed with SIGKILL; node B runs in this JVM. A claims the newer value (seq 1118) and writes it:
 * Magento applies it, but the answer is lost and A waits two minutes before retrying, holding its claim and its SKU
 * lock. B then claims an older value (seq 1117) for the same SKU and waits for that lock. A is killed: its session, its
 * SKU lock and its liveness lock end at once, while its claim stays PROCESSING with nothing recorded. B must not write
 * 1117 after 1118 (the in-flight guard supersedes it by A's claim), and must take A's claim over within seconds (one
 * Magento answer window after it saw A gone, 6 s here), not after the five-minute lease.
 */
class PostgresCrashIT {

    private static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final Duration LEASE = Duration.ofMinutes(5);

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

    @Test
    void anOlderValueIsNeverWrittenAfterTheNewerOneOfANodeKilledBeforeItRecordedAndItsClaimIsTakenOverInSeconds()
            throws Exception {
        String url = SharedPostgres.jdbcUrl("crash");
        nodeA = BridgeProcess.start("-Xmx384m -XX:TieredStopAtLevel=1", BridgeProcess.postgresNode(url, "node-a",
                "--bridge.orders.import.enabled=false",
                "--bridge.orders.export.enabled=false",
                "--bridge.inventory.poll-delay-ms=50",
                "--bridge.inventory.claim-lease=" + LEASE.toMinutes() + "m",
                // the write whose answer is lost is retried after two minutes: A holds its claim and lock till then
                "--bridge.retry.flows.inventory.initial-delay=2m",
                "--bridge.retry.flows.inventory.max-delay=2m",
                "--bridge.retry.flows.inventory.jitter=0"),
                Path.of("target", "PostgresCrashIT-node-a.log"));
        nodeB = InJvmBridge.on(url, "bridge-crash", "CamelServletCrashB")
                .with("spring.datasource.username", "postgres")
                .with("spring.datasource.password", "postgres")
                .with("bridge.node-name", "node-b")
                // A's claim is taken over one Magento answer window (connect + read timeout: 6 s) after B saw A gone
                .with("bridge.magento.connect-timeout", "1s")
                .with("bridge.magento.read-timeout", "5s")
                .with("bridge.inventory.claim-lease", LEASE.toMinutes() + "m")
                .with("bridge.retry.default.initial-delay", "50ms")
                .start();
        JdbcTemplate jdbc = nodeB.getBean(JdbcTemplate.class);
        BridgeClient a = new BridgeClient(Integer.parseInt(nodeA.url().substring(nodeA.url().lastIndexOf(':') + 1)));
        BridgeClient b = new BridgeClient(Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port")));
        assertThat(b.opsPost("/ops/flows/inventory/pause", "").status()).isEqualTo(200);

        long unique = System.nanoTime() % 1_000_000_000L;
        String sku = "CRASH-" + unique;
        MAGENTO.addProduct(sku);
        long newer = 9_500_000_000L + unique * 2;
        long older = newer + 1;

        // 1. A claims seq 1118 and writes it: Magento applies it, the answer never comes back
        MAGENTO.faults().onlyForPathContaining("source-items").resetAfterCommitNext(1);
        assertThat(a.soap("/soap/default", BridgeClient.m2Envelope(newer, BridgeClient.line(sku, 1118, 1118))).body())
                .contains("Success - Message " + newer + " Received");
        await().atMost(Duration.ofSeconds(60)).until(() -> quantitiesWritten(sku).stream()
                .anyMatch(quantity -> quantity.compareTo(BigDecimal.valueOf(1118)) == 0));
        MAGENTO.faults().reset();
        assertThat(jdbc.queryForObject(
                "SELECT state || ' ' || claimed_by FROM inbound_request WHERE message_seq_id = ?", String.class, newer)).as("written, not recorded: A waits to retry").startsWith("PROCESSING node-a/");

        // 2. B claims the older seq 1117 for the same SKU and waits for A's SKU lock
        assertThat(b.opsPost("/ops/flows/inventory/resume", "").status()).isEqualTo(200);
        assertThat(b.soap("/soap/default", BridgeClient.m2Envelope(older, BridgeClient.line(sku, 1117, 1117))).body())
                .contains("Success - Message " + older + " Received");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(jdbc.queryForObject("SELECT claimed_by FROM inbound_request WHERE message_seq_id = ?",
                    String.class, older)).startsWith("node-b/");
            assertThat(jdbc.queryForObject("""
                    SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""", Integer.class))
                    .as("B waiting for the SKU lock A holds").isPositive();
        });

        // 3. A dies before it records: kill -9
        long killed = System.nanoTime();
        nodeA.kill();
        nodeA = null;

        await().atMost(Duration.ofSeconds(30)).until(() -> "PROCESSED".equals(jdbc.queryForObject(
                "SELECT state FROM inbound_request WHERE message_seq_id = ?", String.class, older)));
        assertThat(quantitiesWritten(sku)).as("writes of %s in the order Magento received them", sku)
                .isSortedAccordingTo(BigDecimal::compareTo);

        // 4. A's claim is taken over by B one answer window after A died, not after the lease
        await().atMost(Duration.ofSeconds(30)).until(() -> "PROCESSED".equals(jdbc.queryForObject(
                "SELECT state FROM inbound_request WHERE message_seq_id = ?", String.class, newer)));
        Duration takenOver = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(takenOver).as("A's claim applied by B after A died").isLessThan(Duration.ofSeconds(30));
        assertThat(jdbc.queryForObject("SELECT claimed_by FROM inbound_request WHERE message_seq_id = ?",
                String.class, newer)).startsWith("node-b/");
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("1118");
        assertThat(quantitiesWritten(sku)).as("only the newer value, again")
                .usingElementComparator(BigDecimal::compareTo).containsOnly(BigDecimal.valueOf(1118));

        RequestAudit audit = nodeB.getBean(RequestAudit.class);
        String requestId = "SELECT id FROM inbound_request WHERE message_seq_id = ?";
        long olderRequest = jdbc.queryForObject(requestId, Long.class, older);
        long newerRequest = jdbc.queryForObject(requestId, Long.class, newer);
        assertThat(audit.find(olderRequest).orElseThrow().lines()).singleElement()
                .extracting("result", "message").containsExactly("Superseded",
                        "Superseded by sequence 1118 of request " + newerRequest + ", claimed by another run");
        assertThat(audit.find(newerRequest).orElseThrow().lines()).singleElement()
                .extracting("result").isEqualTo("Success");
        System.out.printf("PostgresCrashIT: A's claim taken over and applied %d ms after kill -9 (lease %s)%n",
                takenOver.toMillis(), LEASE);
    }

    private static List<BigDecimal> quantitiesWritten(String sku) {
        return MAGENTO.stockWrites().stream().filter(w -> w.sku().equals(sku)).map(StockWrite::quantity).toList();
    }
}
