package com.magentobridge.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import com.magentobridge.it.BridgeProcess;
import com.magentobridge.simulator.backoffice.BackOfficeSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * Scale-out benchmark: inventory SOAP acks/s and SKU lines/s end to end with one and two bridge instances on an
 * embedded PostgreSQL, and one instance on H2 for comparison. Each bridge is its own JVM from the packaged jar; the
 * Magento simulator, the senders and PostgreSQL share the same cores. Writes its section of BENCHMARKS.md. Run:
 * {@code mvn -B -Pbench-scale verify}.
 */
public final class ScaleOutBenchmark {

    private static final int LINES_PER_MESSAGE = 200;
    private static final int MESSAGES = 800;
    private static final int WARM_UP = 300;
    /** Each set-up is measured this many times, interleaved with the others (this shared machine is noisy). */
    private static final int ROUNDS = 2;
    private static final String TOKEN = "bench-token";
    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password";
    private static final String JVM = System.getProperty("bench.bridge-jvm", "-Xmx1g -XX:MaxGCPauseMillis=20");

    private final MagentoSimulator magento = BenchMagento.start(TOKEN);
    private final List<String> catalog = new ArrayList<>();
    private final Random random = new Random(11);
    private final AtomicLong messageSeq = new AtomicLong(1);
    private final AtomicLong inventorySeq = new AtomicLong(1);

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "BENCHMARKS.md");
        ScaleOutBenchmark benchmark = new ScaleOutBenchmark();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String section = benchmark.run(postgres);
            System.out.println(section);
            BenchReport.writeSection(report, "scale-out-benchmark", "## Several instances (issue 7)\n\n" + section);
        } finally {
            benchmark.magento.stop();
        }
        System.exit(0);
    }

    private record Figures(double acksPerSecond, double linesPerSecond) { }

    private String run(EmbeddedPostgres postgres) throws Exception {
        for (int i = 0; i < 50_000; i++) {
            catalog.add("SCALE-" + i);
            magento.addProduct("SCALE-" + i);
        }
        magento.setCallLogCapacity(10);
        List<Figures> h2 = new ArrayList<>();
        List<Figures> pgOne = new ArrayList<>();
        List<Figures> pgTwo = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            Path data = Files.createTempDirectory("bridge-scale");
            h2.add(measure("h2-" + round,
                    List.of("--spring.datasource.url=jdbc:h2:file:" + data.resolve("bridge")), 1));
            org.springframework.util.FileSystemUtils.deleteRecursively(data.toFile());
            pgOne.add(measure("pg1-" + round, postgresArguments(postgres, "scale_one_" + round), 1));
            pgTwo.add(measure("pg2-" + round, postgresArguments(postgres, "scale_two_" + round), 2));
        }
        String cpu = BenchReport.cpu();
        double lineRatio = mean(pgTwo, Figures::linesPerSecond) / mean(pgOne, Figures::linesPerSecond);
        double ackRatio = mean(pgTwo, Figures::acksPerSecond) / mean(pgOne, Figures::acksPerSecond);
        return "Run " + ZonedDateTime.now(ZoneOffset.UTC).withNano(0) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores (" + cpu + "). Each bridge is its own JVM (" + JVM + ") from the packaged jar; the senders, the "
                + "Magento simulator and PostgreSQL (embedded, zonky) run on the same cores. " + MESSAGES + " messages of "
                + LINES_PER_MESSAGE + " SKUs (random over 50,000), 8 concurrent senders spread over the nodes; acks measured "
                + "with processing paused, lines/s from resuming the loaded inbox until every request is decided; each set-up "
                + "warmed up with " + WARM_UP + " messages and measured " + ROUNDS + " times, interleaved.\n\n"
                + "| set-up | SOAP acks/s | SKU lines/s end to end |\n|---|---|---|\n"
                + row("H2 file, 1 instance", h2) + row("PostgreSQL, 1 instance", pgOne) + row("PostgreSQL, 2 instances", pgTwo)
                + String.format("%n2 instances ÷ 1 instance on PostgreSQL (means): acks %.2f, lines %.2f (target ≥ 0.9: %s).%n",
                        ackRatio, lineRatio, ackRatio >= 0.9 && lineRatio >= 0.9 ? "met" : "**missed**");
    }

    private static double mean(List<Figures> figures, java.util.function.ToDoubleFunction<Figures> measure) {
        return figures.stream().mapToDouble(measure).average().orElse(Double.NaN);
    }

    /** Every round's figure, then the mean: "106, 163 (mean 135)". */
    private static String each(List<Figures> figures, java.util.function.ToDoubleFunction<Figures> measure) {
        return figures.stream().map(f -> String.format("%.0f", measure.applyAsDouble(f)))
                .collect(java.util.stream.Collectors.joining(", ")) + String.format(" (mean %.0f)", mean(figures, measure));
    }

    private static String row(String setUp, List<Figures> figures) {
        return String.format("| %s | %s | %s |%n", setUp, each(figures, Figures::acksPerSecond),
                each(figures, Figures::linesPerSecond));
    }

    private static List<String> postgresArguments(EmbeddedPostgres postgres, String database) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
        return List.of("--spring.datasource.url=" + postgres.getJdbcUrl("postgres", database) + "&reWriteBatchedInserts=true",
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");
    }

    /** One set-up: its bridges' logs go to target/bench-scale-{label}-{node}.log. */
    private Figures measure(String label, List<String> database, int instances) throws Exception {
        List<BridgeProcess> nodes = new ArrayList<>();
        try {
            for (int n = 0; n < instances; n++) {
                List<String> arguments = new ArrayList<>(database);
                arguments.addAll(List.of("--bridge.magento.base-url=" + magento.baseUrl(), "--bridge.magento.token=" + TOKEN,
                        "--bridge.inbound.username=" + USER, "--bridge.inbound.password=" + PASSWORD,
                        "--bridge.node-name=bench-" + n, "--bridge.orders.import.enabled=false",
                        "--bridge.orders.export.enabled=false", "--logging.level.com.magentobridge=WARN",
                        "--logging.level.com.magentobridge.inventory.InventoryBatchService=INFO"));
                nodes.add(BridgeProcess.start(JVM, arguments, Path.of("target", "bench-scale-" + label + "-" + n + ".log")));
            }
            List<BackOfficeSimulator> senders = nodes.stream()
                    .map(node -> new BackOfficeSimulator(node.url(), "default", USER, PASSWORD, 0)).toList();
            // warm-up: JIT, connection pools, caches
            send(messages(senders.get(0), WARM_UP), senders);
            awaitDecided(nodes.get(0));

            for (BridgeProcess node : nodes) {
                node.ops("POST", "/ops/flows/inventory/pause");
            }
            List<String> load = messages(senders.get(0), MESSAGES);
            long start = System.nanoTime();
            send(load, senders);
            double ackSeconds = (System.nanoTime() - start) / 1e9;

            start = System.nanoTime();
            for (BridgeProcess node : nodes) {
                node.ops("POST", "/ops/flows/inventory/resume");
            }
            awaitDecided(nodes.get(0));
            double processSeconds = (System.nanoTime() - start) / 1e9;
            return new Figures(MESSAGES / ackSeconds, (double) MESSAGES * LINES_PER_MESSAGE / processSeconds);
        } finally {
            for (BridgeProcess node : nodes) {
                node.close();
            }
        }
    }

    /** Sends every envelope once, 8 at a time, each to the nodes in turn. */
    private static void send(List<String> envelopes, List<BackOfficeSimulator> senders) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BackOfficeSimulator.Sent>> replies = new ArrayList<>();
            for (int i = 0; i < envelopes.size(); i++) {
                BackOfficeSimulator sender = senders.get(i % senders.size());
                String envelope = envelopes.get(i);
                replies.add(pool.submit(() -> sender.sendEnvelope(envelope)));
            }
            for (Future<BackOfficeSimulator.Sent> reply : replies) {
                BackOfficeSimulator.Sent sent = reply.get();
                if (sent.status() != 200 || !sent.reply().contains("Received")) {
                    throw new IllegalStateException("bridge answered " + sent.status() + ": " + sent.reply());
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    private static void awaitDecided(BridgeProcess node) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (node.undecided("inventory") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("inventory requests still undecided after 10 minutes");
            }
            TimeUnit.MILLISECONDS.sleep(25);
        }
    }

    private List<String> messages(BackOfficeSimulator envelopes, int count) {
        List<String> result = new ArrayList<>(count);
        for (int m = 0; m < count; m++) {
            Map<String, Long> qty = new LinkedHashMap<>();
            Map<String, Long> seq = new LinkedHashMap<>();
            while (qty.size() < LINES_PER_MESSAGE) {
                String sku = catalog.get(random.nextInt(catalog.size()));
                if (!qty.containsKey(sku)) {
                    qty.put(sku, (long) random.nextInt(500));
                    seq.put(sku, inventorySeq.incrementAndGet());
                }
            }
            result.add(envelopes.inventoryEnvelope(messageSeq.incrementAndGet(), qty, seq, null));
        }
        return result;
    }
}
