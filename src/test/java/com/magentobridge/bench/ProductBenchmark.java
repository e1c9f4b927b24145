package com.magentobridge.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import com.magentobridge.it.BridgeProcess;
import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * The product export benchmark: 50,000 products in the Magento simulator (45,000 simple, 500 configurables with 10
 * children each: 10% configurable children, every other child without an image of its own), a real bridge (packaged
 * jar, durable H2 file) exporting them to the OrderFlow simulator. Measures the first full export, an unchanged
 * catalogue's sweep (time, documents sent, pages read) and one edit's time from the Magento save to the back office
 * with the export's cron every 15 s. Writes the figures into BENCHMARKS.md. Run: {@code mvn -B -Pbench-products
 * verify}.
 */
public final class ProductBenchmark {

    private static final String TOKEN = "bench-token";
    private static final int SIMPLE = 45_000;
    private static final int CONFIGURABLES = 500;
    private static final int CHILDREN = 10;
    private static final int CRON_SECONDS = 15;

    private final MagentoSimulator magento = BenchMagento.start(TOKEN);
    private final OrderFlowSimulator orderFlow = new OrderFlowSimulator("bench-of", "bench-of-password").start(0);
    private BridgeProcess bridge;
    private Path data;

    public static void main(String[] args) throws Exception {
        ProductBenchmark benchmark = new ProductBenchmark();
        BenchReport.runAndWrite(args, "product-benchmark", benchmark::run, benchmark::close);
    }

