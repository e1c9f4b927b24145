package com.magentobridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RestShipmentReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestShipmentReader reader = new RestShipmentReader(new ShipmentMessageAssembler());

    private ShipmentMessage read(String json) {
        return reader.read(tree(json));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ShipmentMessage.Line line(String sku, String qty, String source) {
        return new ShipmentMessage.Line(sku, new BigDecimal(qty), source);
    }

    @Test
    void readsCamelCaseKeys() {
        ShipmentMessage message = read("""
                {"orderIncrementId": "000000005",
                 "skuQty": [{"sku": "24-MB01", "qty": "1"}, {"sku": "24-MB02", "qty": "2.0000", "source": "warehouse_uk"}],
                 "tracks": [{"trackingNumber": "1Z999"}],
                 "comment": "Shipment Created", "email": "1", "includeComment": "1",
                 "courierName": "Generic", "serviceName": "", "trackingNumber": "",
                 "dateShipped": "2017-03-22 15:25:16", "messageSeqId": "77"}""");

        assertThat(message.operation()).isEqualTo(RestShipmentReader.OPERATION).isEqualTo("POST /V1/orderflow/shipment");
        assertThat(message.messageSeqId()).isEqualTo(77);
        assertThat(message.orderIncrementId()).isEqualTo("000000005");
        assertThat(message.lines()).containsExactly(line("24-MB01", "1", null), line("24-MB02", "2", "warehouse_uk"));
        assertThat(message.trackingNumbers()).containsExactly("1Z999");
        assertThat(message.comment()).isEqualTo("Shipment Created");
        assertThat(message.notifyCustomer()).isTrue();
        assertThat(message.includeComment()).isTrue();
        assertThat(message.courierName()).isEqualTo("Generic");
        assertThat(message.serviceName()).isNull();
        assertThat(message.dateShipped()).isEqualTo("2017-03-22 15:25:16");
    }

    @Test
    void readsSnakeCaseKeysLikeMagentosInputProcessor() {
        ShipmentMessage message = read("""
                {"order_increment_id": "000000013-1",
                 "sku_qty": [{"sku": "A", "qty": 3, "source": "eu"}],
                 "tracks": [{"tracking_number": "T-2"}],
                 "include_comment": 1, "email": 0, "comment": "c",
                 "courier_name": "UPS", "service_name": "Next Day", "tracking_number": "T-1",
                 "date_shipped": "2024-01-01", "message_seq_id": 9}""");

        assertThat(message.messageSeqId()).isEqualTo(9);
        assertThat(message.orderIncrementId()).isEqualTo("000000013-1");
        assertThat(message.lines()).containsExactly(line("A", "3", "eu"));
        assertThat(message.trackingNumbers()).containsExactly("T-1", "T-2");
        assertThat(message.includeComment()).isTrue();
        assertThat(message.notifyCustomer()).isFalse();
        assertThat(message.courierName()).isEqualTo("UPS");
        assertThat(message.serviceName()).isEqualTo("Next Day");
        assertThat(message.dateShipped()).isEqualTo("2024-01-01");
    }

    @ParameterizedTest(name = "qty {0}")
    @ValueSource(strings = {"2", "\"2\"", "2.0", "\"2.0000\"", "\" 2 \""})
    void acceptsNumbersAndNumericStringsForQuantities(String qtyJson) {
        ShipmentMessage message = read("""
                {"orderIncrementId": "000000005", "skuQty": [{"sku": "A", "qty": %s}], "messageSeqId": 1}"""
                .formatted(qtyJson));

        assertThat(message.lines()).singleElement().extracting(ShipmentMessage.Line::qty).isEqualTo(new BigDecimal("2"));
    }

    @Test
    void acceptsJsonBooleansForTheFlags() {
        ShipmentMessage message = read("""
                {"orderIncrementId": "000000005", "skuQty": [{"sku": "A", "qty": 1}], "messageSeqId": 1,
                 "email": true, "includeComment": false}""");

        assertThat(message.notifyCustomer()).isTrue();
        assertThat(message.includeComment()).isFalse();
    }

    @Test
    void dropsRepeatedTrackingNumbersAcrossTracksAndTheTrackingNumberField() {
        ShipmentMessage message = read("""
                {"orderIncrementId": "000000005", "skuQty": [{"sku": "A", "qty": 1}], "messageSeqId": 1,
                 "trackingNumber": "T-1",
                 "tracks": [{"trackingNumber": "T-1"}, {"tracking_number": "T-2"}, {"trackingNumber": null}, {}]}""");

        assertThat(message.trackingNumbers()).containsExactly("T-1", "T-2");
    }

    @Test
    void keepsTheLeadingZerosOfANumericLookingOrderNumberSentAsAString() {
        ShipmentMessage message = read("""
                {"orderIncrementId": "000000005", "skuQty": [{"sku": "A", "qty": 1}], "messageSeqId": 1}""");

        assertThat(message.orderIncrementId()).isEqualTo("000000005");
    }

    @ParameterizedTest(name = "skuQty {0}")
    @ValueSource(strings = {"{\"sku\": \"A\", \"qty\": 1}", "\"A\"", "5"})
    void rejectsASkuQtyThatIsNotAList(String skuQty) {
        assertThatThrownBy(() -> read("""
                {"orderIncrementId": "000000005", "skuQty": %s, "messageSeqId": 1}""".formatted(skuQty)))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("skuQty must be a list");
    }

    @Test
    void rejectsASnakeCaseSkuQtyThatIsNotAListNamingTheField() {
        assertThatThrownBy(() -> read("""
                {"order_increment_id": "000000005", "sku_qty": "A", "message_seq_id": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("skuQty must be a list");
    }

    @ParameterizedTest(name = "item {0}")
    @ValueSource(strings = {"\"A\"", "1", "[\"A\", 1]", "null"})
    void rejectsSkuQtyItemsThatAreNotObjects(String item) {
        assertThatThrownBy(() -> read("""
                {"orderIncrementId": "000000005", "skuQty": [{"sku": "A", "qty": 1}, %s], "messageSeqId": 1}"""
                .formatted(item)))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("Every item of skuQty must be an object");
    }

    @Test
    void rejectsTrackItemsThatAreNotObjects() {
        assertThatThrownBy(() -> read("""
                {"orderIncrementId": "000000005", "skuQty": [{"sku": "A", "qty": 1}], "messageSeqId": 1,
                 "tracks": ["1Z999"]}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("Every item of tracks must be an object");
    }

    @Test
    void rejectsAnObjectWhereAValueBelongs() {
        assertThatThrownBy(() -> read("""
                {"orderIncrementId": {"id": "000000005"}, "skuQty": [{"sku": "A", "qty": 1}], "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageStartingWith("Expected a value, found object");
    }

    @Test
    void rejectsAShipmentWithoutSkuQty() {
        assertThatThrownBy(() -> read("""
                {"orderIncrementId": "000000005", "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("skuQty is empty: a shipment must list at least one SKU and quantity");
    }

    @Test
    void rejectsANonNumericQuantityNamingTheSku() {
        assertThatThrownBy(() -> read("""
                {"orderIncrementId": "000000005", "skuQty": [{"sku": "A", "qty": "lots"}], "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("qty 'lots' for SKU A is not a number");
    }
}
