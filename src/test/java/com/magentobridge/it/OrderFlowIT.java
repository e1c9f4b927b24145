package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;

/**
 * Orders end to end over real HTTP: import from the Magento simulator into the ledger, export to the OrderFlow
 * simulator, and back-office status changes applied to Magento. The scheduled runs are off in tests; the ops
 * "run now" endpoints trigger them.
 */
@TestPropertySource(properties = {
        "camel.servlet.mapping.servlet-name=CamelServletOrders",
        "bridge.orders.import.page-size=7",
        "bridge.orders.export.batch-size=1000",
        "bridge.backoffice.organisation=it-org",
        "bridge.backoffice.channel=it-channel",
        "bridge.mappings.stores.2.channel=second-channel",
        "bridge.mappings.stores.2.organisation=it-org",
        "bridge.orders.export.stores.3.require-invoiced=false"
})
class OrderFlowIT extends AbstractBridgeIT {

    private static final OrderFlowSimulator ORDERFLOW = SharedBackOffice.SIMULATOR;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void backOffice(DynamicPropertyRegistry registry) {
        SharedBackOffice.register(registry);
    }


    private static String number() {
        return String.format("%09d", nextMessageId() % 1_000_000_000L);
    }

    private JsonNode importNow() throws Exception {
        return opsPostOk("/ops/orders/import", "");
    }

    private JsonNode exportNow() throws Exception {
        return opsPostOk("/ops/orders/export", "");
    }

    private JsonNode ledger(String number) throws Exception {
        BridgeClient.Reply reply = bridge().opsGet("/ops/orders/" + number);
        assertThat(reply.status()).as("order " + number + " in the ledger: " + reply.body()).isEqualTo(200);
        return json.readTree(reply.body());
    }

