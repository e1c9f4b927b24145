package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * A node killed between the back office's import of its export document and the record (issue 15, order export, on
 * PostgreSQL). Node A runs as its own JVM: it imports three orders and exports them; the back office imports the
 * document and is slow to answer, and A is killed with SIGKILL before the answer comes, its orders QUEUED and claimed
 * by it. Node B's next export run takes them over at once (A's liveness lock went with its process, so it does not
 * wait for the claim lease) and sends them again; the back office answers each as a duplicate, which B records as
 * exported. Each order ends EXPORTED, imported by the back office once.
 */
class PostgresExportCrashIT {

    private static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final OrderFlowSimulator BACK_OFFICE = SharedBackOffice.SIMULATOR;
    private static final Duration LEASE = Duration.ofMinutes(5);
    /** Longer than the test needs A to live, shorter than A's read timeout: A is killed while it waits. */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(40);

    private BridgeProcess nodeA;
    private ConfigurableApplicationContext nodeB;

    @AfterEach
    void stop() throws Exception {
        BACK_OFFICE.answerDelay(Duration.ZERO);
        if (nodeA != null) {
            nodeA.kill();
        }
        if (nodeB != null && nodeB.isActive()) {
            nodeB.close();
        }
    }

    @Test
    void ordersOfANodeKilledAfterTheBackOfficeImportedThemAreTakenOverInSecondsAndExportedOnce() throws Exception {
        String url = SharedPostgres.jdbcUrl("export_crash");
        List<String> backOffice = List.of(
                "bridge.backoffice.base-url=" + BACK_OFFICE.baseUrl(),
                "bridge.backoffice.username=" + SharedBackOffice.USER,
                "bridge.backoffice.password=" + SharedBackOffice.PASSWORD,
                "bridge.backoffice.organisation=crash-org",
                "bridge.backoffice.channel=crash-channel",
                "bridge.orders.export.claim-lease=" + LEASE.toMinutes() + "m",
                // one batch whatever other tests left in the shared Magento: this test's orders are in A's
                "bridge.orders.export.batch-size=1000",
                // runs are asked for through ops in this test, never scheduled
                "bridge.orders.import.enabled=false",
                "bridge.orders.export.enabled=false");
        List<String> argumentsA = BridgeProcess.postgresNode(url, "node-a");
        backOffice.forEach(setting -> argumentsA.add("--" + setting));
        nodeA = BridgeProcess.start("-Xmx384m -XX:TieredStopAtLevel=1", argumentsA,
                Path.of("target", "PostgresExportCrashIT-node-a.log"));
        InJvmBridge builderB = InJvmBridge.on(url, "bridge-export-crash", "CamelServletExportCrashB")
                .with("spring.datasource.username", "postgres")
                .with("spring.datasource.password", "postgres")
                .with("bridge.node-name", "node-b");
        backOffice.forEach(setting -> builderB.with(setting.substring(0, setting.indexOf('=')),
                setting.substring(setting.indexOf('=') + 1)));
        nodeB = builderB.start();
        JdbcTemplate jdbc = nodeB.getBean(JdbcTemplate.class);
        BridgeClient b = new BridgeClient(Integer.parseInt(nodeB.getEnvironment().getProperty("local.server.port")));

        long unique = System.nanoTime() % 1_000_000L;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String number = String.format("7%02d%06d", i, unique);
            MAGENTO.newOrder(number).item("CRASH-EXPORT-" + i, 1).create();
            numbers.add(number);
        }
        nodeA.ops("POST", "/ops/orders/import");
        for (String number : numbers) {
            assertThat(exportState(jdbc, number)).as(number).isEqualTo("PENDING");
        }

        // 1. A sends the document; the back office imports it and is slow to answer: A waits, its orders QUEUED
        BACK_OFFICE.answerDelay(SLOW_ANSWER);
        BridgeProcess exporting = nodeA;
        CompletableFuture.runAsync(() -> {
            try {
                exporting.ops("POST", "/ops/orders/export");
            } catch (Exception killed) {
                // A is killed while it waits for the answer
            }
        });
        await("the back office imported A's document").atMost(Duration.ofSeconds(60))
                .until(() -> numbers.stream().allMatch(number -> BACK_OFFICE.imported(number) != null));
        for (String number : numbers) {
            assertThat(jdbc.queryForObject("SELECT export_state || ' ' || claimed_by FROM order_ledger WHERE increment_id = ?",
                    String.class, number)).as("sent, not recorded: A waits for the answer").startsWith("QUEUED node-a/");
        }

        // 2. A dies before it records: kill -9
        long killed = System.nanoTime();
        nodeA.kill();
        nodeA = null;
        BACK_OFFICE.answerDelay(Duration.ZERO);

        // 3. B's export runs (as its schedule would) take A's orders over at once and send them again
        await("A's orders exported by B").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    b.opsPost("/ops/orders/export", "");
                    return numbers.stream().allMatch(number -> "EXPORTED".equals(exportState(jdbc, number)));
                });
        Duration takenOver = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(takenOver).as("exported by B after A died, not after the claim lease").isLessThan(LEASE);

        for (String number : numbers) {
            assertThat(jdbc.queryForObject("""
                    SELECT l.result FROM order_export_line l WHERE l.increment_id = ? ORDER BY l.export_id DESC
                    FETCH FIRST 1 ROWS ONLY""", String.class, number))
                    .as("%s: the back office answered B's resend as a duplicate, recorded as exported", number)
                    .isEqualTo("Duplicate");
            assertThat(BACK_OFFICE.received().stream().filter(call -> call.body().contains(
                    "externalReference=\"" + number + "\""))).as("%s: sent by A, then by B", number).hasSize(2);
        }
        assertThat(BACK_OFFICE.importCount()).as("imported once each (with whatever other tests imported)")
                .isGreaterThanOrEqualTo(numbers.size());
        assertThat(numbers).allSatisfy(number -> assertThat(BACK_OFFICE.imported(number)).isNotNull());
        System.out.printf("PostgresExportCrashIT: A's queued orders exported by B %d ms after kill -9 (lease %s)%n",
                takenOver.toMillis(), LEASE);
    }

    private static String exportState(JdbcTemplate jdbc, String number) {
        return jdbc.queryForObject("SELECT export_state FROM order_ledger WHERE increment_id = ?", String.class, number);
    }
}
