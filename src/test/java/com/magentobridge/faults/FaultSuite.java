package com.magentobridge.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import com.magentobridge.bench.BenchReport;
import com.magentobridge.it.BridgeClient;
import com.magentobridge.it.BridgeProcess;
import com.magentobridge.it.SharedPostgres;
import com.magentobridge.it.ShuffledStock;
import com.magentobridge.simulator.backoffice.BackOfficeSimulator;
import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * The fault suite: bridges as their own JVMs (the packaged jar) against the Magento and OrderFlow simulators, with
 * faults injected at seeded moments — kill -9 on H2 and across two nodes on PostgreSQL, PostgreSQL stopped and started
 * under traffic, Magento failing (5xx, 429, timeouts, dropped connections, deadlocks) and slow, a slow back office —
 * measured as a back office and an orchestrator see them, then checked against the database and Magento's write log.
 * Writes RELIABILITY.md and exits non-zero when a must-be-zero figure is not, an answer during the database outage
 * exceeds the bound, or a liveness probe took 1 s or failed. Run: {@code mvn -B -Pfaults verify} (see README).
 */
public final class FaultSuite {

    /** Magento takes 32-character integration tokens only. */
    private static final String TOKEN = "faults0integration0access0token0";
    private static final String OF_USER = "faults-of";
    private static final String OF_PASSWORD = "faults-of-password";
    /** bridge.inbound.store-timeout as shipped, and the margin an answer during the database outage is given over it. */
    private static final long STORE_TIMEOUT_MS = 2_000;
    private static final long ANSWER_MARGIN_MS = setting("answer-margin-ms", 500);
    private static final int H2_KILLS = (int) setting("h2-kills", 50);
    private static final int POSTGRES_KILLS = (int) setting("postgres-kills", 20);
    /** How long PostgreSQL stays stopped (an outage of 37 s was observed; Hikari's back-off reaches 5 s after ~5 s). */
    private static final Duration POSTGRES_OUTAGE = Duration.ofSeconds(30);
    /** Scenarios to run, by method name (all by default): FAULTS_ONLY=postgresOutage,magentoFailures. */
    private static final String ONLY = System.getProperty("faults.only", System.getenv().getOrDefault("FAULTS_ONLY", ""));
    private static final Duration WAIT = Duration.ofMinutes(3);