    private int ledgerRows(String number) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM order_ledger WHERE increment_id = ?", Integer.class, number);
    }

    @Test
    void ordersAreImportedAcrossPagesAndReReadsChangeNothing() throws Exception {
        String[] numbers = new String[20];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = number();
            MAGENTO.newOrder(numbers[i]).item("ORD-SKU-" + i, 1).create();
        }

        importNow();
        for (String number : numbers) {
            assertThat(ledgerRows(number)).as(number).isEqualTo(1);
        }
        Integer versions = jdbc.queryForObject("SELECT COUNT(*) FROM order_version", Integer.class);

        JsonNode again = importNow();

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM order_version", Integer.class))
                .as("re-reading the overlap window adds no version").isEqualTo(versions);
        assertThat(again.get(0).get("created").asInt()).isZero();
        assertThat(again.get(0).get("updated").asInt()).isZero();
    }

    @Test
    void ordersSharingOneUpdatedAtAcrossSeveralPagesAreAllImportedOnce() throws Exception {
        // inside the overlap window of any cursor the other tests may have left
        Instant tie = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        String[] numbers = new String[17];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = number();
            int id = MAGENTO.newOrder(numbers[i]).item("TIE-SKU", 1).create();
            MAGENTO.setOrderUpdatedAt(id, tie);
        }

        importNow();

        for (String number : numbers) {
            assertThat(ledgerRows(number)).as(number).isEqualTo(1);
            assertThat(ledger(number).get("versions")).hasSize(1);
        }
    }

    @Test
    void aStatusChangeUpdatesTheLedgerAndIsTraced() throws Exception {
        String number = number();
        int id = MAGENTO.newOrder(number).state("new", "pending").invoiced(false).item("CHG-SKU", 2).create();
        importNow();
        assertThat(ledger(number).at("/order/exportState").asText()).isEqualTo("INELIGIBLE");

        MAGENTO.setOrderStatus(id, "processing", "processing");
        // a second later, as a real change would be (updated_at has one-second resolution)
        MAGENTO.setOrderUpdatedAt(id, Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS));
        importNow();

        JsonNode detail = ledger(number);
        assertThat(detail.at("/order/status").asText()).isEqualTo("processing");
        assertThat(detail.get("versions")).hasSize(2);
        assertThat(detail.at("/versions/1/change").asText()).contains("status pending → processing");
        assertThat(detail.at("/order/exportState").asText()).as("still not invoiced").isEqualTo("INELIGIBLE");
    }

    @Test
    void eligibleOrdersAreExportedAsOrderFlowImportsAndADuplicateCountsAsExported() throws Exception {
        String number = number();
        MAGENTO.newOrder(number).item("EXP-SIMPLE", 2).configurable("EXP-CONF-Blue", 1).create();
        importNow();
        assertThat(ledger(number).at("/order/exportState").asText()).isEqualTo("PENDING");

        JsonNode exported = exportNow();

        assertThat(exported.get("summary").asText()).contains("exported");
        JsonNode detail = ledger(number);
        assertThat(detail.at("/order/exportState").asText()).isEqualTo("EXPORTED");
        assertThat(detail.at("/exports/0/result").asText()).isEqualTo("Success");
        Map<String, String> sent = ORDERFLOW.imported(number);
        assertThat(sent).containsEntry("externalReference", number);
        assertThat(sent).containsEntry("orderLine.1.product.externalReference", "EXP-SIMPLE");
        assertThat(sent).containsEntry("orderLine.2.product.externalReference", "EXP-CONF-Blue");
        assertThat(sent.keySet()).noneMatch(key -> key.startsWith("orderLine.3"));
        assertThat(ORDERFLOW.received()).anySatisfy(call -> {
            assertThat(call.body()).contains("externalReference=\"" + number + "\"");
            assertThat(call.channel()).isEqualTo("it-channel");
            assertThat(call.organisation()).isEqualTo("it-org");
        });

        JsonNode history = json.readTree(bridge().opsGet("/ops/orders/exports?limit=5").body());
        assertThat(history.get(0).get("adapter").asText()).isEqualTo("orderflow");
        assertThat(history.get(0).get("successes").asInt()).isGreaterThanOrEqualTo(1);

        // sent again (e.g. the answer was lost): OrderFlow already has it, which counts as exported
        jdbc.update("UPDATE order_ledger SET export_state = 'PENDING' WHERE increment_id = ?", number);
        exportNow();
        JsonNode again = ledger(number);
        assertThat(again.at("/order/exportState").asText()).isEqualTo("EXPORTED");
        assertThat(again.at("/exports/1/result").asText()).isEqualTo("Duplicate");
        assertThat(again.at("/order/exportReason").asText()).startsWith("Duplicate in export #");
    }

    @Test
    void aStoreMappingSendsTheOrderToItsOwnChannel() throws Exception {
        String number = number();
        MAGENTO.newOrder(number).storeId(2).item("STORE2-SKU", 1).create();
        importNow();

        exportNow();

        assertThat(ORDERFLOW.received()).anySatisfy(call -> {
            assertThat(call.body()).contains("externalReference=\"" + number + "\"");
            assertThat(call.channel()).isEqualTo("second-channel");
        });
        assertThat(ledger(number).at("/order/exportState").asText()).isEqualTo("EXPORTED");
    }

    @Test
    void aStatusChangeAfterExportIsTracedAsNotSentBecauseOrderFlowTakesNoUpdates() throws Exception {
        String number = number();
        int id = MAGENTO.newOrder(number).item("AFTER-SKU", 1).create();
        importNow();
        exportNow();
        assertThat(ledger(number).at("/order/exportState").asText()).isEqualTo("EXPORTED");

        MAGENTO.setOrderStatus(id, "complete", "complete");
        MAGENTO.setOrderUpdatedAt(id, Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS));
        importNow();

        JsonNode detail = ledger(number);
        assertThat(detail.at("/order/exportState").asText()).isEqualTo("EXPORTED");
        assertThat(detail.at("/order/exportedStatus").asText()).isEqualTo("processing");
        assertThat(detail.get("versions").toString())
                .contains("status change not sent: the orderflow adapter takes no order status updates");
    }

    @Test
    void anOrderTheBackOfficeRefusesIsFailedWithItsMessage() throws Exception {
        String number = number();
        MAGENTO.newOrder(number).item("REFUSED-SKU", 1).create();
        ORDERFLOW.failReference(number, "Unknown product REFUSED-SKU");
        importNow();

        exportNow();

        JsonNode detail = ledger(number);
        assertThat(detail.at("/order/exportState").asText()).isEqualTo("FAILED");
        assertThat(detail.at("/order/exportReason").asText()).contains("Unknown product REFUSED-SKU");
    }

    @Test
    void ineligibleOrdersAreNotExported() throws Exception {
        String pending = number();
        MAGENTO.newOrder(pending).state("new", "pending").item("INEL-1", 1).create();
        String notInvoiced = number();
        MAGENTO.newOrder(notInvoiced).invoiced(false).item("INEL-2", 1).create();
        String virtual = number();
        MAGENTO.newOrder(virtual).virtual("INEL-VIRTUAL", 1).create();

        importNow();
        exportNow();

        assertThat(ledger(pending).at("/order/exportReason").asText()).contains("Status 'pending'");
        assertThat(ledger(notInvoiced).at("/order/exportReason").asText()).contains("Not fully invoiced");
        assertThat(ledger(virtual).at("/order/exportReason").asText()).contains("Virtual order");
        assertThat(ORDERFLOW.imported(pending)).isNull();
        assertThat(ORDERFLOW.imported(notInvoiced)).isNull();
    }

    @Test
    void aStoreCanHaveItsOwnEligibility() throws Exception {
        String defaultStore = number();
        MAGENTO.newOrder(defaultStore).invoiced(false).item("ELIG-1", 1).create();
        String ownRules = number();
        MAGENTO.newOrder(ownRules).storeId(3).invoiced(false).item("ELIG-3", 1).create();

        importNow();

        assertThat(ledger(defaultStore).at("/order/exportState").asText()).isEqualTo("INELIGIBLE");
        assertThat(ledger(ownRules).at("/order/exportState").asText())
                .as("store 3 exports orders before they are invoiced").isEqualTo("PENDING");
    }

    @Test
    void anUnmappedPaymentMethodParksTheOrderNamingTheKey() throws Exception {
        String number = number();
        int template = MAGENTO.newOrder(number()).item("PARK-SKU", 1).create();
        com.fasterxml.jackson.databind.node.ObjectNode copy = MAGENTO.order(template).orElseThrow();
        copy.put("increment_id", number);
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("payment")).put("method", "klarna_pay_later");
        MAGENTO.addOrder(copy);
        importNow();

        JsonNode detail = ledger(number);
        assertThat(detail.at("/order/exportState").asText()).isEqualTo("PARKED");
        assertThat(detail.at("/order/exportReason").asText())
                .contains("bridge.mappings.payment-methods.[klarna_pay_later]");
        exportNow();
        assertThat(ORDERFLOW.imported(number)).isNull();
        BridgeClient.Reply metrics = bridge().opsGet("/actuator/prometheus");
        assertThat(metrics.body()).containsPattern("bridge_orders_ledger\\{[^}]*state=\"PARKED\"[^}]*\\} [1-9]");
    }

    @Test
    void anEditedOrderIsImportedWithItsSuffixAndTheOriginalIsCanceled() throws Exception {
        String number = number();
        // Magento lets only orders that are not invoiced yet be edited
        int original = MAGENTO.newOrder(number).state("new", "pending").invoiced(false).item("EDIT-SKU", 1).create();
        importNow();

        int edited = MAGENTO.editOrder(original, number + "-1");
        importNow();

        assertThat(ledger(number + "-1").at("/versions/0/change").asText()).contains("an edit of order " + number);
        assertThat(ledger(number).at("/order/status").asText()).isEqualTo("canceled");
        assertThat(edited).isNotEqualTo(original);
    }

    @Test
    void backOfficeCancelIsAppliedInMagento() throws Exception {
        String number = number();
        int id = MAGENTO.newOrder(number).invoiced(false).item("CANCEL-SKU", 1).create();
        long msg = nextMessageId();

        BridgeClient.Reply reply = bridge().rest("/rest/V1/orderflow/order-status", """
                {"orderIncrementId": "%s", "status": "cancelled", "comment": "Customer called", "messageSeqId": %d}"""
                .formatted(number, msg), BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("\"Success - Message " + msg + " Received\"");
        await().atMost(WAIT).untilAsserted(() -> assertThat(statusResult(msg)).isEqualTo("Success"));
        assertThat(MAGENTO.orderState(id)).isEqualTo("canceled");
        long requestId = jdbc.queryForObject(
                "SELECT id FROM inbound_request WHERE flow = 'orderstatus' AND message_seq_id = ?", Long.class, msg);
        JsonNode audit = json.readTree(bridge().opsGet("/ops/requests/" + requestId).body());
        assertThat(audit.at("/lines/0/action").asText()).isEqualTo("cancel");
        assertThat(audit.at("/request/results/Success").asInt()).isOne();
        JsonNode listed = json.readTree(bridge().opsGet("/ops/requests?flow=orderstatus&messageSeqId=" + msg).body());
        assertThat(listed.get(0).at("/results/Success").asInt()).isOne();
    }

    @Test
    void aCancelWhoseAnswerWasLostIsNotSentAgainAndCountsAsApplied() throws Exception {
        String number = number();
        int id = MAGENTO.newOrder(number).invoiced(false).item("LOST-SKU", 1).create();
        MAGENTO.faults().onlyForPathContaining("/cancel").resetAfterCommitNext(1);
        long msg = nextMessageId();

        bridge().rest("/rest/V1/orderflow/order-status", """
                {"orderIncrementId": "%s", "status": "cancelled", "messageSeqId": %d}""".formatted(number, msg),
                BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD));

        await().atMost(WAIT).untilAsserted(() -> assertThat(statusResult(msg)).isEqualTo("Success"));
        assertThat(statusMessage(msg)).contains("answer was lost");
        assertThat(MAGENTO.orderState(id)).isEqualTo("canceled");
        assertThat(MAGENTO.calls("/V1/orders/" + id + "/cancel")).as("cancel sent once").hasSize(1);
    }

    @Test
    void magentoRefusingTheActionIsARecordedFailure() throws Exception {
        String number = number();
        int id = MAGENTO.newOrder(number).item("NOCANCEL-SKU", 1).create();
        long msg = nextMessageId();

        bridge().rest("/rest/V1/orderflow/order-status", """
                {"orderIncrementId": "%s", "status": "cancelled", "messageSeqId": %d}""".formatted(number, msg),
                BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD));

        await().atMost(WAIT).untilAsserted(() -> assertThat(statusResult(msg)).isEqualTo("Failed"));
        assertThat(statusMessage(msg)).contains("Magento refused to cancel order " + number);
        assertThat(MAGENTO.orderState(id)).isEqualTo("processing");
    }

    @Test
    void holdThenReleaseOverSoapAndAnOlderMessageIsSuperseded() throws Exception {
        String number = number();
        int id = MAGENTO.newOrder(number).item("HOLD-SKU", 1).create();
        long hold = nextMessageId();
        long older = nextMessageId();
        long release = nextMessageId();

        bridge().soap("/soap/default", statusEnvelope(number, "on hold", hold));
        await().atMost(WAIT).untilAsserted(() -> assertThat(statusResult(hold)).isEqualTo("Success"));
        assertThat(MAGENTO.orderState(id)).isEqualTo("holded");
        bridge().soap("/soap/default", statusEnvelope(number, "released", release));
        await().atMost(WAIT).untilAsserted(() -> assertThat(statusResult(release)).isEqualTo("Success"));
        bridge().soap("/soap/default", statusEnvelope(number, "on hold", older));

        await().atMost(WAIT).untilAsserted(() -> assertThat(statusResult(older)).isEqualTo("Superseded"));
        assertThat(MAGENTO.orderState(id)).isEqualTo("processing");
    }

    @Test
    void anUnmappedBackOfficeStatusFailsNamingTheKey() throws Exception {
        String number = number();
        MAGENTO.newOrder(number).item("UNMAPPED-SKU", 1).create();
        long msg = nextMessageId();

        bridge().rest("/rest/V1/orderflow/order-status", """
                {"orderIncrementId": "%s", "status": "teleported", "messageSeqId": %d}""".formatted(number, msg),
                BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD));

        await().atMost(WAIT).untilAsserted(() -> assertThat(statusResult(msg)).isEqualTo("Failed"));
        assertThat(statusMessage(msg)).contains("bridge.mappings.back-office-statuses.[teleported]");
    }

    private String statusResult(long msg) {
        return jdbc.query("""
                SELECT s.result FROM order_status_result s JOIN inbound_request r ON r.id = s.request_id
                WHERE r.flow = 'orderstatus' AND r.message_seq_id = ? ORDER BY r.id DESC FETCH FIRST 1 ROWS ONLY""",
                rs -> rs.next() ? rs.getString(1) : null, msg);
    }

    private String statusMessage(long msg) {
        return jdbc.query("""
                SELECT s.message FROM order_status_result s JOIN inbound_request r ON r.id = s.request_id
                WHERE r.flow = 'orderstatus' AND r.message_seq_id = ? ORDER BY r.id DESC FETCH FIRST 1 ROWS ONLY""",
                rs -> rs.next() ? rs.getString(1) : null, msg);
    }

    private static String statusEnvelope(String number, String status, long msg) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"urn:it\">"
                + "<soapenv:Body><ns1:realtimeDespatchOrderFlowOrderStatusRequestManagementV1UpdateRequest>"
                + "<orderIncrementId>" + number + "</orderIncrementId><status>" + status + "</status>"
                + "<messageSeqId>" + msg + "</messageSeqId>"
                + "</ns1:realtimeDespatchOrderFlowOrderStatusRequestManagementV1UpdateRequest></soapenv:Body></soapenv:Envelope>";
    }
}
