package com.magentobridge.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.util.FileSystemUtils;

import com.magentobridge.it.BridgeClient;
import com.magentobridge.it.BridgeProcess;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * Starts the bridges of the suite: the packaged jar, extracted as Spring Boot's tools jar mode lays it out, with a
 * class-data-sharing archive trained once per run — a bridge then starts in about 2 s instead of 7, which is what keeps
 * 70 restarts within the suite's minutes. Each bridge is its own JVM with the shipped configuration plus arguments.
 */
final class Bridges {

    /** JVM options of every bridge (-Dfaults.bridge-jvm="…" to change them). */
    static final String JVM = System.getProperty("faults.bridge-jvm", "-Xmx384m -XX:TieredStopAtLevel=1");

    private final Path work;
    private final Path jar;
    private final Path archive;
    private final MagentoSimulator magento;

    private Bridges(Path work, MagentoSimulator magento) {
        this.work = work;
        this.jar = work.resolve("app").resolve("magento-bridge.jar");
        this.archive = work.resolve("bridge.jsa");
        this.magento = magento;
    }

    /** Extracts target/magento-bridge.jar under {@code work} and trains the archive on a start against an empty H2. */
    static Bridges prepare(Path work, MagentoSimulator magento) throws Exception {
        Path packaged = Path.of("target", "magento-bridge.jar");
        if (!Files.exists(packaged)) {
            throw new IllegalStateException(packaged + " is missing: it is built by mvn -B -Pfaults verify (package phase)");
        }
        FileSystemUtils.deleteRecursively(work);
        Files.createDirectories(work);
        run(work.resolve("extract.log"), List.of(java(), "-Djarmode=tools", "-jar", packaged.toString(), "extract",
                "--destination", work.resolve("app").toString()));
        Bridges bridges = new Bridges(work, magento);
        List<String> training = new ArrayList<>(List.of(java()));
        training.addAll(List.of(JVM.trim().split("\\s+")));
        training.addAll(List.of("-XX:ArchiveClassesAtExit=" + bridges.archive, "-Dspring.context.exit=onRefresh",
                "-jar", bridges.jar.toString(), "--server.port=0", "--bridge.ops.username=" + BridgeProcess.OPS_USER,
                "--bridge.ops.password=" + BridgeProcess.OPS_PASSWORD));
        training.addAll(bridges.arguments("training", "jdbc:h2:file:" + work.resolve("training").resolve("bridge").toAbsolutePath()));
        run(work.resolve("training.log"), training);
        return bridges;
    }

    /**
     * The settings every bridge of the suite runs with on this database, then {@code extra} ("--key=value"), which
     * replace a default of the same key (Spring would join two values of one key).
     */
    List<String> arguments(String node, String url, String... extra) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spring.datasource.url", url);
        if (url.startsWith("jdbc:postgresql")) {
            settings.put("spring.datasource.username", "postgres");
            settings.put("spring.datasource.password", "postgres");
        }
        settings.put("bridge.node-name", node);
        settings.put("bridge.magento.base-url", magento.baseUrl());
        // every call signed (oauth1), as a store with default settings needs
        settings.put("bridge.magento.consumer-key", magento.integration().consumerKey());
        settings.put("bridge.magento.consumer-secret", magento.integration().consumerSecret());
        settings.put("bridge.magento.access-token", magento.integration().accessToken());
        settings.put("bridge.magento.access-token-secret", magento.integration().accessTokenSecret());
        settings.put("bridge.inbound.username", BridgeClient.INBOUND_USER);
        settings.put("bridge.inbound.password", BridgeClient.INBOUND_PASSWORD);
        settings.put("bridge.orders.import.enabled", "false");
        settings.put("bridge.orders.export.enabled", "false");
        settings.put("bridge.retention.enabled", "false");
        settings.put("bridge.inventory.poll-delay-ms", "100");
        settings.put("bridge.shipment.poll-delay-ms", "200");
        for (String setting : extra) {
            int eq = setting.indexOf('=');
            settings.put(setting.substring(2, eq), setting.substring(eq + 1));
        }
        List<String> arguments = new ArrayList<>();
        settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments;
    }

    /** Starts a bridge and waits until it has started; its log is {@code work/<log>.log}. */
    BridgeProcess start(String log, List<String> arguments) throws Exception {
        return BridgeProcess.start(jar, JVM + " -XX:SharedArchiveFile=" + archive + " -Xshare:auto", arguments,
                work.resolve(log + ".log"));
    }

    Path work() {
        return work;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void run(Path log, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command.subList(0, 3)) + "… failed; see " + log);
        }
    }
}
