package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.magentobridge.BridgeApplication;
import com.magentobridge.it.OutageTraffic.Call;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.storage.DatabaseAvailability;
import com.zaxxer.hikari.HikariDataSource;

/**
 * PostgreSQL stops under a bridge that keeps receiving, then starts again (issue 15: with the pool's 30 s wait on the
 * receive path the calls of the outage were answered after 30 s, request threads piled up and the liveness probe went
 * unanswered). While the database is down every inventory call is refused within a few seconds — never acknowledged —
 * the liveness probe answers UP within a second and the readiness probe is not UP; once it is back, the message sent
 * again is acknowledged within seconds, without a restart, and applied to Magento.
 * <p>
 * A PostgreSQL of its own (stopped and started again on the same data directory and port) and a bridge of its own on
 * it, with the packaged defaults for everything this is about. Only HTTP and SQL: the test says what a caller and an
 * orchestrator see, whatever the bridge does inside.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIT {

    /** How soon after PostgreSQL is back a message must be acknowledged again ("within a few seconds"). */
    static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
    /** How long the back office keeps sending while PostgreSQL is down. */
    static final Duration OUTAGE = Duration.ofSeconds(8);
    /**
     * An outage after which HikariCP's own back-off between attempts to reconnect has reached its 5 s ceiling (it
     * doubles from 10 ms, so from about 5 s into the outage), with a margin.
     */
    static final Duration LONG_OUTAGE = Duration.ofSeconds(13);
    /** HikariCP's DEBUG line for each failed attempt of its connection adder. */
    static final String HIKARI_ADD_FAILED = " - Cannot acquire connection from data source";
    static final Duration WAIT = Duration.ofSeconds(60);
    static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final AtomicLong IDS = new AtomicLong(6_000_000_000L + System.nanoTime() % 1_000_000_000L);

    private static Path dataDirectory;
    private static int postgresPort;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext bridge;
    private static OutageTraffic traffic;

    @BeforeAll
    static void startPostgresAndBridge() throws IOException {
        dataDirectory = Files.createTempDirectory("bridge-outage-pg");
        try (ServerSocket free = new ServerSocket(0)) {
            postgresPort = free.getLocalPort();
        }
        postgres = startPostgres();
        bridge = startBridge("outage", postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true");
        traffic = new OutageTraffic(client(bridge));
    }

    @AfterAll
    static void stopBridgeAndPostgres() throws IOException {
        try {
            if (bridge != null && bridge.isActive()) {
                bridge.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (dataDirectory != null) {
                try (Stream<Path> files = Files.walk(dataDirectory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    /** The same data directory and port every time, so the server can be stopped and started again. */
    private static EmbeddedPostgres startPostgres() throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(postgresPort).start();
    }

    /** A bridge of its own on {@code url}, with the packaged defaults for how long anything waits for the database. */
    static ConfigurableApplicationContext startBridge(String name, String url) {
        String run = UUID.randomUUID().toString();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.datasource.url", url);
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("camel.main.name", name + "-it");
        properties.put("camel.main.jmx-enabled", "false");
        properties.put("camel.servlet.mapping.servlet-name", "CamelServlet" + name);
        properties.put("camel.main.shutdown-timeout", "2");
        properties.put("bridge.cluster.name", name + "-" + run);
        properties.put("bridge.node-name", name + "-it");
        properties.put("bridge.magento.base-url", MAGENTO.baseUrl());
        properties.put("bridge.magento.token", SharedMagento.TOKEN);
        properties.put("bridge.inbound.username", BridgeClient.INBOUND_USER);
        properties.put("bridge.inbound.password", BridgeClient.INBOUND_PASSWORD);
        properties.put("bridge.ops.username", BridgeClient.OPS_USER);
        properties.put("bridge.ops.password", BridgeClient.OPS_PASSWORD);
        properties.put("bridge.inventory.poll-delay-ms", "50");
        properties.put("bridge.shipment.poll-delay-ms", "50");
        properties.put("bridge.orderstatus.poll-delay-ms", "50");
        properties.put("bridge.orders.import.enabled", "false");
        properties.put("bridge.orders.export.enabled", "false");
        properties.put("bridge.retention.enabled", "false");
        // as command-line arguments: they outrank the packaged application.yaml, as an operator's settings do
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(BridgeApplication.class).run(args);
    }

    static BridgeClient client(ConfigurableApplicationContext bridge) {
        return new BridgeClient(Integer.parseInt(bridge.getEnvironment().getProperty("local.server.port")));
    }

    static boolean quantity(String sku, long expected) {
        BigDecimal quantity = MAGENTO.sourceQuantity(sku, "default");
        return quantity != null && quantity.compareTo(BigDecimal.valueOf(expected)) == 0;
    }

    @Test
    void whileThePostgresIsDownEveryCallIsRefusedAtOnceTheBridgeStaysAliveAndAcksResumeWhenItIsBack() throws Exception {
        String sku = "OUTAGE-" + IDS.incrementAndGet();
        MAGENTO.addProduct(sku);
        long before = IDS.incrementAndGet();
        assertThat(traffic.inventory("soap11", before, sku, 5, before).acknowledged()).isTrue();
        // applied and recorded: the outage begins between batches (a batch cut short keeps its claim for the lease)
        await("the message before the outage applied").atMost(WAIT)
                .until(() -> quantity(sku, 5) && "PROCESSED".equals(state(before)));

        postgres.close();
        List<Call> outage = traffic.during(OUTAGE, sku, IDS::incrementAndGet);

        OutageTraffic.assertRefusedThroughout("DatabaseOutageIT", outage);

        // sent again as the back office would once it is back, with a stock sequence newer than any of the outage's
        List<Call> inbound = outage.stream().filter(Call::inbound).toList();
        long resent = inbound.stream().filter(c -> c.kind().equals("soap11")).mapToLong(Call::messageSeqId).max()
                .orElseThrow();
        long newestSeq = IDS.incrementAndGet();
        postgres = startPostgres();
        long restarted = System.nanoTime();
        Call acknowledged = await("an acknowledgement once PostgreSQL is back").atMost(WAIT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> traffic.inventory("soap11-again", resent, sku, 7, newestSeq), Call::acknowledged);
        Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
        System.out.println("DatabaseOutageIT: acknowledged again " + recovery.toMillis()
                + " ms after PostgreSQL was back: " + acknowledged.kind() + " #" + acknowledged.messageSeqId());
        assertThat(recovery).as("from PostgreSQL back to the first acknowledgement").isLessThan(RECOVERY_BOUND);
        assertThat(stored(inbound.stream().map(Call::messageSeqId).toList()))
                .as("stored: of the outage's messages only the one sent again after it, once").containsExactly(resent);
        await("the message sent again applied").atMost(WAIT).until(() -> quantity(sku, 7));
        await("readiness UP again").atMost(WAIT)
                .until(() -> traffic.probe("readiness-again", OutageTraffic.ANSWER_BOUND).status() == 200);
    }

    /**
     * Issue 15, point 1, after a long outage: PostgreSQL stays down long enough that the pool's own back-off would have
     * grown to 5 s between attempts (one fault-suite run waited 5.0 s for its first acknowledgement that way). The
     * pool's connection adder waits for the database instead: the pool sees only the outage's first failed attempt,
     * and once PostgreSQL is back a message is acknowledged and applied without a restart.
     */
    @Test
    void afterALongOutageThePoolWaitsForThePostgresInsteadOfBackingOffAndAcksResume(CapturedOutput output)
            throws Exception {
        String sku = "LONG-OUTAGE-" + IDS.incrementAndGet();
        MAGENTO.addProduct(sku);
        long before = IDS.incrementAndGet();
        assertThat(traffic.inventory("soap11", before, sku, 3, before).acknowledged()).isTrue();
        await("the message before the outage applied").atMost(WAIT)
                .until(() -> quantity(sku, 3) && "PROCESSED".equals(state(before)));
        String pool = bridge.getBean(HikariDataSource.class).getPoolName();
        LoggingSystem logging = bridge.getBean(LoggingSystem.class);
        logging.setLogLevel("com.zaxxer.hikari.pool.HikariPool", LogLevel.DEBUG);
        int from = output.getAll().length();
        try {
            postgres.close();
            await("readiness DOWN").atMost(WAIT)
                    .until(() -> traffic.probe("readiness", OutageTraffic.ANSWER_BOUND).status() == 503);
            DatabaseAvailability database = bridge.getBean(DatabaseAvailability.class);
            await("the database down for " + LONG_OUTAGE.toSeconds() + " s").atMost(WAIT)
                    .until(() -> database.outage().map(o -> o.since().plus(LONG_OUTAGE)
                            .isBefore(Instant.now())).orElse(false));

            long message = IDS.incrementAndGet();
            postgres = startPostgres();
            long restarted = System.nanoTime();
            await("an acknowledgement once PostgreSQL is back").atMost(WAIT).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> traffic.inventory("soap11-again", message, sku, 8, message), Call::acknowledged);
            System.out.println("DatabaseOutageIT: after a " + LONG_OUTAGE.toSeconds() + " s outage acknowledged again "
                    + Duration.ofNanos(System.nanoTime() - restarted).toMillis() + " ms after PostgreSQL was back");
            await("the message sent after the outage applied").atMost(WAIT)
                    .until(() -> quantity(sku, 8) && "PROCESSED".equals(state(message)));
        } finally {
            logging.setLogLevel("com.zaxxer.hikari.pool.HikariPool", null);
        }
        String log = output.getAll().substring(from);
        assertThat(count(log, pool + HIKARI_ADD_FAILED))
                .as("failed attempts the pool itself saw (each one doubles its back-off)").isOne();
        assertThat(count(log, pool + " cannot reach the database (")).as("the wait, logged once").isOne();
        assertThat(count(log, pool + " reaches the database again, after ")).as("its end, logged once").isOne();
    }

    private static int count(String text, String phrase) {
        int count = 0;
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + phrase.length())) {
            count++;
        }
        return count;
    }

    /**
     * Issue 15, point 2: PostgreSQL stops while a batch is in Magento's hands (a slow stock save) and starts again. The
     * batch's save lands in Magento; the batch, whose database session ended, records nothing and keeps its claims; once
     * PostgreSQL is back the same bridge (no restart) takes its claims back at its next claim and records them, long
     * before the claim lease: every acknowledged message PROCESSED, Magento at the newest values, no dead letter.
     */
    @Test
    void aBatchInMagentosHandsWhenThePostgresStopsIsRecordedOnceItIsBackWithoutWaitingForTheLease() throws IOException {
        long unique = IDS.incrementAndGet();
        List<String> skus = List.of("DROP-" + unique + "-1", "DROP-" + unique + "-2", "DROP-" + unique + "-3");
        skus.forEach(MAGENTO::addProduct);
        int deadLettersBefore = database().queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class);
        List<Long> messages = new java.util.ArrayList<>();
        try {
            MAGENTO.faults().deadlockBeyond(100, Duration.ofSeconds(5));
            for (int i = 0; i < skus.size(); i++) {
                long id = IDS.incrementAndGet();
                assertThat(traffic.inventory("soap11", id, skus.get(i), 10 + i, id).acknowledged()).isTrue();
                messages.add(id);
            }
            await("the batch in Magento's hands").atMost(WAIT).until(() -> MAGENTO.faults().savesInFlight() > 0);
            List<String> claimed = database().queryForList("""
                    SELECT state FROM inbound_request WHERE message_seq_id IN (%s)""".formatted(ids(messages)),
                    String.class);
            assertThat(claimed).as("claimed, not recorded").contains("PROCESSING");

            postgres.close();
            await("the saves in Magento's hands done while PostgreSQL is down").atMost(WAIT)
                    .until(() -> MAGENTO.faults().savesInFlight() == 0);
            MAGENTO.faults().reset();
            postgres = startPostgres();
            long restarted = System.nanoTime();

            await("every acknowledged message recorded, well within the five-minute claim lease")
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> database().queryForList("""
                            SELECT state FROM inbound_request WHERE message_seq_id IN (%s)""".formatted(ids(messages)),
                            String.class), states -> states.size() == messages.size()
                            && states.stream().allMatch("PROCESSED"::equals));
            Duration recorded = Duration.ofNanos(System.nanoTime() - restarted);
            System.out.println("DatabaseOutageIT: a batch cut by the outage recorded " + recorded.toMillis()
                    + " ms after PostgreSQL was back");

            long newest = IDS.incrementAndGet();
            assertThat(traffic.inventory("soap11", newest, skus.get(0), 99, newest).acknowledged()).isTrue();
            await("the newer value applied").atMost(WAIT).until(() -> "PROCESSED".equals(state(newest)));
        } finally {
            MAGENTO.faults().reset();
        }
        assertThat(quantity(skus.get(0), 99)).as("the newest value of the first SKU").isTrue();
        assertThat(quantity(skus.get(1), 11)).isTrue();
        assertThat(quantity(skus.get(2), 12)).isTrue();
        com.magentobridge.ops.RequestAudit audit = bridge.getBean(com.magentobridge.ops.RequestAudit.class);
        for (long message : messages) {
            long request = database().queryForObject("SELECT id FROM inbound_request WHERE message_seq_id = ?",
                    Long.class, message);
            assertThat(audit.find(request).orElseThrow().lines()).as("message %d: one result", message)
                    .extracting("result").containsExactly("Success");
        }
        assertThat(database().queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class))
                .as("no dead letter").isEqualTo(deadLettersBefore);
    }

    /**
     * The same for a shipment: PostgreSQL stops while the ship call is in a slow Magento's hands. Magento creates the
     * shipment; the job cannot save what it got back; once PostgreSQL is back the same bridge takes the message again,
     * finds the shipment the call created (looked at before shipping again) and records it: one shipment, Success.
     */
    @Test
    void aShipCallInMagentosHandsWhenThePostgresStopsIsRecordedOnceItIsBackAndShipsOnce() throws IOException {
        String order = String.format("8%08d", IDS.incrementAndGet() % 100_000_000L);
        String sku = "DROP-SHIP-" + IDS.incrementAndGet();
        int orderId = MAGENTO.newOrder(order).item(sku, 2).create();
        long message = IDS.incrementAndGet();
        try {
            MAGENTO.faults().onlyForPathContaining("/ship").latency(Duration.ofSeconds(5));
            assertThat(client(bridge).soap(
                    "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1",
                    ShipmentEnvelopes.m2(message, order, ShipmentEnvelopes.line(sku, "2"), "")).body())
                    .contains("Success - Message " + message + " Received");
            // committed just before the ship call: the call is under way
            await("the ship call under way").atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() ->
                    database().queryForList("""
                            SELECT p.job FROM shipment_progress p JOIN inbound_request r ON r.id = p.request_id
                            WHERE r.message_seq_id = ?""", String.class, message).stream()
                            .anyMatch(job -> job.contains("\"uncertain\":true")));

            postgres.close();
            await("the shipment created while PostgreSQL is down").atMost(WAIT)
                    .until(() -> MAGENTO.shipments(orderId).size() == 1);
            MAGENTO.faults().reset();
            postgres = startPostgres();
            long restarted = System.nanoTime();

            await("the message recorded, well within the five-minute claim lease").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).until(() -> "PROCESSED".equals(state(message)));
            System.out.println("DatabaseOutageIT: a shipment cut by the outage recorded "
                    + Duration.ofNanos(System.nanoTime() - restarted).toMillis() + " ms after PostgreSQL was back");
        } finally {
            MAGENTO.faults().reset();
        }
        assertThat(MAGENTO.shipments(orderId)).as("shipped once").hasSize(1);
        assertThat(database().queryForList("""
                SELECT l.result FROM shipment_line l JOIN inbound_request r ON r.id = l.request_id
                WHERE r.message_seq_id = ?""", String.class, message)).containsExactly("Success");
    }

    private static String ids(List<Long> messageSeqIds) {
        return messageSeqIds.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** The state of the request with this messageSeqId, read by the test itself. */
    private static String state(long messageSeqId) {
        return database().query("SELECT state FROM inbound_request WHERE message_seq_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, messageSeqId);
    }

    private static JdbcTemplate database() {
        return new JdbcTemplate(new DriverManagerDataSource(postgres.getJdbcUrl("postgres", "postgres")));
    }

    /** The messages of these ids in the bridge's database. */
    private static List<Long> stored(List<Long> messageSeqIds) {
        String ids = messageSeqIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        return database().queryForList("SELECT message_seq_id FROM inbound_request WHERE message_seq_id IN (" + ids + ")",
                Long.class);
    }
}
