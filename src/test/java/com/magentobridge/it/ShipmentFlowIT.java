package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import com.magentobridge.magento.MagentoTransientException;

/** The shipment-create flow end to end over real SOAP/REST and HTTP: back office → bridge → Magento simulator. */
class ShipmentFlowIT extends AbstractBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SOAP_PATH = "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";
    private final ObjectMapper json = new ObjectMapper();



    private static String sku(String name) {
        return "SHIP-" + name + "-" + nextMessageId();
    }

    private BridgeClient.Reply ship(long msg, String order, String linesXml, String extraXml) {
        return bridge().soap(SOAP_PATH, ShipmentEnvelopes.m2(msg, order, linesXml, extraXml));
    }

    private String result(long msg, int lineNo) {
        return jdbc.query("""
                SELECT l.result FROM shipment_line l JOIN inbound_request r ON r.id = l.request_id
                WHERE r.flow = 'shipment' AND r.message_seq_id = ? AND l.line_no = ? ORDER BY r.id DESC FETCH FIRST 1 ROWS ONLY""",
                rs -> rs.next() ? rs.getString(1) : null, msg, lineNo);
    }

    private JsonNode auditDetail(long msg) throws Exception {
        long requestId = jdbc.queryForObject(
                "SELECT MIN(id) FROM inbound_request WHERE flow = 'shipment' AND message_seq_id = ?", Long.class, msg);
        return json.readTree(bridge().opsGet("/ops/requests/" + requestId).body());
    }

    private List<ObjectNode> shipments(int orderId) {
        return MAGENTO.shipments(orderId);
    }

    private JsonNode openDeadLetterMentioning(String text) throws Exception {
        JsonNode letters = json.readTree(bridge().opsGet("/ops/dead-letters?flow=shipment&state=OPEN&limit=500").body());
        for (JsonNode letter : letters) {
            if (letter.get("body").asText().contains(text)) {
                return letter;
            }
        }
        throw new AssertionError("no open shipment dead letter mentions " + text + ": " + letters);
    }

    @Test
    void fullShipmentIsAcknowledgedAfterCommitAndCompletesTheOrder() throws Exception {
        String order = orderNumber();
        String bag = sku("bag");
        String mug = sku("mug");
        int orderId = MAGENTO.newOrder(order).item(bag, 1).item(mug, 2).create();
        long msg = nextMessageId();

        BridgeClient.Reply reply = ship(msg, order, ShipmentEnvelopes.line(bag, "1") + ShipmentEnvelopes.line(mug, "2"),
                "<comment>Shipment Created</comment><email>1</email><includeComment>1</includeComment>"
                        + "<courierName>Generic</courierName><serviceName></serviceName><trackingNumber></trackingNumber>"
                        + "<dateShipped>2017-03-22 15:25:16</dateShipped>");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("realtimeDespatchOrderFlowShipmentRequestManagementV1CreateResponse")
                .contains("<result>Success - Message " + msg + " Received</result>");
        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 2)).isEqualTo("Success"));
        assertThat(result(msg, 1)).isEqualTo("Success");
        assertThat(shipments(orderId)).hasSize(1);
        assertThat(MAGENTO.orderState(orderId)).isEqualTo("complete");
        ObjectNode shipment = shipments(orderId).get(0);
        assertThat(shipment.at("/comments/0/comment").asText()).isEqualTo("Shipment Created");

        JsonNode detail = auditDetail(msg);
        assertThat(detail.at("/request/flow").asText()).isEqualTo("shipment");
        assertThat(detail.get("rawBody").asText()).contains(order).doesNotContain("session-token-that-must-not-be-stored");
        assertThat(detail.at("/request/state").asText()).isEqualTo("PROCESSED");
        assertThat(detail.at("/lines/0/message").asText()).isEqualTo("Order " + order + " successfully shipped.");
        assertThat(detail.at("/lines/0/shipmentId").asLong()).isEqualTo(shipment.get("entity_id").asLong());
        JsonNode list = json.readTree(bridge().opsGet("/ops/requests?flow=shipment&messageSeqId=" + msg).body());
        assertThat(list.get(0).at("/results/Success").asInt()).isEqualTo(2);
    }

    @Test
    void partialShipmentsInOrderKeepTheOrderOpenUntilEverythingShipped() {
        String order = orderNumber();
        String tee = sku("tee");
        int orderId = MAGENTO.newOrder(order).item(tee, 3).create();
        long first = nextMessageId();
        ship(first, order, ShipmentEnvelopes.line(tee, "1"), "");
        await().atMost(WAIT).untilAsserted(() -> assertThat(result(first, 1)).isEqualTo("Success"));
        assertThat(MAGENTO.orderState(orderId)).isEqualTo("processing");

        long second = nextMessageId();
        ship(second, order, ShipmentEnvelopes.line(tee, "2"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(second, 1)).isEqualTo("Success"));
        assertThat(shipments(orderId)).hasSize(2);
        assertThat(MAGENTO.orderState(orderId)).isEqualTo("complete");
    }

    @Test
    void partialShipmentsArrivingOutOfOrderAreBothApplied() {
        String order = orderNumber();
        String a = sku("a");
        String b = sku("b");
        int orderId = MAGENTO.newOrder(order).item(a, 1).item(b, 1).create();
        long older = nextMessageId();
        long newer = nextMessageId();

        ship(newer, order, ShipmentEnvelopes.line(b, "1"), "");
        await().atMost(WAIT).untilAsserted(() -> assertThat(result(newer, 1)).isEqualTo("Success"));
        ship(older, order, ShipmentEnvelopes.line(a, "1"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(older, 1)).isEqualTo("Success"));
        assertThat(shipments(orderId)).hasSize(2);
        assertThat(MAGENTO.orderState(orderId)).isEqualTo("complete");
    }

    @Test
    void repeatedMessageIsADuplicateAndShipsNothing() throws Exception {
        String order = orderNumber();
        String cap = sku("cap");
        int orderId = MAGENTO.newOrder(order).item(cap, 2).create();
        long msg = nextMessageId();
        ship(msg, order, ShipmentEnvelopes.line(cap, "1"), "");
        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Success"));

        BridgeClient.Reply again = ship(msg, order, ShipmentEnvelopes.line(cap, "1"), "");

        assertThat(again.body()).contains("<result>Success - Message " + msg + " Received</result>");
        assertThat(requestRows(msg)).isEqualTo(2);
        assertThat(result(msg, 1)).as("the repeat's line").isEqualTo("Duplicate");
        assertThat(shipments(orderId)).hasSize(1);
        assertThat(MAGENTO.orderState(orderId)).isEqualTo("processing");
    }

    @Test
    void messageWhoseLinesAreAlreadyShippedIsADuplicateNotAFailure() throws Exception {
        String order = orderNumber();
        String sock = sku("sock");
        int orderId = MAGENTO.newOrder(order).item(sock, 1).create();
        long first = nextMessageId();
        ship(first, order, ShipmentEnvelopes.line(sock, "1"), "");
        await().atMost(WAIT).untilAsserted(() -> assertThat(result(first, 1)).isEqualTo("Success"));

        long resent = nextMessageId();
        ship(resent, order, ShipmentEnvelopes.line(sock, "1"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(resent, 1)).isEqualTo("Duplicate"));
        assertThat(auditDetail(resent).at("/lines/0/message").asText()).contains("Nothing left to ship");
        assertThat(shipments(orderId)).hasSize(1);
    }

    @Test
    void configurableProductShipsThroughItsParentLineOnly() {
        String order = orderNumber();
        String jacket = sku("jacket-M-Blue");
        int orderId = MAGENTO.newOrder(order).configurable(jacket, 2).create();
        long parentItemId = MAGENTO.order(orderId).orElseThrow().get("items").get(0).get("item_id").asLong();
        long msg = nextMessageId();

        ship(msg, order, ShipmentEnvelopes.line(jacket, "2"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Success"));
        JsonNode items = shipments(orderId).get(0).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("order_item_id").asLong()).isEqualTo(parentItemId);
        assertThat(MAGENTO.orderState(orderId)).isEqualTo("complete");
    }

    @Test
    void linesFromTwoSourcesBecomeTwoShipments() {
        MAGENTO.addSource("ship-west");
        MAGENTO.addSource("ship-east");
        String order = orderNumber();
        String lamp = sku("lamp");
        String desk = sku("desk");
        int orderId = MAGENTO.newOrder(order).item(lamp, 1).item(desk, 1).create();
        long msg = nextMessageId();

        ship(msg, order, ShipmentEnvelopes.line(lamp, "1", "ship-west") + ShipmentEnvelopes.line(desk, "1", "ship-east"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 2)).isEqualTo("Success"));
        assertThat(shipments(orderId)).extracting(s -> s.at("/extension_attributes/source_code").asText())
                .containsExactly("ship-west", "ship-east");
        assertThat(shipments(orderId)).allSatisfy(s -> assertThat(s.get("items")).hasSize(1));
    }

    @Test
    void trackingNumbersBecomeTracksWithTheMappedCarrier() {
        String order = orderNumber();
        String box = sku("box");
        int orderId = MAGENTO.newOrder(order).item(box, 1).create();
        long msg = nextMessageId();

        ship(msg, order, ShipmentEnvelopes.line(box, "1"),
                "<tracks><item><trackingNumber>1Z-SECOND</trackingNumber></item></tracks>"
                        + "<courierName> ups </courierName><serviceName>Next Day </serviceName>"
                        + "<trackingNumber>1Z-FIRST</trackingNumber>");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Success"));
        JsonNode tracks = shipments(orderId).get(0).get("tracks");
        assertThat(tracks).extracting(t -> t.get("track_number").asText()).containsExactly("1Z-FIRST", "1Z-SECOND");
        assertThat(tracks).allSatisfy(t -> {
            assertThat(t.get("carrier_code").asText()).isEqualTo("ups");
            assertThat(t.get("title").asText()).isEqualTo("ups Next Day");
        });
    }

    @Test
    void unknownCourierFallsBackToTheCustomCarrier() {
        String order = orderNumber();
        String pen = sku("pen");
        int orderId = MAGENTO.newOrder(order).item(pen, 1).create();
        long msg = nextMessageId();

        ship(msg, order, ShipmentEnvelopes.line(pen, "1"),
                "<courierName>Parcel Pigeons Ltd</courierName><trackingNumber>PP-1</trackingNumber>");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Success"));
        JsonNode track = shipments(orderId).get(0).get("tracks").get(0);
        assertThat(track.get("carrier_code").asText()).isEqualTo("custom");
        assertThat(track.get("title").asText()).isEqualTo("Parcel Pigeons Ltd");
    }

    @Test
    void unknownOrderFailsAndIsReplayableOnceTheOrderExists() throws Exception {
        String order = orderNumber();
        String hat = sku("hat");
        long msg = nextMessageId();

        ship(msg, order, ShipmentEnvelopes.line(hat, "1"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Failed"));
        assertThat(auditDetail(msg).at("/lines/0/message").asText()).startsWith("Order " + order + " not found")
                .contains("dead letter #");
        JsonNode letter = openDeadLetterMentioning(order);
        assertThat(letter.get("routeId").asText()).isEqualTo("shipment-apply");

        int orderId = MAGENTO.newOrder(order).item(hat, 1).create();
        BridgeClient.Reply replay = bridge().opsPost("/ops/dead-letters/" + letter.get("id").asLong() + "/replay", "");

        assertThat(replay.status()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).get("state").asText()).isEqualTo("REPLAYED");
        assertThat(result(msg, 1)).isEqualTo("Success");
        assertThat(shipments(orderId)).hasSize(1);
    }

    @Test
    void unknownSkuFailsTheWholeShipment() throws Exception {
        String order = orderNumber();
        String known = sku("known");
        int orderId = MAGENTO.newOrder(order).item(known, 1).create();
        long msg = nextMessageId();

        ship(msg, order, ShipmentEnvelopes.line(known, "1") + ShipmentEnvelopes.line("NOPE-" + msg, "1"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Failed"));
        assertThat(result(msg, 2)).isEqualTo("Failed");
        assertThat(auditDetail(msg).at("/lines/1/message").asText())
                .startsWith("Order item with SKU NOPE-" + msg + " does not exist on order " + order);
        assertThat(shipments(orderId)).as("nothing partially shipped").isEmpty();
    }

    @Test
    void quantityBeyondWhatIsLeftToShipIsRefusedAndNotSent() throws Exception {
        String order = orderNumber();
        String vase = sku("vase");
        int orderId = MAGENTO.newOrder(order).item(vase, 2).create();
        long msg = nextMessageId();
        int shipCallsBefore = MAGENTO.calls("/ship").size();

        ship(msg, order, ShipmentEnvelopes.line(vase, "3"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Failed"));
        assertThat(auditDetail(msg).at("/lines/0/message").asText())
                .startsWith("Cannot ship 3 of SKU " + vase + " on order " + order + ": only 2 left to ship");
        assertThat(shipments(orderId)).isEmpty();
        assertThat(MAGENTO.calls("/ship")).hasSize(shipCallsBefore);
    }

    @Test
    void connectionResetAfterMagentoCommittedCreatesExactlyOneShipment() throws Exception {
        String order = orderNumber();
        String kite = sku("kite");
        int orderId = MAGENTO.newOrder(order).item(kite, 1).create();
        MAGENTO.faults().onlyForPathContaining("/ship").resetAfterCommitNext(1);
        long msg = nextMessageId();

        ship(msg, order, ShipmentEnvelopes.line(kite, "1"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Success"));
        assertThat(shipments(orderId)).hasSize(1);
        assertThat(auditDetail(msg).at("/lines/0/shipmentId").asLong())
                .isEqualTo(shipments(orderId).get(0).get("entity_id").asLong());
        assertThat(MAGENTO.orderState(orderId)).isEqualTo("complete");
    }

    @Test
    void exhaustedRetriesAreDeadLetteredAndReplayShipsOnce() throws Exception {
        String order = orderNumber();
        String drum = sku("drum");
        int orderId = MAGENTO.newOrder(order).item(drum, 1).create();
        MAGENTO.faults().onlyForPathContaining("/ship").failNext(100, 503);
        long msg = nextMessageId();

        ship(msg, order, ShipmentEnvelopes.line(drum, "1"), "");

        await().atMost(WAIT).untilAsserted(() -> assertThat(result(msg, 1)).isEqualTo("Failed"));
        JsonNode letter = openDeadLetterMentioning(order);
        assertThat(letter.get("attempts").asInt()).isEqualTo(4);
        assertThat(letter.get("flow").asText()).isEqualTo("shipment");
        assertThat(letter.get("routeId").asText()).isEqualTo("shipment-apply");
        assertThat(letter.get("endpoint").asText()).isEqualTo("direct://shipment-apply");
        assertThat(letter.get("exceptionClass").asText()).endsWith("MagentoTransientException");
        assertThat(letter.get("exceptionMessage").asText()).contains("/ship", "503");
        assertThat(shipments(orderId)).isEmpty();

        MAGENTO.faults().reset();
        BridgeClient.Reply replay = bridge().opsPost("/ops/dead-letters/" + letter.get("id").asLong() + "/replay", "");

        assertThat(json.readTree(replay.body()).get("state").asText()).isEqualTo("REPLAYED");
        assertThat(result(msg, 1)).isEqualTo("Success");
        assertThat(shipments(orderId)).hasSize(1);
        JsonNode after = json.readTree(bridge().opsGet("/ops/dead-letters/" + letter.get("id").asLong()).body());
        assertThat(after.get("replayedBy").asText()).isEqualTo(BridgeClient.OPS_USER);
        assertThat(after.get("replayOutcome").asText()).contains("Success");
    }

    @Test
    void magento1ShapeAndRestTwinAreAccepted() {
        String order = orderNumber();
        String m1 = sku("m1");
        String rest = sku("rest");
        int orderId = MAGENTO.newOrder(order).item(m1, 1).item(rest, 1).create();
        long viaM1 = nextMessageId();
        long viaRest = nextMessageId();

        BridgeClient.Reply soap = bridge().soap("/soap/default", ShipmentEnvelopes.m1(viaM1, order, m1, 1));
        BridgeClient.Reply json = bridge().rest("/rest/default/V1/orderflow/shipment", """
                {"orderIncrementId": "%s", "skuQty": [{"sku": "%s", "qty": "1"}], "tracks": [{"trackingNumber": "T-1"}],
                 "email": false, "includeComment": false, "messageSeqId": %d}""".formatted(order, rest, viaRest),
                BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD));

        assertThat(soap.body()).contains("orderflowShipmentCreateResponse").contains("Success - Message " + viaM1 + " Received");
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).isEqualTo("\"Success - Message " + viaRest + " Received\"");
        await().atMost(WAIT).untilAsserted(() -> assertThat(result(viaRest, 1)).isEqualTo("Success"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(result(viaM1, 1)).isEqualTo("Success"));
        assertThat(shipments(orderId)).hasSize(2);
        assertThat(MAGENTO.orderState(orderId)).isEqualTo("complete");
    }

    @Test
    void badShipmentInputIsRefusedNamingTheProblemAndStoresNothing() {
        long noLines = nextMessageId();
        BridgeClient.Reply empty = ship(noLines, orderNumber(), "", "");
        assertThat(empty.status()).isEqualTo(500);
        assertThat(empty.body()).contains("Client").contains("skuQty is empty");
        assertThat(requestRows(noLines)).isZero();

        long noOrder = nextMessageId();
        BridgeClient.Reply missing = bridge().soap(SOAP_PATH, ShipmentEnvelopes.m2(noOrder, null, ShipmentEnvelopes.line("X", "1"), ""));
        assertThat(missing.body()).contains("orderIncrementId is missing");
        assertThat(requestRows(noOrder)).isZero();

        long badQty = nextMessageId();
        BridgeClient.Reply rest = bridge().rest("/rest/V1/orderflow/shipment", """
                {"orderIncrementId": "000000001", "skuQty": [{"sku": "X", "qty": "-1"}], "messageSeqId": %d}""".formatted(badQty),
                BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD));
        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.body()).contains("qty for SKU X must be greater than 0");
        assertThat(requestRows(badQty)).isZero();
    }

    @Test
    void shipmentCallsNeedTheBackOfficeCredentials() {
        String order = orderNumber();
        String mat = sku("mat");
        int orderId = MAGENTO.newOrder(order).item(mat, 1).create();
        long anonymous = nextMessageId();
        String envelope = ShipmentEnvelopes.m2(anonymous, order, ShipmentEnvelopes.line(mat, "1"), "");

        BridgeClient.Reply refused = bridge().soap(SOAP_PATH, envelope, null, "text/xml");
        BridgeClient.Reply wrong = bridge().soap(SOAP_PATH, envelope, BridgeClient.basic("orderflow", "guess"), "text/xml");
        BridgeClient.Reply restRefused = bridge().rest("/rest/V1/orderflow/shipment", "{}", null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(restRefused.status()).isEqualTo(401);
        assertThat(requestRows(anonymous)).isZero();

        long withToken = nextMessageId();
        BridgeClient.Reply bearer = bridge().soap(SOAP_PATH,
                ShipmentEnvelopes.m2(withToken, order, ShipmentEnvelopes.line(mat, "1"), ""),
                "Bearer " + BridgeClient.INBOUND_TOKEN, "text/xml");
        assertThat(bearer.body()).contains("Success - Message " + withToken + " Received");
        await().atMost(WAIT).untilAsserted(() -> assertThat(result(withToken, 1)).isEqualTo("Success"));
        assertThat(shipments(orderId)).hasSize(1);
    }

    @Test
    void shipmentWsdlIsServedInMagentosShape() {
        BridgeClient.Reply wsdl = bridge().get("/soap/default?wsdl&services=realtimeDespatchOrderFlowShipmentRequestManagementV1");

        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.body()).contains("realtimeDespatchOrderFlowShipmentRequestManagementV1CreateRequest")
                .contains("orderIncrementId").contains("skuQty").contains("trackingNumber");
    }
}
