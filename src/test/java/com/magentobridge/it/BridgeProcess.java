package com.magentobridge.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.awaitility.Awaitility.await;

/** A bridge as it runs in production: its own JVM from the packaged jar, the shipped configuration plus arguments. */
public final class BridgeProcess implements AutoCloseable {

    public static final String OPS_USER = "ops";
    public static final String OPS_PASSWORD = "ops-password";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final Process process;
    private final String url;

    private BridgeProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts the jar with {@code jvmOptions} and {@code arguments} (--key=value) and waits until it has started. */
    public static BridgeProcess start(String jvmOptions, List<String> arguments, Path log) throws Exception {
        return start(Path.of("target", "magento-bridge.jar"), jvmOptions, arguments, log);
    }

    /**
     * The same from another copy of the packaged application, e.g. the jar extracted for a class-data-sharing archive
     * (the fault suite restarts bridges 70 times: they start in about 2 s instead of 7).
     */
    public static BridgeProcess start(Path jar, String jvmOptions, List<String> arguments, Path log) throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: it is built by mvn -B package (verify and the benchmarks build it)");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port,
                "--bridge.ops.username=" + OPS_USER, "--bridge.ops.password=" + OPS_PASSWORD));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BridgeProcess bridge = new BridgeProcess(process, "http://127.0.0.1:" + port);
        bridge.awaitHealthy(log);
        return bridge;
    }

    /**
     * The arguments of a node named {@code nodeName} on the PostgreSQL database {@code jdbcUrl} against the shared
     * Magento simulator (bearer: that simulator lets the integration token in), with the ITs' inbound credentials;
     * {@code more} (--key=value) after them.
     */
    public static List<String> postgresNode(String jdbcUrl, String nodeName, String... more) {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--bridge.node-name=" + nodeName,
                "--bridge.magento.base-url=" + SharedMagento.SIMULATOR.baseUrl(),
                "--bridge.magento.token=" + SharedMagento.TOKEN,
                "--bridge.inbound.username=" + BridgeClient.INBOUND_USER,
                "--bridge.inbound.password=" + BridgeClient.INBOUND_PASSWORD));
        arguments.addAll(Arrays.asList(more));
        return arguments;
    }

    public String url() {
        return url;
    }

    /**
     * Until the bridge has started: its readiness is no longer OUT_OF_SERVICE (it may be DOWN for Magento's sake).
     * Liveness is UP while it starts, and inbound calls are answered 503 "the bridge is starting" until then.
     */
    private void awaitHealthy(Path log) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bridge exited at start-up; see " + log);
            }
            try {
                HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health/readiness"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                String status = json.readTree(readiness.body()).path("status").asText();
                return !status.isEmpty() && !status.equals("OUT_OF_SERVICE");
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    /** Calls the ops API; anything but 200 is an error. */
    public JsonNode ops(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", BridgeClient.basic(OPS_USER, OPS_PASSWORD))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " → " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    /** Requests of the flow not decided yet, as this node's ops API counts them (all nodes' requests on a shared database). */
    public long undecided(String flow) throws Exception {
        JsonNode requests = ops("GET", "/ops/flows/" + flow).get("requests");
        return requests.path("RECEIVED").asLong() + requests.path("PROCESSING").asLong();
    }

    /** {@code kill -9}: the JVM gets no chance to flush or shut down. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
