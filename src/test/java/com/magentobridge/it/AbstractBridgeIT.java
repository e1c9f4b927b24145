package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.magentobridge.ops.RequestAudit;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * A whole bridge on a random port, on its own in-memory H2, writing to the shared Magento simulator over
 * real HTTP. Subclasses share one cached context per set of properties; tests use their own SKUs and
 * message ids so they never see each other's data.
 */
@CamelSpringBootTest
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:bridge-${random.uuid};DB_CLOSE_DELAY=-1",
        "bridge.inbound.username=" + BridgeClient.INBOUND_USER,
        "bridge.inbound.password=" + BridgeClient.INBOUND_PASSWORD,
        "bridge.inbound.token=" + BridgeClient.INBOUND_TOKEN,
        "bridge.ops.username=" + BridgeClient.OPS_USER,
        "bridge.ops.password=" + BridgeClient.OPS_PASSWORD,
        "bridge.inventory.poll-delay-ms=50",
        "bridge.shipment.poll-delay-ms=50",
        "bridge.orderstatus.poll-delay-ms=50",
        "bridge.orders.import.enabled=false",
        "bridge.orders.export.enabled=false",
        "bridge.products.enabled=false",
        "bridge.retention.enabled=false",
        "camel.main.name=bridge-it-${random.uuid}",
        // on PostgreSQL every test context is a Quartz cluster of its own (contexts of other tests share the database)
        "bridge.cluster.name=bridge-it-${random.uuid}",
        "bridge.inbound.max-body-bytes=200000",
        "bridge.retry.default.max-redeliveries=3",
        "bridge.retry.default.initial-delay=10ms",
        "bridge.retry.default.max-delay=50ms",
        "bridge.magento.read-timeout=5s",
        // health: Magento's answer is reused briefly, so tests see a change within a second
        "bridge.health.magento-cache=200ms",
        // the cached test contexts close together when the test JVM ends: a poll caught mid-batch is not waited for
        "camel.main.shutdown-timeout=2"
})
public abstract class AbstractBridgeIT {

    private static final AtomicLong MESSAGE_IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    protected static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final ObjectMapper OPS_JSON = new ObjectMapper();

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected RequestAudit audit;

    @DynamicPropertySource
    static void magento(DynamicPropertyRegistry registry) {
        registry.add("bridge.magento.base-url", MAGENTO::baseUrl);
        // every IT built on this class signs its Magento calls (OAuth 1.0a), as a bridge on a current store does
        SharedMagento.OAUTH1.forEach((key, value) -> registry.add(key, () -> value));
    }

    protected BridgeClient bridge() {
        return new BridgeClient(port);
    }

    /** An ops POST that must answer 200, its JSON answer. */
    protected JsonNode opsPostOk(String path, String body) throws Exception {
        BridgeClient.Reply reply = bridge().opsPost(path, body);
        assertThat(reply.status()).as("POST " + path + ": " + reply.body()).isEqualTo(200);
        return OPS_JSON.readTree(reply.body());
    }

    /** An ops GET that must answer 200, its JSON answer. */
    protected JsonNode opsGetOk(String path) throws Exception {
        BridgeClient.Reply reply = bridge().opsGet(path);
        assertThat(reply.status()).as("GET " + path + ": " + reply.body()).isEqualTo(200);
        return OPS_JSON.readTree(reply.body());
    }

    /** What bin/bridge-ops did: its exit status, standard output and error. */
    protected record Run(int exit, String out, String err) { }

    /** Runs bin/bridge-ops against this bridge with the ops credentials. */
    protected Run cli(String... args) throws java.io.IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", "bin/bridge-ops"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("BRIDGE_URL", bridge().base());
        builder.environment().put("BRIDGE_OPS_USERNAME", BridgeClient.OPS_USER);
        builder.environment().put("BRIDGE_OPS_PASSWORD", BridgeClient.OPS_PASSWORD);
        Process process = builder.start();
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as("bridge-ops finished").isTrue();
        return new Run(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }

