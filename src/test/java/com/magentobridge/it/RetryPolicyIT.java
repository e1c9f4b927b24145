package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.StockWrite;
import com.magentobridge.magento.MagentoTransientException;

/**
 * Per-flow retry policies and the dead-letter lifecycle over real HTTP: the shipment flow retries nothing while
 * inventory keeps the default retries; the order export treats 503 as permanent; dead letters are listed, shown with
 * every field, replayed (failing, then succeeding) and discarded.
 */
@TestPropertySource(properties = {
        "camel.servlet.mapping.servlet-name=CamelServletRetry",
        "bridge.retry.flows.shipment.max-redeliveries=0",
        "bridge.retry.flows.orders-export.permanent-statuses=503",
        "bridge.orders.export.batch-size=1000",
        "bridge.backoffice.organisation=it-org",
        "bridge.backoffice.channel=it-channel"
})
class RetryPolicyIT extends AbstractBridgeIT {

    private static final OrderFlowSimulator ORDERFLOW = SharedBackOffice.SIMULATOR;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SHIPMENT_SOAP = "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void backOffice(DynamicPropertyRegistry registry) {
        SharedBackOffice.register(registry);
        // only the orders these tests create, not those other test classes left in the shared simulator: from the
        // context's start (Magento times are whole seconds, so that second is included) with no look-back overlap,
        // whose 60 s default took in orders other test classes had just updated
        registry.add("bridge.orders.import.since", () -> Instant.now().toString());
        registry.add("bridge.orders.import.overlap", () -> "0s");
    }



    private static String sku(String name) {
        return "RETRY-" + name + "-" + nextMessageId();
    }

    private void ship(long msg, String order, String sku) {
        BridgeClient.Reply reply = bridge().soap(SHIPMENT_SOAP, ShipmentEnvelopes.m2(msg, order,
                ShipmentEnvelopes.line(sku, "1"), ""));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private JsonNode openDeadLetter(String flow, String bodyText) throws Exception {
        return openDeadLetter(flow, body -> body.contains(bodyText), bodyText);
    }

    private JsonNode openDeadLetter(String flow, Predicate<String> body, String what) throws Exception {
        BridgeClient.Reply reply = bridge().opsGet("/ops/dead-letters?flow=" + flow + "&state=OPEN&limit=500");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        for (JsonNode letter : json.readTree(reply.body())) {
            if (body.test(letter.get("body").asText())) {
                return letter;
            }
        }
        throw new AssertionError("no open " + flow + " dead letter holds " + what + ": " + reply.body());
    }

    /** Whether a parked export batch (its body) holds this order. */
    private boolean holdsOrder(String batch, int entityId) {
        try {
            for (JsonNode id : json.readTree(batch).get("entityIds")) {
                if (id.asLong() == entityId) {
                    return true;
                }
            }
            return false;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode deadLetter(long id) throws Exception {
        BridgeClient.Reply reply = bridge().opsGet("/ops/dead-letters/" + id);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return json.readTree(reply.body());
    }

    private BridgeClient.Reply replay(long id) {
        return bridge().opsPost("/ops/dead-letters/" + id + "/replay", "");
    }

    private JsonNode ledger(String number) throws Exception {
        return json.readTree(bridge().opsGet("/ops/orders/" + number).body());
    }

    private static OffsetDateTime time(JsonNode letter, String field) {
        return OffsetDateTime.parse(letter.get(field).asText());
    }

    @Test
    void shipmentWithoutRetriesParksAtTheFirst503WhileInventoryRetriesIt() throws Exception {
        String order = orderNumber();
        String item = sku("boot");
        int orderId = MAGENTO.newOrder(order).item(item, 1).create();
        MAGENTO.faults().onlyForPathContaining("/ship").failNext(1, 503);
        long shipMsg = nextMessageId();

        ship(shipMsg, order, item);

        await().atMost(WAIT).untilAsserted(() -> assertThat(shipmentResult(shipMsg)).isEqualTo("Failed"));
        JsonNode letter = openDeadLetter("shipment", order);
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(letter.get("exceptionClass").asText()).endsWith("MagentoTransientException");
        assertThat(letter.get("exceptionMessage").asText()).contains("/ship", "503");
        assertThat(MAGENTO.calls("/order/" + orderId + "/ship")).hasSize(1);

        String stock = sku("stock");
        MAGENTO.addProduct(stock);
        MAGENTO.faults().reset().onlyForPathContaining("source-items").failNext(2, 503);
        long stockMsg = nextMessageId();

        bridge().soap("/soap/default", BridgeClient.m2Envelope(stockMsg, BridgeClient.line(stock, 9, 1)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(stockMsg, stock)).isEqualTo("Success"));
        assertThat(MAGENTO.sourceQuantity(stock, "default")).isEqualByComparingTo(BigDecimal.valueOf(9));
        assertThat(MAGENTO.calls("source-items").stream().filter(call -> call.body().contains(stock))).hasSize(3);
    }

    @Test
    void aStatusTheExportTreatsAsPermanentIsParkedAfterOneCallAndTheReplayExportsTheOrder() throws Exception {
        String number = orderNumber();
        int entityId = MAGENTO.newOrder(number).item("RETRY-EXPORT", 2).create();
        assertThat(bridge().opsPost("/ops/orders/import", "").status()).isEqualTo(200);
        ORDERFLOW.failNext(1, 503);

        assertThat(bridge().opsPost("/ops/orders/export", "").status()).isEqualTo(200);

        assertThat(ORDERFLOW.received().stream().filter(call -> call.body().contains(number)))
                .singleElement().satisfies(call -> assertThat(call.status()).isEqualTo(503));
        assertThat(ledger(number).at("/order/exportState").asText()).isEqualTo("FAILED");
        assertThat(ORDERFLOW.imported(number)).isNull();
        JsonNode listed = openDeadLetter("orders-export", batch -> holdsOrder(batch, entityId), "order " + entityId);
        JsonNode letter = deadLetter(listed.get("id").asLong());
        assertThat(letter.get("flow").asText()).isEqualTo("orders-export");
        assertThat(letter.get("routeId").asText()).isEqualTo("orders-export-send");
        assertThat(letter.get("endpoint").asText()).isEqualTo("direct://orders-export-send");
        assertThat(letter.get("replayUri").asText()).isEqualTo("direct:orders-export-replay");
        assertThat(letter.get("exceptionClass").asText()).endsWith("BackOfficeRejectedException");
        assertThat(letter.get("exceptionMessage").asText()).contains("refused with HTTP 503");
        assertThat(letter.get("attempts").asInt()).isEqualTo(1);
        assertThat(time(letter, "firstFailedAt")).isBeforeOrEqualTo(time(letter, "lastFailedAt"));
        assertThat(json.readTree(letter.get("headers").asText()).isObject()).isTrue();
        assertThat(letter.toString()).doesNotContain(SharedBackOffice.PASSWORD);
        assertThat(letter.get("state").asText()).isEqualTo("OPEN");

        BridgeClient.Reply replay = replay(letter.get("id").asLong());

        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).get("state").asText()).isEqualTo("REPLAYED");
        assertThat(ORDERFLOW.imported(number)).containsEntry("externalReference", number);
        assertThat(ledger(number).at("/order/exportState").asText()).isEqualTo("EXPORTED");
        JsonNode replayed = deadLetter(letter.get("id").asLong());
        assertThat(replayed.get("state").asText()).isEqualTo("REPLAYED");
        assertThat(replayed.get("replayedBy").asText()).isEqualTo(BridgeClient.OPS_USER);
        assertThat(time(replayed, "replayedAt")).isAfterOrEqualTo(time(letter, "lastFailedAt"));
        assertThat(replayed.get("replayCount").asInt()).isEqualTo(1);
        assertThat(replayed.get("replayOutcome").asText()).contains("1 exported");
        assertThat(replayed.has("discardedBy")).isFalse();
    }

    @Test
    void aFailedReplayKeepsTheLetterOpenWithThatFailureAndALaterReplayShipsOnce() throws Exception {
        String order = orderNumber();
        String item = sku("lamp");
        int orderId = MAGENTO.newOrder(order).item(item, 1).create();
        MAGENTO.faults().onlyForPathContaining("/ship").failNext(1, 503).failNext(1, 500);
        long msg = nextMessageId();
        ship(msg, order, item);
        await().atMost(WAIT).untilAsserted(() -> assertThat(shipmentResult(msg)).isEqualTo("Failed"));
        JsonNode parked = openDeadLetter("shipment", order);
        assertThat(parked.get("flow").asText()).isEqualTo("shipment");
        assertThat(parked.get("endpoint").asText()).isEqualTo("direct://shipment-apply");

        BridgeClient.Reply failed = replay(parked.get("id").asLong());

        assertThat(failed.status()).isEqualTo(200);
        assertThat(json.readTree(failed.body()).get("state").asText()).isEqualTo("OPEN");
        JsonNode open = deadLetter(parked.get("id").asLong());
        assertThat(open.get("state").asText()).isEqualTo("OPEN");
        assertThat(open.get("attempts").asInt()).isEqualTo(2);
        assertThat(open.get("exceptionMessage").asText()).contains("500").doesNotContain("503");
        assertThat(open.get("exceptionClass").asText()).endsWith("MagentoTransientException");
        assertThat(time(open, "lastFailedAt")).isAfter(time(parked, "lastFailedAt"));
        assertThat(time(open, "firstFailedAt")).isEqualTo(time(parked, "firstFailedAt"));
        assertThat(open.get("replayedBy").asText()).isEqualTo(BridgeClient.OPS_USER);
        assertThat(open.get("replayCount").asInt()).isEqualTo(1);
        assertThat(open.get("replayOutcome").asText()).startsWith("replay failed: ").contains("500");

        BridgeClient.Reply applied = replay(parked.get("id").asLong());

        assertThat(json.readTree(applied.body()).get("state").asText()).isEqualTo("REPLAYED");
        assertThat(deadLetter(parked.get("id").asLong()).get("replayCount").asInt()).isEqualTo(2);
        assertThat(shipmentResult(msg)).isEqualTo("Success");
        assertThat(MAGENTO.shipments(orderId)).hasSize(1);
    }

    @Test
    void aDiscardedLetterShowsWhoDiscardedItWhenAndWhyAndCannotBeReplayed() throws Exception {
        String order = orderNumber();
        long msg = nextMessageId();
        ship(msg, order, sku("ghost"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(shipmentResult(msg)).isEqualTo("Failed"));
        JsonNode parked = openDeadLetter("shipment", order);
        long id = parked.get("id").asLong();

        BridgeClient.Reply discard = bridge().opsPost("/ops/dead-letters/" + id + "/discard",
                "{\"reason\":\"order cancelled by phone\"}");

        assertThat(discard.status()).as(discard.body()).isEqualTo(200);
        JsonNode letter = deadLetter(id);
        assertThat(letter.get("state").asText()).isEqualTo("DISCARDED");
        assertThat(letter.get("discardedBy").asText()).isEqualTo(BridgeClient.OPS_USER);
        assertThat(time(letter, "discardedAt")).isAfterOrEqualTo(time(parked, "lastFailedAt"));
        assertThat(letter.get("discardReason").asText()).isEqualTo("order cancelled by phone");
        assertThat(letter.has("replayedBy")).isFalse();
        assertThat(letter.get("replayCount").asInt()).isZero();

        BridgeClient.Reply replay = replay(id);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body()).contains("DISCARDED");
        assertThat(bridge().opsPost("/ops/dead-letters/" + id + "/discard", "{\"reason\":\"again\"}").status())
                .isEqualTo(409);
        assertThat(deadLetter(id).get("discardReason").asText()).isEqualTo("order cancelled by phone");
    }

    /**
     * Parks a chunk whose first attempt Magento applied without answering (the bridge cannot know it landed) and whose
     * retries met 503s: the newest value for the SKU is in Magento while its line is Failed in an open dead letter.
     */
    private JsonNode parkAppliedUnanswered(String sku, long qty, long seq) throws Exception {
        MAGENTO.addProduct(sku);
        // one attempt applied but left unanswered, then a 503 for each of the three retries
        MAGENTO.faults().reset().onlyForPathContaining("source-items").applyUnansweredNext(1).failNext(3, 503);
        long msg = nextMessageId();
        bridge().soap("/soap/default", BridgeClient.m2Envelope(msg, BridgeClient.line(sku, qty, seq)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(msg, sku)).isEqualTo("Failed"));
        MAGENTO.faults().reset();
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo(BigDecimal.valueOf(qty));
        return openDeadLetter("inventory", sku);
    }

    private List<BigDecimal> quantitiesWritten(String sku) {
        return MAGENTO.stockWrites().stream().filter(write -> write.sku().equals(sku))
                .sorted(Comparator.comparingLong(StockWrite::order)).map(StockWrite::quantity).toList();
    }

    @Test
    void anOlderValueIsNotWrittenAfterAParkedWriteThatMayHaveReachedMagentoUntilItsDeadLetterIsReplayed()
            throws Exception {
        String sku = sku("indoubt");
        JsonNode letter = parkAppliedUnanswered(sku, 30, 20);
        long id = letter.get("id").asLong();
        long older = nextMessageId();

        bridge().soap("/soap/default", BridgeClient.m2Envelope(older, BridgeClient.line(sku, 7, 10)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(older, sku)).isEqualTo("Superseded"));
        assertThat(lineMessage(older, sku)).contains("sequence 20", "dead letter #" + id, "replay it");
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo(BigDecimal.valueOf(30));

        BridgeClient.Reply replay = replay(id);

        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).get("state").asText()).isEqualTo("REPLAYED");
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo(BigDecimal.valueOf(30));
        // the in-doubt write, then the replay's: the older 7 never reached Magento
        assertThat(quantitiesWritten(sku)).containsExactly(BigDecimal.valueOf(30), BigDecimal.valueOf(30));
    }

    @Test
    void aDiscardedDeadLetterNoLongerHoldsItsSkus() throws Exception {
        String sku = sku("indoubt-discard");
        long id = parkAppliedUnanswered(sku, 30, 20).get("id").asLong();
        assertThat(bridge().opsPost("/ops/dead-letters/" + id + "/discard", "{\"reason\":\"counted again\"}")
                .status()).isEqualTo(200);
        long older = nextMessageId();

        bridge().soap("/soap/default", BridgeClient.m2Envelope(older, BridgeClient.line(sku, 7, 10)));

        // given up: what the back office sends next for the SKU is written, as before the parked write
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(older, sku)).isEqualTo("Success"));
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo(BigDecimal.valueOf(7));
    }
}
