package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.apache.camel.component.quartz.QuartzComponent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.quartz.JobKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.ops.RequestAudit;
import com.magentobridge.order.OrderExportStore;

/**
 * The retention job over data the real flows wrote (inventory, shipments, status messages, dead letters replayed and
 * discarded through the ops API), aged by moving their timestamps back: exactly what is due goes, in batches of two,
 * and what guards correctness stays. The schedule is set far out; the scheduled route is fired through Quartz.
 */
@TestPropertySource(properties = {
        "camel.servlet.mapping.servlet-name=CamelServletRetention",
        "bridge.retention.enabled=true",
        "bridge.retention.cron=0 0 0 1 1 ? 2099",
        "bridge.retention.batch-size=2",
        "bridge.retention.raw-body-days=5",
        "bridge.retention.processed-days=30",
        "bridge.retention.dead-letter-days=60"
})
@ExtendWith(OutputCaptureExtension.class)
class RetentionIT extends AbstractBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INVENTORY_PATH = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    private static final String SHIPMENT_PATH = "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";
    /** Older than every window (raw bodies 5 days, requests 30, keys and settled dead letters 60). */
    private static final int ANCIENT = 70;
    /** Past the request window, within the key window. */
    private static final int OLD = 40;
    /** Past the raw-body window only. */
    private static final int RECENT = 10;

    private static final TypeReference<Map<String, Long>> COUNTS = new TypeReference<>() { };

    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private NamedParameterJdbcTemplate named;
    @Autowired
    private OrderExportStore exports;
    @Autowired
    private CamelContext camel;

    @AfterEach
    void resumeInventory() {
        bridge().opsPost("/ops/flows/inventory/resume", "");
    }

    @Test
    void retentionRemovesExactlyWhatIsDueInBatchesAndKeepsWhatGuardsCorrectness(CapturedOutput output) throws Exception {
        // inventory: three ancient messages, one old, a re-send of the first (a duplicate), two recent, one fresh
        String skuA = sku("A");
        String skuB = sku("B");
        long invAncient1 = inventory(skuA, skuB, 10);
        long invAncient2 = inventory(skuA, skuB, 11);
        long invAncient3 = inventory(skuA, skuB, 12);
        long invOld = inventory(skuA, skuB, 13);
        long invRecent1 = inventory(skuA, skuB, 14);
        long invRecent2 = inventory(skuA, skuB, 15);
        long invFresh = inventory(skuA, skuB, 16);
        long invDuplicate = resend(invAncient1);
        // one message still waiting (processing paused), received long ago
        bridge().opsPost("/ops/flows/inventory/pause", "");
        long invWaiting = send(nextMessageId(), skuA, skuB, 20);

        // shipments: two shipped, three dead-lettered and settled long ago, one dead-lettered and settled recently,
        // one whose dead letter is still open
        long shipAncient1 = shipment(existingOrder());
        long shipAncient2 = shipment(existingOrder());
        long discardedRequest1 = shipment(unknownOrder());
        long discarded1 = deadLetter(discardedRequest1);
        long discardedRequest2 = shipment(unknownOrder());
        long discarded2 = deadLetter(discardedRequest2);
        String lateOrder = unknownOrder();
        long replayedRequest = shipment(lateOrder);
        long replayed = deadLetter(replayedRequest);
        long discardedRecently = deadLetter(shipment(unknownOrder()));
        long heldRequest = shipment(unknownOrder());
        long open = deadLetter(heldRequest);
        discard(discarded1);
        discard(discarded2);
        discard(discardedRecently);
        MAGENTO.newOrder(lateOrder).item("RET-SHIP", 1).create();
        assertThat(json.readTree(bridge().opsPost("/ops/dead-letters/" + replayed + "/replay", "").body())
                .get("state").asText()).isEqualTo("REPLAYED");

        // a back-office status message
        long statusAncient = orderStatus(existingOrder());

        // export history: three ancient calls, three recent, one fresh
        List<Long> exportsAncient = List.of(export(), export(), export());
        List<Long> exportsRecent = List.of(export(), export(), export());
        long exportFresh = export();

        List<Long> ancient = List.of(invAncient1, invAncient2, invAncient3, invDuplicate, shipAncient1, shipAncient2,
                discardedRequest1, discardedRequest2, replayedRequest, statusAncient);
        ancient.forEach(id -> ageRequest(id, ANCIENT));
        ageRequest(invOld, OLD);
        ageRequest(invRecent1, RECENT);
        ageRequest(invRecent2, RECENT);
        ageRequest(invWaiting, ANCIENT);
        // the open dead letter failed just before its request was recorded, both long past the request window
        ageRequest(heldRequest, OLD);
        ageKey(heldRequest, ANCIENT);
        named.update("UPDATE dead_letter SET first_failed_at = :failed, last_failed_at = :failed WHERE id = :id",
                Map.of("id", open, "failed", daysAgo(OLD).minusMinutes(1)));
        ageSettled(discarded1, ANCIENT);
        ageSettled(discarded2, ANCIENT);
        ageSettled(replayed, ANCIENT);
        ageSettled(discardedRecently, RECENT);
        exportsAncient.forEach(id -> ageExport(id, ANCIENT));
        exportsRecent.forEach(id -> ageExport(id, RECENT));

        List<Long> dueRequests = new ArrayList<>(ancient);
        dueRequests.add(invOld);
        Map<String, Long> expectedDeleted = new LinkedHashMap<>();
        expectedDeleted.put("inbound_request", (long) dueRequests.size());
        expectedDeleted.put("inbound_request_body", (long) dueRequests.size());
        expectedDeleted.put("inventory_result", rowsOf("inventory_result", dueRequests));
        expectedDeleted.put("shipment_line", rowsOf("shipment_line", dueRequests));
        expectedDeleted.put("shipment_progress", rowsOf("shipment_progress", dueRequests));
        expectedDeleted.put("order_status_result", rowsOf("order_status_result", dueRequests));
        expectedDeleted.put("order_export", 3L);
        expectedDeleted.put("order_export_line", 3L);
        // every ancient message's key but the duplicate's (a duplicate has none of its own); the old one's stays
        expectedDeleted.put("idempotency_key", (long) ancient.size() - 1);
        expectedDeleted.put("dead_letter", 3L);
        bridge().opsPost("/ops/flows/inventory/fold-sequences", "");
        Map<String, Long> sequencesBefore = lastApplied(skuA, skuB);
        assertThat(sequencesBefore).containsOnlyKeys(skuA, skuB);
        long statusSequencesBefore = count("SELECT COUNT(*) FROM order_status_sequence");
        assertThat(expectedDeleted.get("inventory_result")).as("one results row per inventory message").isEqualTo(5);
        assertThat(expectedDeleted.get("shipment_line")).isEqualTo(5);
        assertThat(expectedDeleted.get("order_status_result")).isEqualTo(1);

        long invOldMessage = messageOf(invOld);
        long invAncient2Message = messageOf(invAncient2);

        BridgeClient.Reply reply = bridge().opsPost("/ops/retention/run", "");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode report = json.readTree(reply.body());
        assertThat(json.convertValue(report.get("deleted"), COUNTS)).isEqualTo(expectedDeleted);
        assertThat(json.convertValue(report.get("blanked"), COUNTS))
                .isEqualTo(Map.of("inbound_request_body", 3L, "order_export", 3L));
        assertThat(report.at("/cutoffs/processed").asText()).isNotBlank();
        assertThat(output.getOut()).contains("retention run done").contains("inbound_request=" + dueRequests.size())
                .contains("dead_letter=3").contains("order_export=3}");

        // gone: the due requests with everything hanging off them, the ancient export calls, the settled dead letters
        assertThat(dueRequests).noneMatch(this::requestExists);
        assertThat(rowsOf("inventory_result", dueRequests) + rowsOf("shipment_line", dueRequests)
                + rowsOf("shipment_progress", dueRequests) + rowsOf("order_status_result", dueRequests)).isZero();
        assertThat(exportsAncient).noneMatch(this::exportExists);
        assertThat(List.of(discarded1, discarded2, replayed)).noneMatch(this::deadLetterExists);

        // kept: waiting, young and held requests with their lines; the open and the recently settled dead letters
        assertThat(List.of(invWaiting, invRecent1, invRecent2, invFresh, heldRequest)).allMatch(this::requestExists);
        assertThat(rowsOf("inventory_result", List.of(invRecent1, invRecent2, invFresh))).isEqualTo(3);
        assertThat(List.of(invRecent1, invRecent2, invFresh)).allSatisfy(request ->
                assertThat(lineResults(request)).as("request %s", request).hasSize(2).doesNotContain("Pending"));
        assertThat(rowsOf("shipment_line", List.of(heldRequest))).isOne();
        assertThat(deadLetterState(open)).isEqualTo("OPEN");
        assertThat(deadLetterState(discardedRecently)).isEqualTo("DISCARDED");
        assertThat(exportsRecent).allMatch(this::exportExists);

        // raw bodies: emptied past five days (the audit still shows the request and its lines), kept otherwise
        JsonNode recentAudit = json.readTree(bridge().opsGet("/ops/requests/" + invRecent1).body());
        assertThat(recentAudit.get("rawBody").asText()).isEmpty();
        assertThat(recentAudit.get("lines")).hasSize(2);
        assertThat(rawBody(invRecent2)).isEmpty();
        assertThat(rawBody(heldRequest)).isEmpty();
        assertThat(rawBody(invFresh)).contains(skuA);
        assertThat(rawBody(invWaiting)).as("a waiting message keeps its body").contains(skuA);
        assertThat(exportsRecent).allMatch(id -> !exportHasBodies(id));
        assertThat(exportHasBodies(exportFresh)).isTrue();

        // what guards correctness: applied sequences, keys of messages that may still be re-sent
        assertThat(lastApplied(skuA, skuB)).isEqualTo(sequencesBefore);
        assertThat(count("SELECT COUNT(*) FROM order_status_sequence")).isEqualTo(statusSequencesBefore);
        assertThat(keyExists(heldRequest)).as("its request is held by the open dead letter").isTrue();
        assertThat(keyExists(invWaiting)).as("its request is still waiting").isTrue();
        long oldResent = send(invOldMessage, skuA, skuB, 13);
        assertThat(stateOf(oldResent)).as("the key outlives the request").isEqualTo("DUPLICATE");
        // a message re-sent after its key went is taken as new, and its stale sequences still keep it from Magento
        bridge().opsPost("/ops/flows/inventory/resume", "");
        long ancientResent = send(invAncient2Message, skuA, skuB, 11);
        await().atMost(WAIT).untilAsserted(() -> assertThat(stateOf(ancientResent)).isEqualTo("PROCESSED"));
        assertThat(lineResults(ancientResent)).containsOnly("Superseded");
    }

    @Test
    void theScheduledRouteRunsTheSameJob(CapturedOutput output) throws Exception {
        String skuA = sku("S");
        String skuB = sku("T");
        long due = inventory(skuA, skuB, 1);
        long young = inventory(skuA, skuB, 2);
        ageRequest(due, ANCIENT);

        QuartzComponent quartz = camel.getComponent("quartz", QuartzComponent.class);
        quartz.getScheduler().triggerJob(JobKey.jobKey("run", "retention"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(requestExists(due)).isFalse());
        assertThat(requestExists(young)).isTrue();
        await().atMost(WAIT).untilAsserted(() -> assertThat(output.getOut()).contains("retention run done"));
    }

    @Test
    void runningItNowNeedsTheOpsCredentials() {
        assertThat(bridge().rest("/ops/retention/run", "", null).status()).isEqualTo(401);
        assertThat(bridge().rest("/ops/retention/run", "",
                BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD)).status()).isEqualTo(403);
    }

    // --- the flows that write the data

    private static String sku(String name) {
        String sku = "RET-" + name + "-" + nextMessageId();
        MAGENTO.addProduct(sku);
        return sku;
    }

    /** An inventory message with two lines, processed. */
    private long inventory(String skuA, String skuB, long seq) {
        long id = send(nextMessageId(), skuA, skuB, seq);
        await().atMost(WAIT).untilAsserted(() -> assertThat(stateOf(id)).isEqualTo("PROCESSED"));
        return id;
    }

    /** Sends an inventory message; returns the request it was stored as. */
    private long send(long messageSeqId, String skuA, String skuB, long seq) {
        Map<String, long[]> lines = new LinkedHashMap<>(BridgeClient.line(skuA, seq, seq));
        lines.putAll(BridgeClient.line(skuB, seq, seq));
        BridgeClient.Reply reply = bridge().soap(INVENTORY_PATH, BridgeClient.m2Envelope(messageSeqId, lines));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return named.queryForObject("""
                SELECT MAX(id) FROM inbound_request WHERE flow = 'inventory' AND message_seq_id = :msg""",
                Map.of("msg", messageSeqId), Long.class);
    }

    /** The same message again: stored as a duplicate. */
    private long resend(long requestId) {
        List<RequestAudit.Line> lines = inventoryLines(requestId);
        List<String> skus = lines.stream().map(RequestAudit.Line::sku).toList();
        long seq = lines.stream().mapToLong(RequestAudit.Line::seq).max().orElseThrow();
        long duplicate = send(messageOf(requestId), skus.get(0), skus.get(1), seq);
        assertThat(stateOf(duplicate)).isEqualTo("DUPLICATE");
        return duplicate;
    }


    private static String existingOrder() {
        String order = orderNumber();
        MAGENTO.newOrder(order).item("RET-SHIP", 1).create();
        return order;
    }

    private static String unknownOrder() {
        return orderNumber();
    }

    /** A shipment message for the order, decided (shipped, or failed and dead-lettered). */
    private long shipment(String order) {
        long msg = nextMessageId();
        BridgeClient.Reply reply = bridge().soap(SHIPMENT_PATH,
                ShipmentEnvelopes.m2(msg, order, ShipmentEnvelopes.line("RET-SHIP", "1"), ""));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        long id = named.queryForObject("SELECT id FROM inbound_request WHERE flow = 'shipment' AND message_seq_id = :msg",
                Map.of("msg", msg), Long.class);
        await().atMost(WAIT).untilAsserted(() -> assertThat(stateOf(id)).isEqualTo("PROCESSED"));
        return id;
    }

    /** The open dead letter a failed shipment request was parked as. */
    private long deadLetter(long shipmentRequest) throws Exception {
        String message = named.queryForObject("SELECT message FROM shipment_line WHERE request_id = :id AND line_no = 1",
                Map.of("id", shipmentRequest), String.class);
        assertThat(message).contains("dead letter #");
        long id = Long.parseLong(message.replaceAll("(?s).*dead letter #(\\d+).*", "$1"));
        JsonNode letter = json.readTree(bridge().opsGet("/ops/dead-letters/" + id).body());
        assertThat(letter.get("state").asText()).isEqualTo("OPEN");
        return id;
    }

    private void discard(long deadLetter) {
        BridgeClient.Reply reply = bridge().opsPost("/ops/dead-letters/" + deadLetter + "/discard",
                "{\"reason\": \"order never existed\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private long orderStatus(String order) {
        long msg = nextMessageId();
        BridgeClient.Reply reply = bridge().rest("/rest/V1/orderflow/order-status", """
                {"orderIncrementId": "%s", "status": "despatched", "comment": "On its way", "messageSeqId": %d}"""
                .formatted(order, msg), BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        long id = named.queryForObject("SELECT id FROM inbound_request WHERE flow = 'orderstatus' AND message_seq_id = :msg",
                Map.of("msg", msg), Long.class);
        await().atMost(WAIT).untilAsserted(() -> assertThat(rowsOf("order_status_result", List.of(id))).isOne());
        return id;
    }

    /** One export call with one order, recorded as the export records it. */
    private long export() {
        long entityId = nextMessageId();
        return exports.recordExport("orderflow", "RET-" + entityId,
                Map.of(new OrderExportStore.Claimed(entityId, orderNumber(), "{}"),
                        new ExportOutcome(ExportOutcome.Result.Success, null)),
                null, OffsetDateTime.now(ZoneOffset.UTC), "<imports/>", "<report/>");
    }

    // --- ageing

    private static OffsetDateTime daysAgo(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).minusDays(days);
    }

    /** Moves a request's receipt, processing and key back by {@code days}. */
    private void ageRequest(long requestId, int days) {
        Map<String, Object> params = Map.of("id", requestId, "at", daysAgo(days));
        named.update("""
                UPDATE inbound_request SET received_at = :at,
                       processed_at = CASE WHEN processed_at IS NULL THEN NULL ELSE :at END
                WHERE id = :id""", params);
        ageKey(requestId, days);
    }

    private void ageKey(long requestId, int days) {
        named.update("UPDATE idempotency_key SET created_at = :at WHERE request_id = :id",
                Map.of("id", requestId, "at", daysAgo(days)));
    }

    private void ageSettled(long deadLetter, int days) {
        // a replayed letter settled when it was replayed, a discarded one when it was discarded
        named.update("""
                UPDATE dead_letter SET replayed_at = CASE WHEN state = 'REPLAYED' THEN :at END,
                                       discarded_at = CASE WHEN state = 'DISCARDED' THEN :at END
                WHERE id = :id""", Map.of("id", deadLetter, "at", daysAgo(days)));
    }

    private void ageExport(long exportId, int days) {
        named.update("UPDATE order_export SET started_at = :at, processed_at = :at WHERE id = :id",
                Map.of("id", exportId, "at", daysAgo(days)));
    }

    // --- what is there

    private String stateOf(long requestId) {
        return named.query("SELECT state FROM inbound_request WHERE id = :id", Map.of("id", requestId),
                rs -> rs.next() ? rs.getString(1) : null);
    }

    private long messageOf(long requestId) {
        return named.queryForObject("SELECT message_seq_id FROM inbound_request WHERE id = :id", Map.of("id", requestId),
                Long.class);
    }

    private boolean requestExists(long requestId) {
        return stateOf(requestId) != null;
    }

    private boolean exportExists(long exportId) {
        return named.queryForObject("SELECT COUNT(*) FROM order_export WHERE id = :id", Map.of("id", exportId),
                Integer.class) == 1;
    }

    private boolean exportHasBodies(long exportId) {
        return named.queryForObject("""
                SELECT COUNT(*) FROM order_export WHERE id = :id AND request_body IS NOT NULL AND response_body IS NOT NULL""",
                Map.of("id", exportId), Integer.class) == 1;
    }

    private boolean deadLetterExists(long id) {
        return deadLetterState(id) != null;
    }

    private String deadLetterState(long id) {
        return named.query("SELECT state FROM dead_letter WHERE id = :id", Map.of("id", id),
                rs -> rs.next() ? rs.getString(1) : null);
    }

    private boolean keyExists(long requestId) {
        return named.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE request_id = :id",
                Map.of("id", requestId), Integer.class) == 1;
    }

    private String rawBody(long requestId) {
        return named.queryForObject("SELECT raw_body FROM inbound_request_body WHERE request_id = :id",
                Map.of("id", requestId), String.class);
    }

    private List<String> lineResults(long requestId) {
        return inventoryLines(requestId).stream().map(RequestAudit.Line::result).toList();
    }

    /** Rows of a table (with a request_id column) that belong to the requests. */
    private long rowsOf(String table, List<Long> requestIds) {
        String sql = switch (table) {
            case "inventory_result" -> "SELECT COUNT(*) FROM inventory_result WHERE request_id IN (:ids)";
            case "shipment_line" -> "SELECT COUNT(*) FROM shipment_line WHERE request_id IN (:ids)";
            case "shipment_progress" -> "SELECT COUNT(*) FROM shipment_progress WHERE request_id IN (:ids)";
            case "order_status_result" -> "SELECT COUNT(*) FROM order_status_result WHERE request_id IN (:ids)";
            default -> throw new IllegalArgumentException(table);
        };
        return named.queryForObject(sql, Map.of("ids", requestIds), Long.class);
    }

    /** The last applied sequence per SKU (after the fold on the embedded H2, all of them are in sku_sequence). */
    private Map<String, Long> lastApplied(String... skus) {
        Map<String, Long> sequences = new LinkedHashMap<>();
        named.query("SELECT sku, last_seq FROM sku_sequence WHERE sku IN (:skus) ORDER BY sku",
                Map.of("skus", List.of(skus)), rs -> {
                    sequences.put(rs.getString(1), rs.getLong(2));
                });
        return sequences;
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }
}