    protected static long nextMessageId() {
        return MESSAGE_IDS.incrementAndGet();
    }

    /** A fresh, zero-padded order number no other test uses. */
    protected static String orderNumber() {
        return String.format("%09d", nextMessageId() % 1_000_000_000L);
    }

    /** Faults a test injected into the shared Magento simulator never outlive it. */
    @org.junit.jupiter.api.AfterEach
    void clearMagentoFaults() {
        MAGENTO.faults().reset();
    }

    protected int requestRows(long messageSeqId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM inbound_request WHERE message_seq_id = ?", Integer.class, messageSeqId);
    }

    /** The recorded result of a SKU's line in the first inventory request with that messageSeqId; null while none. */
    protected String lineResult(long messageSeqId, String sku) {
        RequestAudit.Line line = recordedLine(messageSeqId, sku);
        return line == null ? null : line.result();
    }

    /** The recorded message of a SKU's line in the first inventory request with that messageSeqId; null while none. */
    protected String lineMessage(long messageSeqId, String sku) {
        RequestAudit.Line line = recordedLine(messageSeqId, sku);
        return line == null ? null : line.message();
    }

    private RequestAudit.Line recordedLine(long messageSeqId, String sku) {
        List<Long> requests = inventoryRequests(messageSeqId);
        if (requests.isEmpty()) {
            return null;
        }
        return inventoryLines(requests.get(0)).stream()
                .filter(line -> line.sku().equals(sku) && line.processedAt() != null).findFirst().orElse(null);
    }

    /** The inventory requests received with a messageSeqId, oldest first (a repeat is stored as a duplicate). */
    protected List<Long> inventoryRequests(long messageSeqId) {
        return jdbc.queryForList("""
                SELECT id FROM inbound_request WHERE flow = 'inventory' AND message_seq_id = ? ORDER BY id""",
                Long.class, messageSeqId);
    }

    /** Requests of these messages not fully decided yet (their lines get result rows when decided). */
    protected int unfinishedRequests(List<Long> messageIds) {
        return jdbc.queryForObject("""
                SELECT COUNT(*) FROM inbound_request r
                WHERE r.message_seq_id IN (%s) AND r.state IN ('RECEIVED', 'PROCESSING')""".formatted(
                String.join(",", messageIds.stream().map(String::valueOf).toList())), Integer.class);
    }

    /** An inventory request's lines as the audit shows them: recorded results, or Pending. */
    protected List<RequestAudit.Line> inventoryLines(long requestId) {
        return audit.find(requestId).map(detail -> detail.lines().stream().map(RequestAudit.Line.class::cast).toList())
                .orElseThrow(() -> new AssertionError("no request " + requestId));
    }

    /** The result of a one-line shipment message (the newest request with that messageSeqId). */
    protected String shipmentResult(long messageSeqId) {
        return jdbc.query("""
                SELECT l.result FROM shipment_line l JOIN inbound_request r ON r.id = l.request_id
                WHERE r.flow = 'shipment' AND r.message_seq_id = ? ORDER BY r.id DESC FETCH FIRST 1 ROWS ONLY""",
                rs -> rs.next() ? rs.getString(1) : null, messageSeqId);
    }

    /** A line as ops see it in the audit API ({@code GET /ops/requests/{id}}). */
    protected JsonNode auditLine(long messageSeqId, String sku) throws Exception {
        long requestId = jdbc.queryForObject("SELECT MIN(id) FROM inbound_request WHERE message_seq_id = ?", Long.class, messageSeqId);
        JsonNode detail = new ObjectMapper().readTree(bridge().opsGet("/ops/requests/" + requestId).body());
        for (JsonNode line : detail.get("lines")) {
            if (line.get("sku").asText().equals(sku)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + sku + " in request " + requestId + ": " + detail);
    }

}