    private String run() throws Exception {
        magento.addProductAttribute("color", "select", Map.of("49", "Black", "50", "Blue"));
        for (int i = 0; i < SIMPLE; i++) {
            magento.newProduct("BP-" + i).name("Bench product " + i).price(Integer.toString(10 + i % 90))
                    .image("/b/p/bp-" + i + ".jpg").attribute("color", i % 2 == 0 ? "49" : "50").create();
        }
        for (int c = 0; c < CONFIGURABLES; c++) {
            List<String> children = new ArrayList<>();
            for (int k = 0; k < CHILDREN; k++) {
                String child = "BC-" + c + "-" + k;
                var builder = magento.newProduct(child).name("Bench child " + c + " size " + k).price("25")
                        .notVisibleIndividually();
                if (k % 2 == 0) {
                    builder.image("/b/c/bc-" + c + "-" + k + ".jpg");
                }
                builder.create();
                children.add(child);
            }
            magento.newProduct("BC-" + c).name("Bench configurable " + c).type("configurable")
                    .image("/b/c/bc-" + c + ".jpg").children(children.toArray(String[]::new)).create();
        }
        int expected = SIMPLE + CONFIGURABLES * CHILDREN;
        int total = magento.productCount();
        // a catalogue built over time (one created in a burst is re-read by every poll of the next minute, the overlap)
        java.time.Instant yesterday = java.time.Instant.now().minus(Duration.ofDays(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<String> skus = magento.productSkus();
        for (int i = 0; i < skus.size(); i++) {
            magento.setProductUpdatedAt(skus.get(i), yesterday.plusSeconds(i));
        }
        data = Files.createTempDirectory("product-bench");
        bridge = BridgeProcess.start(BridgeBenchmark.DEFAULT_BRIDGE_JVM, List.of(
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("bridge"),
                "--bridge.magento.base-url=" + magento.baseUrl(),
                "--bridge.magento.token=" + TOKEN,
                "--bridge.inbound.username=bench", "--bridge.inbound.password=bench-password",
                "--bridge.orders.import.enabled=false", "--bridge.orders.export.enabled=false",
                // the first export is started by the benchmark; the cron runs for the edit
                "--bridge.products.export.cron=0/" + CRON_SECONDS + " * * * * ?",
                "--bridge.products.sweep.cron=0 0 0 1 1 ? 2099",
                "--bridge.backoffice.base-url=" + orderFlow.baseUrl(), "--bridge.backoffice.username=bench-of",
                "--bridge.backoffice.password=bench-of-password", "--bridge.backoffice.organisation=bench",
                "--bridge.backoffice.channel=bench",
                "--logging.level.com.magentobridge=WARN"), Path.of("target", "bench-products-bridge.log"));

        StringBuilder out = new StringBuilder(header());

        // 1. First full export: poll every page, map, send in batches, record.
        long start = System.nanoTime();
        bridge.ops("POST", "/ops/products/run");
        awaitImports(expected, Duration.ofMinutes(20));
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        double perMinute = expected / firstSeconds * 60;
        out.append(row("First full export (" + total + " products: " + SIMPLE + " simple, " + CONFIGURABLES
                        + " configurables with " + CHILDREN + " children each; simple ones and children sent)",
                String.format("%.0f products/min (%d products sent in %.1f s)", perMinute,
                        orderFlow.productImportCount(), firstSeconds),
                "≥ 25,000 products/min", perMinute >= 25_000 && orderFlow.productImportCount() == expected));

        // 2. An unchanged catalogue's sweep: every page read, nothing sent.
        magento.setCallLogCapacity(100_000);
        magento.clearCalls();
        int sentBefore = orderFlow.received().size();
        start = System.nanoTime();
        JsonNode sweep = bridge.ops("POST", "/ops/products/sweep");
        double sweepSeconds = (System.nanoTime() - start) / 1e9;
        // the sweep's own reads: the export cron's polls (every CRON_SECONDS) filter on updated_at, the sweep never does
        long pagesRead = magento.calls("/V1/products").stream().filter(call -> call.path().endsWith("/V1/products"))
                .filter(call -> call.decodedQuery() == null || !call.decodedQuery().contains("[field]=updated_at"))
                .count();
        bridge.ops("POST", "/ops/products/run");
        int documents = orderFlow.received().size() - sentBefore;
        double productsPerPage = (double) total / Math.max(1, pagesRead);
        magento.setCallLogCapacity(0);
        out.append(row("Unchanged catalogue's sweep (every product page read, mapped and compared)",
                String.format("%.1f s, %d documents sent, %d pages read (%.0f products per page; %d products read, "
                                + "%d marked pending)", sweepSeconds, documents, pagesRead, productsPerPage,
                        sweep.get("read").asInt(), sweep.get("pending").asInt()),
                "0 sent, ≤ 1 page per 300 products", documents == 0 && pagesRead <= total / 300 + 1));

        // 3. One edit, from the Magento save to the back office, with the export's cron running.
        double worst = 0;
        List<String> edits = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String sku = "BP-" + (round * 997);
            String name = "Edited " + round;
            long saved = System.nanoTime();
            magento.saveProduct(sku, "name", name);
            awaitDescription(sku, name, Duration.ofMinutes(2));
            double seconds = (System.nanoTime() - saved) / 1e9;
            worst = Math.max(worst, seconds);
            edits.add(String.format("%.1f", seconds));
        }
        out.append(row("One edit, Magento save to back office (cron every " + CRON_SECONDS + " s)",
                String.format("worst %.1f s (3 edits: %s s)", worst, String.join(" / ", edits)),
                "≤ one cron period + 5 s", worst <= CRON_SECONDS + 5));
        return out.toString();
    }

    private void awaitImports(int expected, Duration atMost) {
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> orderFlow.productImportCount() >= expected);
    }

    private void awaitDescription(String sku, String description, Duration atMost) {
        org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> orderFlow.product(sku) != null && description.equals(orderFlow.product(sku).get("description")));
    }

    private static String row(String what, String measured, String target, boolean met) {
        return "| " + what + " | " + measured + " | " + target + " | " + (met ? "met" : "**missed**") + " |\n";
    }

    private static String header() throws Exception {
        return "Run " + ZonedDateTime.now(ZoneOffset.UTC).withNano(0) + " on " + Runtime.getRuntime().availableProcessors()
                + " cores (" + BenchReport.cpu() + "), Java " + System.getProperty("java.version") + ", "
                + ManagementFactory.getOperatingSystemMXBean().getName() + ". The bridge runs from the packaged jar in "
                + "its own JVM (" + BridgeBenchmark.DEFAULT_BRIDGE_JVM + ") on an H2 file; the Magento and OrderFlow "
                + "simulators run in a second JVM on the same cores (Magento's input limits on: 300 per page).\n\n"
                + "| measure | measured | target | |\n|---|---|---|---|\n";
    }

    private void close() throws InterruptedException {
        BenchReport.stopAll(bridge, magento, orderFlow, data);
    }
}
