package com.magentobridge.inbound;

import static com.magentobridge.inbound.SoapEnvelopes.envelope;
import static com.magentobridge.inbound.SoapEnvelopes.operationElement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** A back-office status change, REST or SOAP, read and validated in one place. */
class OrderStatusReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOAP_OPERATION = "realtimeDespatchOrderFlowOrderStatusRequestManagementV1Update";
    private static final String NAMESPACE =
            "http://local.magento2/soap/default?services=realtimeDespatchOrderFlowOrderStatusRequestManagementV1";

    private final OrderStatusReader reader = new OrderStatusReader();

    private OrderStatusMessage rest(String json) {
        try {
            return reader.readRest(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** What the SOAP edge does: recognise the operation by the body element's local name, then read it. */
    private OrderStatusMessage soap(String content) {
        Element request = operationElement(envelope("<ns1:" + SOAP_OPERATION + "Request xmlns:ns1=\"" + NAMESPACE
                + "\">" + content + "</ns1:" + SOAP_OPERATION + "Request>"));
        SoapOperation operation = SoapOperation.forElement(SoapInventoryReader.localName(request)).orElseThrow();
        return reader.readSoap(operation, request);
    }

    // ------------------------------------------------------------------ REST

    @Test
    void readsCamelCaseRest() {
        OrderStatusMessage message = rest("""
                {"orderIncrementId": "000000013-1", "status": "cancelled", "comment": " Out of stock ",
                 "messageSeqId": "41"}""");

        assertThat(message).isEqualTo(new OrderStatusMessage("POST /V1/orderflow/order-status", 41, "000000013-1",
                "cancelled", "Out of stock"));
    }

    @Test
    void readsSnakeCaseRestWithANumericSequence() {
        OrderStatusMessage message = rest("""
                {"order_increment_id": " 000000005 ", "status": " on hold ", "message_seq_id": 7}""");

        assertThat(message.messageSeqId()).isEqualTo(7);
        assertThat(message.orderIncrementId()).isEqualTo("000000005");
        assertThat(message.status()).isEqualTo("on hold");
        assertThat(message.comment()).isNull();
    }

    @Test
    void blankCommentIsNoComment() {
        assertThat(rest("""
                {"orderIncrementId": "1", "status": "despatched", "comment": "   ", "messageSeqId": 1}""").comment())
                .isNull();
        assertThat(rest("""
                {"orderIncrementId": "1", "status": "despatched", "comment": null, "messageSeqId": 1}""").comment())
                .isNull();
    }

    @Test
    void restWithoutAnOrderIsRejected() {
        assertThatThrownBy(() -> rest("""
                {"status": "cancelled", "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("orderIncrementId is missing: the order whose status changed");
        assertThatThrownBy(() -> rest("""
                {"orderIncrementId": "  ", "status": "cancelled", "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageStartingWith("orderIncrementId is missing");
    }

    @Test
    void restWithoutAStatusIsRejectedNamingTheOrder() {
        assertThatThrownBy(() -> rest("""
                {"orderIncrementId": "000000005", "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("status is missing: the back-office status of order 000000005");
        assertThatThrownBy(() -> rest("""
                {"orderIncrementId": "000000005", "status": "", "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageStartingWith("status is missing");
    }

    @Test
    void restWithoutAUsableSequenceIsRejected() {
        assertThatThrownBy(() -> rest("""
                {"orderIncrementId": "000000005", "status": "cancelled"}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("messageSeqId is missing");
        assertThatThrownBy(() -> rest("""
                {"orderIncrementId": "000000005", "status": "cancelled", "messageSeqId": "seven"}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("messageSeqId 'seven' is not an integer");
    }

    @Test
    void restWithAnObjectWhereAValueBelongsIsRejected() {
        assertThatThrownBy(() -> reader.readRest(tree("""
                {"orderIncrementId": "000000005", "status": {"code": "cancelled"}, "messageSeqId": 1}""")))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageContaining("Expected a value");
    }

    @Test
    void orderNumberOfFiftyCharactersIsAcceptedAndFiftyOneRejected() {
        String fifty = "9".repeat(50);
        assertThat(rest("{\"orderIncrementId\": \"" + fifty + "\", \"status\": \"s\", \"messageSeqId\": 1}")
                .orderIncrementId()).isEqualTo(fifty);

        assertThatThrownBy(() -> rest("{\"orderIncrementId\": \"" + fifty + "1\", \"status\": \"s\", \"messageSeqId\": 1}"))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("orderIncrementId '" + "9".repeat(40) + "…' is longer than 50 characters");
    }

    @Test
    void statusOfSixtyFourCharactersIsAcceptedAndSixtyFiveRejected() {
        String sixtyFour = "s".repeat(64);
        assertThat(rest("{\"orderIncrementId\": \"5\", \"status\": \"" + sixtyFour + "\", \"messageSeqId\": 1}")
                .status()).isEqualTo(sixtyFour);

        assertThatThrownBy(() -> rest("{\"orderIncrementId\": \"5\", \"status\": \"" + sixtyFour + "s\", \"messageSeqId\": 1}"))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageEndingWith("' is longer than 64 characters")
                .hasMessageStartingWith("status '" + "s".repeat(40) + "…");
    }

    @Test
    void commentOfFourThousandCharactersIsAcceptedAndLongerRejected() {
        String limit = "c".repeat(4000);
        assertThat(rest("{\"orderIncrementId\": \"5\", \"status\": \"s\", \"comment\": \" " + limit + " \", \"messageSeqId\": 1}")
                .comment()).hasSize(4000);

        assertThatThrownBy(() -> rest("{\"orderIncrementId\": \"5\", \"status\": \"s\", \"comment\": \"" + limit
                + "c\", \"messageSeqId\": 1}"))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("comment is longer than 4000 characters");
    }

    // ------------------------------------------------------------------ SOAP

    @Test
    void readsTheSoapRequestWithTheOperationName() {
        OrderStatusMessage message = soap("""
                <orderIncrementId>
                  000000005
                </orderIncrementId>
                <status>cancelled</status>
                <comment>Customer changed their mind</comment>
                <messageSeqId>12</messageSeqId>""");

        assertThat(message).isEqualTo(new OrderStatusMessage(SOAP_OPERATION, 12, "000000005", "cancelled",
                "Customer changed their mind"));
    }

    @Test
    void soapWithoutACommentOrWithANilCommentHasNone() {
        assertThat(soap("<orderIncrementId>5</orderIncrementId><status>released</status>"
                + "<messageSeqId>1</messageSeqId>").comment()).isNull();
        assertThat(soap("<orderIncrementId>5</orderIncrementId><status>released</status>"
                + "<comment xsi:nil=\"true\"/><messageSeqId>1</messageSeqId>").comment()).isNull();
    }

    @Test
    void soapMissingFieldsAreRejected() {
        assertThatThrownBy(() -> soap("<status>cancelled</status><messageSeqId>1</messageSeqId>"))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageStartingWith("orderIncrementId is missing");
        assertThatThrownBy(() -> soap("<orderIncrementId>5</orderIncrementId><status xsi:nil=\"true\"/>"
                + "<messageSeqId>1</messageSeqId>"))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("status is missing: the back-office status of order 5");
        assertThatThrownBy(() -> soap("<orderIncrementId>5</orderIncrementId><status>cancelled</status>"))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("messageSeqId is missing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"orderIncrementId", "status"})
    void soapOverlongValuesAreRejectedNamingTheField(String field) {
        String overlong = "x".repeat(65);
        String order = field.equals("orderIncrementId") ? overlong : "5";
        String status = field.equals("status") ? overlong : "cancelled";

        assertThatThrownBy(() -> soap("<orderIncrementId>" + order + "</orderIncrementId><status>" + status
                + "</status><messageSeqId>1</messageSeqId>"))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageStartingWith(field + " '")
                .hasMessageContaining("is longer than");
    }
}