    private final MagentoSimulator magento = new MagentoSimulator(TOKEN).start(0);
    private final OrderFlowSimulator orderFlow = new OrderFlowSimulator(OF_USER, OF_PASSWORD).start(0);
    private final AtomicLong messageIds = new AtomicLong(7_000_000_000L);
    private final List<FaultRow> rows = new ArrayList<>();
    private Bridges bridges;

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "RELIABILITY.md");
        FaultSuite suite = new FaultSuite();
        int status = 2;
        try {
            long start = System.nanoTime();
            List<String> breaches = suite.run();
            String section = suite.section((System.nanoTime() - start) / 1e9);
            System.out.println(section);
            BenchReport.writeSection(report, "# Reliability", "fault-suite", section);
            System.out.println("written to " + report.toAbsolutePath());
            if (breaches.isEmpty()) {
                status = 0;
            } else {
                System.err.println("[faults] FAILED:");
                breaches.forEach(b -> System.err.println("[faults]   " + b));
                status = 1;
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            throw e;
        } finally {
            suite.magento.stop();
            suite.orderFlow.stop();
            // the simulators', senders' and probes' threads would keep a failed run's JVM alive
            System.exit(status);
        }
    }

    private List<String> run() throws Exception {
        magento.setCallLogCapacity(0);
        // the embedded PostgreSQL's server log would drown the suite's own lines
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.zonky"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        phase("preparing the bridge (jar extracted, class-data-sharing archive)");
        bridges = Bridges.prepare(Path.of("target", "faults"), magento);
        scenario("h2Kills", this::h2Kills);
        scenario("postgresKills", this::postgresKills);
        scenario("postgresOutage", this::postgresOutage);
        scenario("magentoFailures", this::magentoFailures);
        scenario("slowMagentoAndBackOffice", this::slowMagentoAndBackOffice);
        List<String> breaches = new ArrayList<>();
        for (FaultRow row : rows) {
            row.breaches().forEach(b -> breaches.add(row.fault + ": " + b));
        }
        return breaches;
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }

    /** A scenario that throws is a breach of its own (the table is still written). */
    private void scenario(String name, Scenario scenario) {
        if (!ONLY.isBlank() && !List.of(ONLY.split(",")).contains(name)) {
            return;
        }
        int before = rows.size();
        try {
            scenario.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            FaultRow failed = rows.size() > before ? rows.get(rows.size() - 1) : new FaultRow("scenario failed");
            if (rows.size() == before) {
                rows.add(failed);
            }
            failed.breaches.add("the scenario did not finish: " + e);
        } finally {
            magento.faults().reset();
            orderFlow.latency(Duration.ZERO);
        }
    }

    // ------------------------------------------------------------------------------------------------ H2, kill -9

    private void h2Kills() throws Exception {
        FaultRow row = add(new FaultRow("kill -9 ×" + H2_KILLS + ", one bridge on H2 (the database stops with it, "
                + "mid-write)"));
        phase(row.fault);
        Random random = new Random(1501);
        List<String> skus = skus("FH2-", 40);
        ShuffledStock stock = ShuffledStock.waves(random, skus, 80, 50, 8, messageIds::incrementAndGet);
        magento.faults().onlyForPathContaining("source-items").latency(Duration.ofMillis(100));
        Path data = bridges.work().resolve("h2-kills");
        String url = "jdbc:h2:file:" + data.resolve("bridge").toAbsolutePath();
        List<String> live = new CopyOnWriteArrayList<>();
        List<Probes.Probe> probes = Collections.synchronizedList(new ArrayList<>());
        List<Long> startMillis = new ArrayList<>();
        long drained = 0;
        try (Traffic traffic = new Traffic(inventory(stock), () -> live).start(25)) {
            BridgeProcess bridge = null;
            for (int life = 0; life <= H2_KILLS; life++) {
                long starting = System.nanoTime();
                bridge = bridges.start("h2-kills-" + life, bridges.arguments("h2", url));
                startMillis.add((System.nanoTime() - starting) / 1_000_000);
                Probes probing = new Probes(bridge.url(), probes);
                live.add(bridge.url());
                if (life == H2_KILLS) {
                    traffic.stopNewMessages();
                    long restarted = System.nanoTime();
                    await("every message acknowledged", traffic::allAcknowledged);
                    BridgeProcess last = bridge;
                    await("every request decided", () -> last.undecided("inventory") == 0);
                    drained = (System.nanoTime() - restarted) / 1_000_000;
                    probing.close();
                    live.clear();
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(300 + random.nextInt(1_700));
                live.clear();
                probing.close();
                bridge.kill();
            }
            row.acknowledged = traffic.acknowledged().size();
            row.answers = FaultRow.answers(traffic.attempts());
            bridge.close();
            inventoryVerdict(row, url, traffic, stock, skus);
        }
        row.liveness(probes);
        long[] starts = startMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        row.recovery = String.format("restart to ready: median %.1f s, max %.1f s; last restart to all PROCESSED %.1f s",
                starts[starts.length / 2] / 1e3, starts[starts.length - 1] / 1e3, drained / 1e3);
        row.setUp = "One bridge on an H2 file (the shipped settings), 25 inventory messages/s (1–8 lines, 40 SKUs, "
                + "sequences shuffled within waves of 50, seed 1501) while it lives; Magento takes 100 ms per stock write, so batches are "
                + "mid-write; killed with SIGKILL " + H2_KILLS + " times at seeded moments 0.3–2 s after it is ready, "
                + "restarted on the same file each time. The back office sends every message not acknowledged again "
                + "(refused, no answer, the bridge gone) until it is.";
    }

    // ------------------------------------------------------------------------------------- PostgreSQL, kill -9 ×20

    private void postgresKills() throws Exception {
        FaultRow row = add(new FaultRow("kill -9 ×" + POSTGRES_KILLS + " across two bridges on PostgreSQL"));
        phase(row.fault);
        Random random = new Random(2002);
        List<String> skus = skus("FPK-", 40);
        ShuffledStock stock = ShuffledStock.waves(random, skus, 80, 50, 8, messageIds::incrementAndGet);
        magento.faults().onlyForPathContaining("source-items").latency(Duration.ofMillis(200));
        String url = SharedPostgres.jdbcUrl("faults_kills");
        List<String> live = new CopyOnWriteArrayList<>();
        List<Probes.Probe> probes = Collections.synchronizedList(new ArrayList<>());
        BridgeProcess[] nodes = new BridgeProcess[2];
        Probes[] probing = new Probes[2];
        @SuppressWarnings("unchecked")
        CompletableFuture<Void>[] restarts = new CompletableFuture[2];
        List<Long> takeovers = Collections.synchronizedList(new ArrayList<>());
        List<Long> takeoversWhileAlone = Collections.synchronizedList(new ArrayList<>());
        List<Long> takeoversNotWriting = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> watches = new ArrayList<>();
        int[] heldAtKill = new int[1];
        long drained;
        try (Traffic traffic = new Traffic(inventory(stock), () -> live).start(25)) {
            for (int n = 0; n < 2; n++) {
                startNode(nodes, probing, live, probes, n, url, "pg-kills-" + n + "-0");
            }
            for (int kill = 0; kill < POSTGRES_KILLS; kill++) {
                int victim = random.nextInt(2);
                if (restarts[victim] != null) {
                    restarts[victim].join();
                }
                TimeUnit.MILLISECONDS.sleep(1_000 + random.nextInt(2_000));
                live.remove(nodes[victim].url());
                probing[victim].close();
                boolean otherLive = live.size() == 1;
                // read just before the kill: read after it, the other node has often taken them over already
                Map<Long, String> notWriting = claims(url, "node-" + victim + "/", false);
                Map<Long, String> held = new HashMap<>(claims(url, "node-" + victim + "/", true));
                held.putAll(notWriting);
                nodes[victim].kill();
                long killed = System.nanoTime();
                heldAtKill[0] += held.size();
                int number = kill + 1;
                if (!notWriting.isEmpty()) {
                    // claims that had not begun writing to Magento: nothing of them in Magento's hands, taken at once
                    watches.add(CompletableFuture.runAsync(() -> {
                        awaitUnchecked("claims of the killed node settled", () -> unsettled(url, notWriting) == 0);
                        takeoversNotWriting.add((System.nanoTime() - killed) / 1_000_000);
                    }));
                }
                watches.add(CompletableFuture.runAsync(() -> {
                    awaitUnchecked("claims of the killed node settled", () -> unsettled(url, held) == 0);
                    long millis = (System.nanoTime() - killed) / 1_000_000;
                    if (!held.isEmpty()) {
                        (otherLive ? takeovers : takeoversWhileAlone).add(millis);
                    }
                    System.err.printf("[faults] kill %d: node-%d (the other %s), %d claims held %s, settled in %d ms%n",
                            number, victim, otherLive ? "live" : "starting", held.size(), held.values(), millis);
                }));
                int life = kill + 1;
                restarts[victim] = CompletableFuture.runAsync(() -> {
                    try {
                        startNode(nodes, probing, live, probes, victim, url, "pg-kills-" + victim + "-" + life);
                    } catch (Exception e) {
                        throw new IllegalStateException("node-" + victim + " did not start again", e);
                    }
                });
            }
            for (CompletableFuture<Void> restart : restarts) {
                if (restart != null) {
                    restart.join();
                }
            }
            traffic.stopNewMessages();
            long lastKill = System.nanoTime();
            await("every message acknowledged", traffic::allAcknowledged);
            await("every request decided", () -> Verdict.undecided(url, "inventory") == 0);
            drained = (System.nanoTime() - lastKill) / 1_000_000;
            watches.forEach(CompletableFuture::join);
            for (int n = 0; n < 2; n++) {
                probing[n].close();
            }
            live.clear();
            row.acknowledged = traffic.acknowledged().size();
            row.answers = FaultRow.answers(traffic.attempts());
            for (BridgeProcess node : nodes) {
                node.close();
            }
            inventoryVerdict(row, url, traffic, stock, skus);
        }
        row.liveness(probes);
        row.recovery = "a killed node's claims (read just before the kill) settled: " + spread(takeovers) + " when the other node was live, "
                + spread(takeoversWhileAlone) + " when it was starting again itself (" + heldAtKill[0] + " claims held at "
                + "the " + POSTGRES_KILLS + " kills; those that had begun writing wait one answer window, 35 s); of them, "
                + "the claims that had not begun writing: " + spread(takeoversNotWriting) + "; "
                + String.format("after the last restart all PROCESSED in %.1f s", drained / 1e3);
        row.setUp = "Two bridges (node-0, node-1) on one PostgreSQL (embedded, zonky), 25 inventory messages/s spread "
                + "over the live nodes (1–8 lines, 40 SKUs, sequences shuffled within waves of 50, seed 2002); Magento takes 200 ms per stock "
                + "write; one node picked at random (seeded) is killed with SIGKILL 1–3 s after it is "
                + "ready or the previous kill, and started again while the other goes on (or is starting itself); " + POSTGRES_KILLS + " kills.";
    }

    private void startNode(BridgeProcess[] nodes, Probes[] probing, List<String> live, List<Probes.Probe> probes, int n,
                           String url, String log) throws Exception {
        nodes[n] = bridges.start(log, bridges.arguments("node-" + n, url));
        probing[n] = new Probes(nodes[n].url(), probes);
        live.add(nodes[n].url());
    }

    /** The inventory claims the node holds now that had ({@code writing}) or had not begun writing: id → claimed_by. */
    private static Map<Long, String> claims(String url, String nodePrefix, boolean writing) throws SQLException {
        Map<Long, String> held = new HashMap<>();
        try (Connection connection = Verdict.connect(url);
             PreparedStatement query = connection.prepareStatement("SELECT id, claimed_by FROM inbound_request "
                     + "WHERE state = 'PROCESSING' AND claimed_by LIKE ? AND write_started_at IS "
                     + (writing ? "NOT NULL" : "NULL"))) {
            query.setString(1, nodePrefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    held.put(rows.getLong(1), rows.getString(2));
                }
            }
        }
        return held;
    }

    /** How many of these claims are still held as they were (PROCESSING under the same claimant). */
    private static int unsettled(String url, Map<Long, String> held) throws SQLException {
        if (held.isEmpty()) {
            return 0;
        }
        int count = 0;
        try (Connection connection = Verdict.connect(url);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT state, claimed_by FROM inbound_request WHERE id = ?")) {
            for (Map.Entry<Long, String> claim : held.entrySet()) {
                query.setLong(1, claim.getKey());
                try (ResultSet row = query.executeQuery()) {
                    if (row.next() && "PROCESSING".equals(row.getString(1)) && claim.getValue().equals(row.getString(2))) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    // --------------------------------------------------------------------------- PostgreSQL stopped and started

    private void postgresOutage() throws Exception {
        FaultRow row = add(new FaultRow("PostgreSQL stopped " + POSTGRES_OUTAGE.toSeconds()
                + " s and started again under traffic, two bridges"));
        phase(row.fault);
        Random random = new Random(3003);
        List<String> skus = skus("FPO-", 40);
        ShuffledStock stock = ShuffledStock.waves(random, skus, 20, 50, 8, messageIds::incrementAndGet);
        magento.faults().onlyForPathContaining("source-items").latency(Duration.ofMillis(500));
        Path dataDirectory = bridges.work().resolve("pg-outage");
        Files.createDirectories(dataDirectory);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        EmbeddedPostgres postgres = startPostgres(dataDirectory, port);
        String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
        List<String> live = new CopyOnWriteArrayList<>();
        List<Probes.Probe> probes = Collections.synchronizedList(new ArrayList<>());
        BridgeProcess[] nodes = new BridgeProcess[2];
        Probes[] probing = new Probes[2];
        try (Traffic traffic = new Traffic(inventory(stock), () -> live)) {
            for (int n = 0; n < 2; n++) {
                startNode(nodes, probing, live, probes, n, url, "pg-outage-" + n);
            }
            traffic.start(10);
            TimeUnit.SECONDS.sleep(5);
            long stopping = System.nanoTime();
            postgres.close();
            long stopped = System.nanoTime();
            TimeUnit.MILLISECONDS.sleep(POSTGRES_OUTAGE.toMillis());
            postgres = startPostgres(dataDirectory, port);
            long back = System.nanoTime();
            await("an acknowledgement after PostgreSQL is back", () -> traffic.attempts().stream()
                    .anyMatch(a -> a.acknowledged() && a.startNanos() >= back));
            long firstAck = traffic.attempts().stream().filter(a -> a.acknowledged() && a.startNanos() >= back)
                    .mapToLong(Traffic.Attempt::endNanos).min().orElseThrow();
            long readyAgain = awaitNanos(() -> Probes.snapshot(probes).stream().anyMatch(p -> p.group().equals("readiness")
                    && p.startNanos() >= back && p.up()));
            TimeUnit.SECONDS.sleep(5);
            traffic.stopNewMessages();
            await("every message acknowledged", traffic::allAcknowledged);
            await("every request decided", () -> Verdict.undecided(url, "inventory") == 0);
            long drained = System.nanoTime();
            for (int n = 0; n < 2; n++) {
                probing[n].close();
            }
            live.clear();
            List<Traffic.Attempt> outage = traffic.attemptsDuring(stopping, back);
            row.acknowledged = traffic.acknowledged().size();
            row.answers = "during the outage " + FaultRow.answers(outage) + ", "
                    + outage.stream().filter(Traffic.Attempt::acknowledged).count() + " acknowledged";
            long bound = STORE_TIMEOUT_MS + ANSWER_MARGIN_MS;
            outage.stream().filter(a -> !a.answered() || a.millis() > bound).forEach(a -> row.breaches.add(
                    "an answer during the outage took " + a.millis() + " ms (bound " + bound + " ms): #" + a.messageId()
                            + " " + (a.answered() ? a.status() : a.failure())));
            List<Probes.Probe> readiness = Probes.snapshot(probes).stream().filter(p -> p.group().equals("readiness")
                    && p.startNanos() >= stopping && p.startNanos() < back).toList();
            row.readiness = readiness.size() + " probes, " + readiness.stream().filter(p -> p.status() == 503).count()
                    + " DOWN (503), " + readiness.stream().filter(Probes.Probe::up).count() + " UP, max "
                    + readiness.stream().mapToLong(Probes.Probe::millis).max().orElse(0) + " ms; UP again "
                    + String.format("%.1f s", (readyAgain - back) / 1e9) + " after PostgreSQL was back";
            List<String> perNode = new ArrayList<>();
            for (int n = 0; n < 2; n++) {
                String node = nodes[n].url();
                perNode.add("node-" + n + " " + traffic.attempts().stream()
                        .filter(a -> a.acknowledged() && a.startNanos() >= back && a.bridge().equals(node))
                        .mapToLong(Traffic.Attempt::endNanos).min().stream()
                        .mapToObj(first -> String.format("%.1f s", (first - back) / 1e9)).findFirst().orElse("none"));
            }
            row.recovery = String.format("PostgreSQL back to the first acknowledgement %.1f s (%s), to all PROCESSED "
                    + "%.1f s (stop itself took %.1f s)", (firstAck - back) / 1e9, String.join(", ", perNode),
                    (drained - back) / 1e9, (stopped - stopping) / 1e9);
            for (BridgeProcess node : nodes) {
                node.close();
            }
            inventoryVerdict(row, url, traffic, stock, skus);
        } finally {
            postgres.close();
        }
        row.liveness(probes);
        row.setUp = "Two bridges on a PostgreSQL of their own (embedded, zonky: stopped with pg_ctl's fast shutdown, "
                + "which ends every session, and started again on the same data directory and port), 10 inventory "
                + "messages/s (1–8 lines, 40 SKUs, sequences shuffled within waves of 50, seed 3003); Magento takes 0.5 s per stock write, so batches are "
                + "mid-write when the database goes. 5 s of traffic, PostgreSQL stopped for "
                + POSTGRES_OUTAGE.toSeconds() + " s under the same traffic (long enough for the connection pool's own "
                + "back-off to have grown to 5 s between attempts, had the pool's adder not waited for the database), "
                + "then 5 s more. Bound on an answer during the outage: bridge.inbound.store-timeout (2 s) + "
                + ANSWER_MARGIN_MS + " ms.";
    }

    private static EmbeddedPostgres startPostgres(Path dataDirectory, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port)
                .start();
    }

    // ------------------------------------------------------------------ Magento 5xx / 429 / timeouts / drops, deadlocks

    private void magentoFailures() throws Exception {
        FaultRow row = add(new FaultRow("Magento 5xx/429, timeouts, dropped connections, a 20 s outage"));
        phase(row.fault);
        Random random = new Random(4004);
        List<String> skus = skus("FMG-", 40);
        ShuffledStock stock = ShuffledStock.generate(random, skus, 1_000, 8, 100_000_000, messageIds::incrementAndGet);
        List<Traffic.Message> shipments = new ArrayList<>();
        Map<String, Integer> orders = new LinkedHashMap<>();
        BackOfficeSimulator envelopes = new BackOfficeSimulator("http://orderflow.example", "default",
                BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD, 0);
        for (int i = 0; i < 60; i++) {
            String number = String.format("FMG%06d", i);
            String sku = "FMG-SHIP-" + i;
            magento.addProduct(sku);
            orders.put(number, magento.newOrder(number).item(sku, 2).create());
            long id = messageIds.incrementAndGet();
            shipments.add(new Traffic.Message(id, Traffic.SHIPMENT, envelopes.shipmentEnvelope(id, number,
                    Map.of(sku, 2L), "UPS", "Next Day", "1ZFMG" + i)));
        }
        String url = SharedPostgres.jdbcUrl("faults_magento");
        List<String> live = new CopyOnWriteArrayList<>();
        List<Probes.Probe> probes = Collections.synchronizedList(new ArrayList<>());
        BridgeProcess bridge = bridges.start("magento-failures", bridges.arguments("magento-failures", url,
                "--bridge.magento.read-timeout=2s"));
        Probes probing = new Probes(bridge.url(), probes);
        live.add(bridge.url());
        FaultRow deadlocks = null;
        int failuresProbed = -1;
        try (Traffic inventory = new Traffic(inventory(stock), () -> live).start(10);
             Traffic shipping = new Traffic(shipments, () -> live).start(2)) {
            long faultStart = System.nanoTime();
            magento.faults().reset().seed(4004).errorRate(0.3).errorStatuses(500, 502, 503, 429);
            TimeUnit.SECONDS.sleep(10);
            magento.faults().reset().resetAfterCommitNext(15);
            TimeUnit.SECONDS.sleep(8);
            int dropsLeft = magento.faults().pendingResets();
            magento.faults().reset().latency(Duration.ofSeconds(3));
            TimeUnit.SECONDS.sleep(6);
            magento.faults().reset().seed(4005).errorRate(1.0).errorStatuses(503);
            TimeUnit.SECONDS.sleep(20);
            magento.faults().reset();
            long healed = System.nanoTime();
            inventory.stopNewMessages();
            shipping.stopNewMessages();
            await("every message acknowledged", () -> inventory.allAcknowledged() && shipping.allAcknowledged());
            int replayed = 0;
            for (int round = 0; round < 5; round++) {
                await("every request decided", () -> Verdict.undecided(url, "inventory") == 0
                        && Verdict.undecided(url, "shipment") == 0);
                JsonNode replay = bridge.ops("POST", "/ops/dead-letters/replay");
                replayed += replay.path("replayed").asInt();
                if (replay.path("matched").asInt() == 0) {
                    break;
                }
            }
            long drained = System.nanoTime();
            row.acknowledged = inventory.acknowledged().size() + shipping.acknowledged().size();
            row.answers = FaultRow.answers(concat(inventory.attemptsDuring(faultStart, healed),
                    shipping.attemptsDuring(faultStart, healed)));
            row.recovery = String.format("Magento healed to all PROCESSED %.1f s (%d dead letters replayed in bulk)",
                    (drained - healed) / 1e9, replayed);
            row.note("Inventory and shipments alike; " + (15 - dropsLeft) + " writes dropped after Magento applied them.");
            inventoryVerdict(row, url, inventory, stock, skus);
            Set<Long> acknowledgedShipments = shipping.acknowledged();
            row.lost.addAll(Verdict.lost(url, "shipment", acknowledgedShipments));
            row.duplicates.addAll(Verdict.storedTwice(url, "shipment"));
            orders.forEach((number, entityId) -> {
                int created = magento.shipments(entityId).size();
                if (created > 1) {
                    row.duplicates.add("order " + number + ": " + created + " shipments");
                } else if (created == 0) {
                    row.lost.add("order " + number + ": not shipped");
                }
            });

            failuresProbed = probes.size();
            deadlocks = add(new FaultRow("Magento deadlocks beyond 2 concurrent stock saves (4 writers)"));
            phase(deadlocks.fault);
            deadlocks(deadlocks, url, bridge, live, probes);
        } finally {
            probing.close();
            bridge.close();
        }
        row.liveness(failuresProbed < 0 ? probes : probes.subList(0, failuresProbed));
        row.setUp = "One bridge on PostgreSQL, Magento read timeout 2 s, the shipped retry policy (5 redeliveries from "
                + "0.5 s, doubling). 10 inventory messages/s (40 SKUs, sequences shuffled over the whole run, seed 4004) and 2 shipment messages/s (60 orders "
                + "of one line) while Magento answers, in turn: 10 s of 500/502/503/429 on 30 % of its calls (seeded), "
                + "8 s dropping the connection after applying the next 15 writes, 6 s answering after 3 s (beyond the read "
                + "timeout: the write is applied after the bridge gave up), then 20 s of 503 on every call. Then healed; "
                + "the dead letters replayed in bulk (POST /ops/dead-letters/replay).";
    }

    private void deadlocks(FaultRow row, String url, BridgeProcess bridge, List<String> live, List<Probes.Probe> probes)
            throws Exception {
        Random random = new Random(5005);
        List<String> skus = skus("FDL-", 200);
        ShuffledStock stock = ShuffledStock.generate(random, skus, 120, 40, 100_000_000, messageIds::incrementAndGet);
        int probesBefore = probes.size();
        magento.faults().reset().deadlockBeyond(2, Duration.ofMillis(30));
        try (Traffic traffic = new Traffic(inventory(stock), () -> live).start(80)) {
            long start = System.nanoTime();
            await("every message acknowledged", () -> traffic.sent().size() == stock.envelopes().size()
                    && traffic.allAcknowledged());
            long sent = System.nanoTime();
            await("every request decided", () -> Verdict.undecided(url, "inventory") == 0);
            long drained = System.nanoTime();
            int deadlockAnswers = magento.faults().deadlocks();
            row.acknowledged = traffic.acknowledged().size();
            row.answers = FaultRow.answers(traffic.attemptsDuring(start, drained));
            row.recovery = String.format("last message sent to all PROCESSED %.1f s", (drained - sent) / 1e9);
            JsonNode status = bridge.ops("GET", "/ops/flows/inventory");
            row.note(deadlockAnswers + " saves answered 400 \"Could not save Source Item\" (deadlock); "
                    + status.path("openDeadLetters").asLong() + " open dead letters.");
            inventoryVerdict(row, url, traffic, stock, skus);
        }
        row.liveness(probes.subList(probesBefore, probes.size()));
        row.setUp = "The same bridge after Magento healed; MSI saves deadlock beyond 2 at once (each holds its transaction "
                + "30 ms) and answer 400 \"Could not save Source Item\" as MSI does; 120 messages of 1–40 lines over 200 "
                + "SKUs at 80/s (seed 5005), the bridge's 4 writers.";
    }

    // ----------------------------------------------------------------------------- slow Magento, slow back office

    private void slowMagentoAndBackOffice() throws Exception {
        String url = SharedPostgres.jdbcUrl("faults_slow");
        List<String> live = new CopyOnWriteArrayList<>();
        List<Probes.Probe> probes = Collections.synchronizedList(new ArrayList<>());
        BridgeProcess bridge = bridges.start("slow", bridges.arguments("slow", url,
                "--bridge.orders.import.enabled=true", "--bridge.orders.export.enabled=true",
                "--bridge.orders.import.cron=0 0 0 1 1 ? 2099", "--bridge.orders.export.cron=0 0 0 1 1 ? 2099",
                "--bridge.backoffice.base-url=" + orderFlow.baseUrl(), "--bridge.backoffice.username=" + OF_USER,
                "--bridge.backoffice.password=" + OF_PASSWORD, "--bridge.backoffice.organisation=faults",
                "--bridge.backoffice.channel=faults"));
        Probes probing = new Probes(bridge.url(), probes);
        live.add(bridge.url());
        try {
            slowMagento(Duration.ofMillis(500), 6006, url, live, probes);
            slowMagento(Duration.ofSeconds(10), 6007, url, live, probes);
            slowBackOffice(url, bridge, live, probes);
        } finally {
            probing.close();
            bridge.close();
        }
    }

    private void slowMagento(Duration perWrite, long seed, String url, List<String> live, List<Probes.Probe> probes)
            throws Exception {
        FaultRow row = add(new FaultRow("slow Magento, " + human(perWrite) + " per stock write"));
        phase(row.fault);
        List<String> skus = skus("FSM" + perWrite.toMillis() + "-", 60);
        ShuffledStock stock = ShuffledStock.generate(new Random(seed), skus, 100, 8, 100_000_000,
                messageIds::incrementAndGet);
        int probesBefore = probes.size();
        magento.faults().reset().onlyForPathContaining("source-items").latency(perWrite);
        try (Traffic traffic = new Traffic(inventory(stock), () -> live).start(10)) {
            long start = System.nanoTime();
            await("every message acknowledged", () -> traffic.sent().size() == stock.envelopes().size()
                    && traffic.allAcknowledged());
            long sent = System.nanoTime();
            await("every request decided", () -> Verdict.undecided(url, "inventory") == 0);
            long drained = System.nanoTime();
            row.acknowledged = traffic.acknowledged().size();
            row.answers = FaultRow.answers(traffic.attemptsDuring(start, drained));
            row.recovery = String.format("last message sent to all PROCESSED %.1f s", (drained - sent) / 1e9);
            inventoryVerdict(row, url, traffic, stock, skus);
        } finally {
            magento.faults().reset();
        }
        row.liveness(probes.subList(probesBefore, probes.size()));
        row.setUp = "One bridge on PostgreSQL, the shipped Magento timeouts (read 30 s); every stock write takes "
                + human(perWrite) + "; 100 inventory messages at 10/s (1–8 lines, 60 SKUs, seed " + seed + ").";
    }

    private void slowBackOffice(String url, BridgeProcess bridge, List<String> live, List<Probes.Probe> probes)
            throws Exception {
        FaultRow row = add(new FaultRow("slow back office, 10 s per OrderFlow import call"));
        phase(row.fault);
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String number = String.format("FBO%06d", i);
            magento.newOrder(number).item("FBO-SKU-" + (i % 7), 1 + i % 3).create();
            numbers.add(number);
        }
        bridge.ops("POST", "/ops/orders/import");
        List<String> skus = skus("FBO-", 40);
        ShuffledStock stock = ShuffledStock.waves(new Random(7007), skus, 20, 50, 8,
                messageIds::incrementAndGet);
        int probesBefore = probes.size();
        orderFlow.latency(Duration.ofSeconds(10));
        try (Traffic traffic = new Traffic(inventory(stock), () -> live).start(10)) {
            long start = System.nanoTime();
            int calls = 0;
            while (bridge.ops("POST", "/ops/orders/export").path("orders").asInt() > 0) {
                calls++;
            }
            long exported = System.nanoTime();
            orderFlow.latency(Duration.ZERO);
            traffic.stopNewMessages();
            await("every message acknowledged", traffic::allAcknowledged);
            await("every request decided", () -> Verdict.undecided(url, "inventory") == 0);
            row.acknowledged = traffic.acknowledged().size();
            row.answers = "inventory acks while exporting: " + FaultRow.answers(traffic.attemptsDuring(start, exported));
            row.recovery = String.format("%d orders exported in %d calls, %.1f s", numbers.size(), calls,
                    (exported - start) / 1e9);
            for (String number : numbers) {
                if (orderFlow.imported(number) == null) {
                    row.lost.add("order " + number + " not imported by OrderFlow");
                }
            }
            Map<String, Integer> sent = new HashMap<>();
            Pattern reference = Pattern.compile("externalReference=\"(FBO\\d+)\"");
            for (OrderFlowSimulator.Received received : orderFlow.received()) {
                Matcher matcher = reference.matcher(received.body());
                Set<String> inCall = new HashSet<>();
                while (matcher.find()) {
                    inCall.add(matcher.group(1));
                }
                inCall.forEach(number -> sent.merge(number, 1, Integer::sum));
            }
            sent.forEach((number, times) -> {
                if (times > 1) {
                    row.duplicates.add("order " + number + " sent " + times + " times");
                }
            });
            inventoryVerdict(row, url, traffic, stock, skus);
        } finally {
            orderFlow.latency(Duration.ZERO);
        }
        row.liveness(probes.subList(probesBefore, probes.size()));
        row.setUp = "The same bridge; 120 orders imported from Magento, then exported to an OrderFlow that answers each "
                + "import call after 10 s (batches of 50, the shipped back-office read timeout 60 s), while 10 inventory "
                + "messages/s arrive (40 SKUs, seed 7007). Order status updates go only to the JSON back office, not "
                + "measured here.";
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private FaultRow add(FaultRow row) {
        rows.add(row);
        return row;
    }

    private List<String> skus(String prefix, int count) {
        List<String> skus = ShuffledStock.skus(count, i -> prefix + i);
        skus.forEach(magento::addProduct);
        return skus;
    }

    private static List<Traffic.Message> inventory(ShuffledStock stock) {
        List<Traffic.Message> messages = new ArrayList<>();
        for (int i = 0; i < stock.envelopes().size(); i++) {
            messages.add(new Traffic.Message(stock.messageIds().get(i), Traffic.INVENTORY, stock.envelopes().get(i)));
        }
        return messages;
    }

    /** Lost, stored twice, older after newer and not at the newest value, for the inventory messages sent. */
    private void inventoryVerdict(FaultRow row, String url, Traffic traffic, ShuffledStock stock, List<String> skus)
            throws SQLException {
        row.lost.addAll(Verdict.lost(url, "inventory", traffic.acknowledged()));
        row.duplicates.addAll(Verdict.storedTwice(url, "inventory"));
        int redeliveries = Verdict.redeliveries(url, "inventory");
        if (redeliveries > 0) {
            row.note(redeliveries + " messages sent again after their acknowledgement was lost were recorded as "
                    + "DUPLICATE of the first and not applied again.");
        }
        Map<String, Long> newest = new HashMap<>();
        for (int i = 0; i < traffic.sent().size(); i++) {
            stock.sequences().get(i).forEach((sku, seq) -> newest.merge(sku, seq, Math::max));
        }
        Verdict.notNewest(magento, newest).forEach(wrong -> row.lost.add("value lost, " + wrong));
        Set<String> skuSet = Set.copyOf(skus);
        row.olderAfterNewer.addAll(Verdict.olderAfterNewer(magento, skuSet));
        int rewrites = Verdict.rewrites(magento, skuSet);
        if (rewrites > 0) {
            row.note(rewrites + " stock writes repeated a value Magento already had (absolute quantities: harmless).");
        }
    }

    private static List<Traffic.Attempt> concat(List<Traffic.Attempt> a, List<Traffic.Attempt> b) {
        List<Traffic.Attempt> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void await(String what, Condition condition) throws Exception {
        awaitNanos(what, condition);
    }

    private static long awaitNanos(Condition condition) throws Exception {
        return awaitNanos("a condition", condition);
    }

    /** Polls every 50 ms until the condition holds (then returns System.nanoTime) or fails after three minutes. */
    private static long awaitNanos(String what, Condition condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + WAIT + ": " + what);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return System.nanoTime();
    }

    private static void awaitUnchecked(String what, Condition condition) {
        try {
            await(what, condition);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** -Dfaults.<name> in the suite's JVM, else the environment's FAULTS_<NAME> (mvn passes it on), else the default. */
    private static long setting(String name, long otherwise) {
        String value = System.getProperty("faults." + name,
                System.getenv(("FAULTS_" + name).toUpperCase().replace('-', '_')));
        return value == null || value.isBlank() ? otherwise : Long.parseLong(value.trim());
    }

    /** "median 1.2 s, max 3.4 s (5 kills)", or "no kill" for none. */
    private static String spread(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "no kill";
        }
        return String.format("median %.1f s, max %.1f s (%d kills)", sorted[sorted.length / 2] / 1e3,
                sorted[sorted.length - 1] / 1e3, sorted.length);
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
    }

    private static void phase(String name) {
        System.err.println("[faults] " + java.time.Instant.now() + " " + name);
    }

    private String section(double seconds) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("Run ").append(ZonedDateTime.now(ZoneOffset.UTC).withNano(0)).append(" on ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(BenchReport.cpu())
                .append("), commit ").append(BenchReport.commit()).append(", Java ").append(System.getProperty("java.version"))
                .append(String.format(", %.1f minutes. ", seconds / 60))
                .append("Each bridge is its own JVM from the packaged jar (").append(Bridges.JVM)
                .append(", class-data-sharing archive); the back-office senders, the probes and the Magento and OrderFlow "
                        + "simulators run in the suite's JVM, PostgreSQL (embedded, zonky) beside them, all on the same "
                        + "cores; the machine's load average over the last minute when the suite ended: "
                        + String.format(java.util.Locale.ROOT, "%.1f",
                                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                        + ". Must be 0: lost (acknowledged and "
                        + "not PROCESSED in the end, or a SKU not at its newest value), older after newer (a write of an "
                        + "older sequence after a newer one for the same SKU and source, from Magento's write log), "
                        + "duplicates applied (a message stored twice, a second shipment, an order sent twice). Liveness "
                        + "must answer UP within 1 s every time; an answer during the database outage within "
                        + "bridge.inbound.store-timeout + ").append(ANSWER_MARGIN_MS).append(" ms.\n\n");
        text.append(FaultRow.tableHeader());
        rows.forEach(row -> text.append(row.tableRow()));
        text.append('\n');
        rows.forEach(row -> text.append(row.paragraph()));
        List<String> breaches = new ArrayList<>();
        rows.forEach(row -> row.breaches().forEach(b -> breaches.add(row.fault + ": " + b)));
        text.append(breaches.isEmpty() ? "Verdict: every must-be-zero figure is 0 and every bound held.\n"
                : "Verdict: **failed** — " + String.join(" / ", breaches) + "\n");
        return text.toString();
    }
}
