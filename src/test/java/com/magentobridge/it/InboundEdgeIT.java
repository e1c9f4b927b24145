package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The drop-in promise and the bad-input rules of the inbound edge: every shape OrderFlow sends is accepted
 * and answered like the extension; every bad request gets a fault or 4xx naming the problem, nothing is
 * stored, and the bridge keeps serving.
 */
class InboundEdgeIT extends AbstractBridgeIT {

    private static final String SERVICE = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    private static final String NS = "http://orderflow.magento/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";

    private int storedRequests() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM inbound_request", Integer.class);
    }

    static Stream<Arguments> badSoapRequests() {
        String ok = BridgeClient.m2Envelope(900_000_001L, BridgeClient.line("ANY", 1, 1));
        String deep = "<a>".repeat(150) + "x" + "</a>".repeat(150);
        return Stream.of(
                Arguments.of("malformed XML", ok.substring(0, ok.length() - 30), "Malformed XML"),
                Arguments.of("mismatched tags", ok.replace("</sku>", "</skux>"), "Malformed XML"),
                Arguments.of("unknown operation", ok.replace("V1UpdateRequest", "V1Frobnicate"), "Unknown operation"),
                Arguments.of("missing messageSeqId", ok.replaceAll("<messageSeqId>.*</messageSeqId>", ""), "messageSeqId is missing"),
                Arguments.of("qty not an integer", ok.replace("<qty>1</qty>", "<qty>lots</qty>"), "qty 'lots' for SKU ANY is not an integer"),
                Arguments.of("seq not an integer", ok.replace("<seq>1</seq>", "<seq>1.5</seq>"), "seq '1.5' for SKU ANY is not an integer"),
                Arguments.of("SKU without a sequence item", ok.replaceAll("<productSeqs>.*</productSeqs>", "<productSeqs/>"),
                        "SKU ANY has a quantity but no sequence item"),
                Arguments.of("XXE through a DOCTYPE", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + ok.replace("<sku>ANY</sku>", "<sku>&x;</sku>"), "DTD"),
                Arguments.of("entity expansion", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                        + ok.replace("<sku>ANY</sku>", "<sku>&c;</sku>"), "DTD"),
                Arguments.of("nesting deeper than 100", ok.replace("<sku>ANY</sku>", "<sku>ANY</sku><deep>" + deep + "</deep>"), "depth"),
                Arguments.of("empty body element", "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>", "empty"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSoapRequests")
    void badSoapInputGetsAFaultNamingTheProblemAndStoresNothing(String name, String envelope, String expected) {
        int before = storedRequests();

        BridgeClient.Reply reply = bridge().soap(SERVICE, envelope);

        assertThat(reply.status()).isBetween(400, 599);
        assertThat(reply.body()).contains("Fault").containsIgnoringCase(expected);
        assertThat(storedRequests()).isEqualTo(before);
        assertThat(reply.body()).doesNotContain("root:");
        assertBridgeStillServes();
    }

    @Test
    void aStoreCodeNoMagentoStoreCanHaveIsRefusedByNameOverSoapAndRest() {
        int before = storedRequests();
        String store = "s".repeat(40);

        BridgeClient.Reply soap = bridge().soap("/soap/" + store + "?services=realtimeDespatchOrderFlowInventoryRequestManagementV1",
                BridgeClient.m2Envelope(nextMessageId(), BridgeClient.line("ANY", 1, 1)));
        BridgeClient.Reply rest = bridge().rest("/rest/" + store + "/V1/orderflow/inventory",
                "{\"productQtys\": [{\"sku\": \"ANY\", \"qty\": 1}], \"productSeqs\": [{\"sku\": \"ANY\", \"seq\": 1}], "
                        + "\"messageSeqId\": " + nextMessageId() + "}", "Bearer " + BridgeClient.INBOUND_TOKEN);

        assertThat(soap.body()).contains("Fault").contains("is 40 characters long").contains("at most 32");
        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.body()).contains("is 40 characters long");
        assertThat(storedRequests()).isEqualTo(before);
        assertBridgeStillServes();
    }

    @Test
    void bodyOverTheLimitIsRefusedWithTheLimitNamed() {
        int before = storedRequests();
        String padding = "<!--" + "x".repeat(250_000) + "-->";
        String envelope = BridgeClient.m2Envelope(nextMessageId(), BridgeClient.line("ANY", 1, 1)).replace("<SOAP-ENV:Body>", "<SOAP-ENV:Body>" + padding);

        BridgeClient.Reply reply = bridge().soap(SERVICE, envelope);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body()).contains("Fault").contains("exceeds the limit of 200000 bytes");
        assertThat(storedRequests()).isEqualTo(before);
        assertBridgeStillServes();
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedWhileStreaming() throws Exception {
        int before = storedRequests();
        String padding = "<!--" + "x".repeat(250_000) + "-->";
        byte[] envelope = BridgeClient.m2Envelope(nextMessageId(), BridgeClient.line("ANY", 1, 1))
                .replace("<SOAP-ENV:Body>", "<SOAP-ENV:Body>" + padding).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(bridge().base() + SERVICE))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Authorization", BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(envelope)))
                .build();

        java.net.http.HttpResponse<String> reply = java.net.http.HttpClient.newHttpClient()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isBetween(400, 599);
        assertThat(reply.body()).contains("Fault").contains("exceeds the limit of 200000 bytes");
        assertThat(storedRequests()).isEqualTo(before);
        assertBridgeStillServes();
    }

    @Test
    void missingOrWrongCredentialsAreRefusedAndNothingIsStored() {
        int before = storedRequests();
        String envelope = BridgeClient.m2Envelope(nextMessageId(), BridgeClient.line("ANY", 1, 1));

        BridgeClient.Reply anonymous = bridge().soap(SERVICE, envelope, null, "text/xml");
        BridgeClient.Reply wrong = bridge().soap(SERVICE, envelope, BridgeClient.basic(BridgeClient.INBOUND_USER, "guess"), "text/xml");
        BridgeClient.Reply wrongToken = bridge().soap(SERVICE, envelope, "Bearer nope", "text/xml");
        BridgeClient.Reply restAnonymous = bridge().rest("/rest/V1/orderflow/inventory", "{}", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).contains("<faultcode>soap:Client</faultcode>").contains("Authentication required");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrongToken.status()).isEqualTo(401);
        assertThat(restAnonymous.status()).isEqualTo(401);
        assertThat(restAnonymous.body()).contains("\"message\"");
        assertThat(storedRequests()).isEqualTo(before);
        assertThat(bridge().get("/ops/requests").status()).isEqualTo(401);
    }

    @Test
    void aFailureBeforeTheCommitIsAFaultAndLeavesNothingHalfWritten() {
        long msg = nextMessageId();
        int before = storedRequests();
        jdbc.execute("ALTER TABLE inbound_request_body RENAME TO inbound_request_body_away");
        BridgeClient.Reply reply;
        try {
            reply = bridge().soap(SERVICE, BridgeClient.m2Envelope(msg, BridgeClient.line("ANY-DB", 1, 1)));
        } finally {
            jdbc.execute("ALTER TABLE inbound_request_body_away RENAME TO inbound_request_body");
        }

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.body()).contains("<faultcode>soap:Server</faultcode>")
                .contains("Message not stored, send it again later").doesNotContain("Success").doesNotContainIgnoringCase("inbound_request");
        assertThat(storedRequests()).as("the request row inserted before the failure was rolled back").isEqualTo(before);
        assertThat(requestRows(msg)).isZero();
        assertBridgeStillServes();
    }

    @Test
    void bearerTokenAuthenticatesTheBackOffice() {
        long msg = nextMessageId();
        BridgeClient.Reply reply = bridge().soap(SERVICE, BridgeClient.m2Envelope(msg, BridgeClient.line("ANY-T", 1, 1)),
                "Bearer " + BridgeClient.INBOUND_TOKEN, "text/xml");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("Success - Message " + msg + " Received");
    }

    @Test
    void responseNeverEchoesTheCredentials() {
        BridgeClient.Reply reply = bridge().soap(SERVICE, BridgeClient.m2Envelope(nextMessageId(), BridgeClient.line("ANY-E", 1, 1)));
        assertThat(reply.body()).doesNotContain(BridgeClient.INBOUND_PASSWORD);
    }

    @Test
    void magentoOneMultiUpdateAsInTheGuideIsAcceptedAndItsSessionIdMasked() {
        String sku = "IT-M1-" + nextMessageId();
        MAGENTO.addProduct(sku);
        long msg = nextMessageId();
        String envelope = """
                <?xml version="1.0" encoding="UTF-8"?>
                <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
                  xmlns:ns1="urn:Magento" xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/"
                  SOAP-ENV:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">
                  <SOAP-ENV:Body>
                    <ns1:orderflowInventoryMultiUpdate>
                      <sessionId xsi:type="xsd:string">top-secret-session</sessionId>
                      <skuQty SOAP-ENC:arrayType="ns1:skuQty[1]" xsi:type="ns1:skuQtyArray">
                        <item xsi:type="ns1:skuQty"><key xsi:type="xsd:string">%1$s</key><value xsi:type="xsd:int">12</value></item>
                      </skuQty>
                      <skuSeqId SOAP-ENC:arrayType="ns1:skuSeq[1]" xsi:type="ns1:skuSeqArray">
                        <item xsi:type="ns1:skuSeq"><key xsi:type="xsd:string">%1$s</key><value xsi:type="xsd:int">10</value></item>
                      </skuSeqId>
                      <messageSeqId xsi:type="xsd:int">%2$d</messageSeqId>
                    </ns1:orderflowInventoryMultiUpdate>
                  </SOAP-ENV:Body>
                </SOAP-ENV:Envelope>""".formatted(sku, msg).strip();

        BridgeClient.Reply reply = bridge().soap("/soap/default", envelope);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("orderflowInventoryMultiUpdateResponse").contains("Success - Message " + msg + " Received");
        String stored = jdbc.queryForObject("""
                SELECT b.raw_body FROM inbound_request_body b JOIN inbound_request r ON r.id = b.request_id
                WHERE r.message_seq_id = ?""", String.class, msg);
        assertThat(stored).contains("****").doesNotContain("top-secret-session").contains(sku);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("12"));
    }

    @Test
    void soap12EnvelopeIsAnsweredInSoap12() {
        long msg = nextMessageId();
        String envelope = BridgeClient.m2Envelope(NS, msg, BridgeClient.line("ANY-12", 2, 2), null)
                .replace("http://schemas.xmlsoap.org/soap/envelope/", "http://www.w3.org/2003/05/soap-envelope");

        BridgeClient.Reply reply = bridge().soap("/soap/all", envelope,
                BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD), "application/soap+xml; charset=utf-8");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("http://www.w3.org/2003/05/soap-envelope")
                .contains("xmlns:ns1=\"" + NS + "\"").contains("Success - Message " + msg + " Received");
        assertThat(jdbc.queryForObject("SELECT store_code FROM inbound_request WHERE message_seq_id = ?", String.class, msg))
                .isEqualTo("all");
    }

    @Test
    void restTwinAcceptsCamelAndSnakeCaseAndAnswersAJsonString() {
        String sku = "IT-REST-" + nextMessageId();
        MAGENTO.addProduct(sku);
        long msg = nextMessageId();
        String body = """
                {"product_qtys":[{"sku":"%1$s","qty":"6","source":"default"}],
                 "productSeqs":[{"sku":"%1$s","seq":44,"last_order_exported":"2026-11-20 10:00:00"}],
                 "message_seq_id":%2$d}""".formatted(sku, msg);

        BridgeClient.Reply reply = bridge().rest("/rest/default/V1/orderflow/inventory/", body,
                BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("\"Success - Message " + msg + " Received\"");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("6"));
    }

    @Test
    void restBadInputGets400NamingTheProblem() {
        int before = storedRequests();
        String auth = BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD);

        BridgeClient.Reply malformed = bridge().rest("/rest/V1/orderflow/inventory", "{\"productQtys\": [", auth);
        BridgeClient.Reply noSeq = bridge().rest("/rest/V1/orderflow/inventory",
                "{\"productQtys\":[{\"sku\":\"A\",\"qty\":1}],\"productSeqs\":[{\"sku\":\"A\",\"seq\":1}]}", auth);
        BridgeClient.Reply unknownPath = bridge().rest("/rest/V1/orderflow/frobnicate", "{}", auth);

        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("Malformed JSON");
        assertThat(noSeq.status()).isEqualTo(400);
        assertThat(noSeq.body()).isEqualTo("{\"message\":\"messageSeqId is missing\"}");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(storedRequests()).isEqualTo(before);
    }

    @Test
    void wsdlIsServedInMagentosShapeForTheRequestedStore() {
        BridgeClient.Reply wsdl = bridge().get("/soap/en_gb?wsdl&services=realtimeDespatchOrderFlowInventoryRequestManagementV1");

        assertThat(wsdl.status()).isEqualTo(200);
        assertThat(wsdl.body()).contains("targetNamespace=\"http://127.0.0.1:" + port
                        + "/soap/en_gb?services=realtimeDespatchOrderFlowInventoryRequestManagementV1\"")
                .contains("name=\"realtimeDespatchOrderFlowInventoryRequestManagementV1Update\"")
                .contains("name=\"productQtys\"");
        assertThat(bridge().get("/soap/default?wsdl&services=nope").status()).isEqualTo(404);
        assertThat(bridge().get("/soap/default").status()).as("only the WSDL is anonymous").isEqualTo(401);
    }

    @Test
    void healthIsOpenAndOpsNeedsOpsCredentials() {
        assertThat(bridge().get("/actuator/health").status()).isEqualTo(200);
        assertThat(bridge().opsGet("/ops/dead-letters").status()).isEqualTo(200);
        assertThat(bridge().rest("/ops/dead-letters/1/replay", "", BridgeClient.basic(BridgeClient.INBOUND_USER,
                BridgeClient.INBOUND_PASSWORD)).status()).isEqualTo(403);
    }

    private void assertBridgeStillServes() {
        long msg = nextMessageId();
        BridgeClient.Reply reply = bridge().soap(SERVICE, BridgeClient.m2Envelope(msg, BridgeClient.line("ANY-OK", 1, 1)));
        assertThat(reply.body()).contains("Success - Message " + msg + " Received");
    }
}
