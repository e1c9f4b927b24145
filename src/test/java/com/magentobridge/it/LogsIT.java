package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;

/**
 * The bridge's console output (captured from start-up on) while flows succeed and fail: it never shows a configured
 * secret, and the lines written while a message is processed carry its correlation ids.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "camel.servlet.mapping.servlet-name=CamelServletLogs",
        // what ops may switch on to debug a failure: the exhausted-delivery log then prints the whole exchange
        "camel.main.message-history=true",
        "camel.main.log-exhausted-message-body=true",
        "bridge.backoffice.organisation=logs-org",
        "bridge.backoffice.channel=logs-channel",
        "bridge.orders.export.batch-size=1000"
})
class LogsIT extends AbstractBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BACK_OFFICE_USER = "logs-orderflow";
    private static final String BACK_OFFICE_PASSWORD = "Bo-7f3a9c-back-office-password";
    /** A password the back office might mistype: what a caller sends is not logged either. */
    private static final String WRONG_PASSWORD = "Wr-51c2e-mistyped-password";
    private static final OrderFlowSimulator ORDERFLOW =
            new OrderFlowSimulator(BACK_OFFICE_USER, BACK_OFFICE_PASSWORD).start(0);
    private static final String INVENTORY = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    private static final String SHIPMENT = "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";

    /** Every secret this bridge knows or is sent, as typed and as it travels in an HTTP Basic header. */
    private static final List<String> SECRETS = List.of(
            BridgeClient.INBOUND_PASSWORD, BridgeClient.INBOUND_TOKEN, BridgeClient.OPS_PASSWORD, SharedMagento.TOKEN,
            SharedMagento.SIMULATOR.integration().consumerKey(), SharedMagento.SIMULATOR.integration().consumerSecret(),
            SharedMagento.SIMULATOR.integration().accessTokenSecret(),
            BACK_OFFICE_PASSWORD, WRONG_PASSWORD,
            basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD), basic(BridgeClient.OPS_USER,
                    BridgeClient.OPS_PASSWORD), basic(BACK_OFFICE_USER, BACK_OFFICE_PASSWORD),
            basic(BridgeClient.INBOUND_USER, WRONG_PASSWORD));

    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void backOffice(DynamicPropertyRegistry registry) {
        registry.add("bridge.backoffice.base-url", ORDERFLOW::baseUrl);
        registry.add("bridge.backoffice.username", () -> BACK_OFFICE_USER);
        registry.add("bridge.backoffice.password", () -> BACK_OFFICE_PASSWORD);
        // only the orders this class creates (and the overlap window) are imported
        registry.add("bridge.orders.import.since", () -> Instant.now().toString());
    }


    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String sku(String name) {
        String sku = "LOGS-" + name + "-" + nextMessageId();
        MAGENTO.addProduct(sku);
        return sku;
    }

    private String exportState(String number) throws Exception {
        BridgeClient.Reply reply = bridge().opsGet("/ops/orders/" + number);
        return reply.status() == 200 ? json.readTree(reply.body()).at("/order/exportState").asText() : null;
    }

    @Test
    void noConfiguredSecretAppearsInTheLogsWhateverHappens(CapturedOutput output) throws Exception {
        // inbound: accepted over SOAP (Basic) and REST (Bearer); refused with a wrong password, a wrong token, bad input
        String sku = sku("secrets");
        long accepted = nextMessageId();
        assertThat(bridge().soap(INVENTORY, BridgeClient.m2Envelope(accepted, BridgeClient.line(sku, 3, 1))).status())
                .isEqualTo(200);
        long acceptedOverRest = nextMessageId();
        assertThat(bridge().rest("/rest/V1/orderflow/inventory", """
                {"productQtys": [{"sku": "%s", "qty": 4}], "productSeqs": [{"sku": "%s", "seq": 2}], "messageSeqId": %d}"""
                .formatted(sku, sku, acceptedOverRest), "Bearer " + BridgeClient.INBOUND_TOKEN).status()).isEqualTo(200);
        assertThat(bridge().soap(INVENTORY, BridgeClient.m2Envelope(nextMessageId(), BridgeClient.line(sku, 1, 3)),
                "Basic " + basic(BridgeClient.INBOUND_USER, WRONG_PASSWORD), "text/xml").status()).isEqualTo(401);
        assertThat(bridge().rest("/rest/V1/orderflow/inventory", "{}", "Bearer " + WRONG_PASSWORD).status())
                .isEqualTo(401);
        assertThat(bridge().soap(INVENTORY, BridgeClient.m2Envelope(nextMessageId(), BridgeClient.line(sku, 1, 5))
                .replace("<qty>1</qty>", "<qty>lots</qty>")).status()).isGreaterThanOrEqualTo(400);
        assertThat(bridge().rest("/rest/V1/orderflow/inventory", "{\"messageSeqId\": \"x\"}",
                "Bearer " + BridgeClient.INBOUND_TOKEN).status()).isEqualTo(400);
        // a store code no Magento store can have: a Client fault naming it
        BridgeClient.Reply longStore = bridge().soap("/soap/" + "s".repeat(80)
                + "?services=realtimeDespatchOrderFlowInventoryRequestManagementV1",
                BridgeClient.m2Envelope(nextMessageId(), BridgeClient.line(sku, 1, 4)));
        assertThat(longStore.status()).isEqualTo(500);
        assertThat(longStore.body()).contains("Fault").contains("at most 32");

        // Magento refuses the token on a write (dead-lettered at once) and on the health check; the accepted messages'
        // write goes first, so that the refusal meets the message meant for it
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(acceptedOverRest, sku)).isNotNull());
        MAGENTO.faults().onlyForPathContaining("source-items").failNext(1, 401);
        long refused = nextMessageId();
        bridge().soap(INVENTORY, BridgeClient.m2Envelope(refused, BridgeClient.line(sku, 5, 10)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(refused, sku)).isEqualTo("Failed"));
        MAGENTO.faults().reset().onlyForPathContaining("storeConfigs").errorStatuses(401).errorRate(1.0);
        await().atMost(WAIT).untilAsserted(() -> assertThat(bridge().get("/actuator/health/readiness").status())
                .isEqualTo(503));
        assertThat(bridge().opsGet("/actuator/health").body()).contains("\"httpStatus\":401");

        // Magento fails a shipment until the retries are exhausted; ops replay it once Magento is back
        String order = orderNumber();
        String tee = sku("tee");
        MAGENTO.newOrder(order).item(tee, 1).create();
        MAGENTO.faults().reset().onlyForPathContaining("/ship").failNext(100, 503);
        long shipment = nextMessageId();
        bridge().soap(SHIPMENT, ShipmentEnvelopes.m2(shipment, order, ShipmentEnvelopes.line(tee, "1"), ""));
        await().atMost(WAIT).untilAsserted(() -> assertThat(shipmentResult(shipment)).isEqualTo("Failed"));
        MAGENTO.faults().reset();
        JsonNode letters = json.readTree(bridge().opsGet("/ops/dead-letters?flow=shipment&state=OPEN").body());
        assertThat(bridge().opsPost("/ops/dead-letters/" + letters.get(0).get("id").asLong() + "/replay", "")
                .status()).isEqualTo(200);

        // the back office: an export accepted with Basic auth, then one whose credentials are refused
        String exported = orderNumber();
        MAGENTO.newOrder(exported).item(sku("export"), 1).create();
        assertThat(bridge().opsPost("/ops/orders/import", "").status()).isEqualTo(200);
        assertThat(bridge().opsPost("/ops/orders/export", "").status()).isEqualTo(200);
        await().atMost(WAIT).untilAsserted(() -> assertThat(exportState(exported)).isEqualTo("EXPORTED"));
        String refusedExport = orderNumber();
        MAGENTO.newOrder(refusedExport).item(sku("refused-export"), 1).create();
        ORDERFLOW.failNext(1, 401);
        bridge().opsPost("/ops/orders/import", "");
        bridge().opsPost("/ops/orders/export", "");
        await().atMost(WAIT).untilAsserted(() -> assertThat(exportState(refusedExport)).isEqualTo("FAILED"));

        String logs = output.getAll();
        assertThat(logs).as("the scenarios above were logged")
                .contains("dead-lettered #", "credentials refused by the back office", "SOAP request rejected",
                        "REST request rejected", "is 80 characters long");
        for (String secret : SECRETS) {
            assertThat(logs).as("a secret in the logs").doesNotContain(secret);
        }
    }

    @Test
    void logLinesCarryTheIdsOfTheMessageOrderAndSkuBeingProcessed(CapturedOutput output) {
        String order = orderNumber();
        String hat = "LOGS-hat-" + nextMessageId();
        long shipment = nextMessageId();
        bridge().soap(SHIPMENT, ShipmentEnvelopes.m2(shipment, order, ShipmentEnvelopes.line(hat, "1"), ""));
        await().atMost(WAIT).untilAsserted(() -> assertThat(shipmentResult(shipment)).isEqualTo("Failed"));

        String sku = sku("retried");
        MAGENTO.faults().onlyForPathContaining("source-items").failNext(2, 503);
        long stock = nextMessageId();
        bridge().soap(INVENTORY, BridgeClient.m2Envelope(stock, BridgeClient.line(sku, 6, 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(stock, sku)).isEqualTo("Success"));

        List<String> lines = output.getAll().lines().toList();
        String shipmentIds = "[flow=shipment messageSeqId=" + shipment + " orderIncrementId=" + order;
        assertThat(lines).as("receipt").anyMatch(line -> line.contains(shipmentIds + "]")
                && line.contains("shipment message " + shipment + " for order " + order + " received"));
        assertThat(lines).as("the dead letter").anyMatch(line -> line.contains(shipmentIds + " sku=" + hat + "]")
                && line.contains("dead-lettered #"));
        assertThat(lines).as("Camel's retry of the stock write")
                .anyMatch(line -> line.contains("[flow=inventory sku=" + sku + "]") && line.contains("503"));
        assertThat(lines).as("the batch summary names no single SKU")
                .anyMatch(line -> line.contains("[flow=inventory]") && line.contains("inventory batch of"));
    }
}
