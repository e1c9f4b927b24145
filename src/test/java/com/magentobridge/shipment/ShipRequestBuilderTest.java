package com.magentobridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.mapping.CourierMapping;
import org.junit.jupiter.api.Test;

class ShipRequestBuilderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShipRequestBuilder builder = new ShipRequestBuilder(
            new CourierMapping(Map.of("UPS", "ups", "FedEx", "fedex", "Royal Mail", "custom_royalmail"), "custom"));

    private static ShipmentMessage message(List<String> tracks, String comment, boolean notify, boolean includeComment,
                                           String courier, String service) {
        return new ShipmentMessage("op", 77, "000000005",
                List.of(new ShipmentMessage.Line("24-MB01", BigDecimal.ONE, null)), tracks, comment, notify,
                includeComment, courier, service, "2017-03-22 15:25:16");
    }

    private static PlannedShipment shipment(String source, PlannedShipment.Item... items) {
        return new PlannedShipment(source, List.of(items), List.of(1), null, false);
    }

    private static PlannedShipment.Item item(long orderItemId, String qty) {
        return new PlannedShipment.Item(orderItemId, "24-MB01", new BigDecimal(qty), BigDecimal.ZERO);
    }

    /** The body as it goes over the wire. */
    private String wire(ShipmentMessage message, PlannedShipment shipment) {
        try {
            return JSON.writeValueAsString(builder.body(message, shipment));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode sent(ShipmentMessage message, PlannedShipment shipment) {
        return tree(wire(message, shipment));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void buildsTheShipBodyForOrderFlowsGuideMessage() {
        ShipmentMessage message = message(List.of(), "Shipment Created", true, true, "Generic", null);

        assertThat(sent(message, shipment(null, item(32, "1")))).isEqualTo(tree("""
                {"items": [{"order_item_id": 32, "qty": 1}],
                 "notify": true,
                 "appendComment": true,
                 "comment": {"comment": "Shipment Created", "is_visible_on_front": 1}}"""));
    }

    @Test
    void writesQuantitiesPlainWithoutExponentOrTrailingZeros() {
        ShipmentMessage message = message(List.of(), null, false, false, null, null);

        String json = wire(message, shipment(null, item(10, "1E+1"), item(11, "2.5000"), item(12, "100.0000")));

        assertThat(tree(json).get("items")).isEqualTo(tree("""
                [{"order_item_id": 10, "qty": 10}, {"order_item_id": 11, "qty": 2.5}, {"order_item_id": 12, "qty": 100}]"""));
        assertThat(json).doesNotContain("E+", "E-", "e+", "1E", "100.0", "2.50");
    }

    @Test
    void sendsNotifyFromTheEmailFlagAndNoCommentWhenNotIncluded() {
        JsonNode body = sent(message(List.of(), "Shipment Created", false, false, null, null), shipment(null, item(1, "1")));

        assertThat(body.get("notify").asBoolean()).isFalse();
        assertThat(body.path("appendComment").asBoolean(false)).isFalse();
        assertThat(body.has("comment")).isFalse();
        assertThat(body.has("tracks")).isFalse();
        assertThat(body.has("arguments")).isFalse();
    }

    @Test
    void sendsNoCommentWhenIncludeCommentIsSetButThereIsNoComment() {
        JsonNode body = sent(message(List.of(), null, true, true, null, null), shipment(null, item(1, "1")));

        assertThat(body.get("notify").asBoolean()).isTrue();
        assertThat(body.path("appendComment").asBoolean(false)).isFalse();
        assertThat(body.has("comment")).isFalse();
    }

    @Test
    void addsOneTrackPerTrackingNumberWithTheMappedCarrierAndTitle() {
        ShipmentMessage message = message(List.of("1Z999AA10123456784", "1Z999AA10123456785"), null, true, false,
                " ups ", " Next Day ");

        assertThat(sent(message, shipment(null, item(1, "1"))).get("tracks")).isEqualTo(tree("""
                [{"track_number": "1Z999AA10123456784", "title": "ups Next Day", "carrier_code": "ups"},
                 {"track_number": "1Z999AA10123456785", "title": "ups Next Day", "carrier_code": "ups"}]"""));
    }

    @Test
    void givesAnUnmappedCourierTheCustomCarrierWithTheCourierAsTitle() {
        ShipmentMessage message = message(List.of("GEN-1"), null, false, false, "Generic", null);

        assertThat(sent(message, shipment(null, item(1, "1"))).get("tracks")).isEqualTo(tree("""
                [{"track_number": "GEN-1", "title": "Generic", "carrier_code": "custom"}]"""));
    }

    @Test
    void givesATrackOfAMessageWithoutCourierTheDefaultCarrierAndANonEmptyTitle() {
        ShipmentMessage message = message(List.of("T-1"), null, false, false, null, null);

        JsonNode track = sent(message, shipment(null, item(1, "1"))).get("tracks").get(0);

        assertThat(track.get("carrier_code").asText()).isEqualTo("custom");
        assertThat(track.get("title").asText()).as("Magento requires a title").isNotBlank();
    }

    @Test
    void namesTheMsiSourceOnlyWhenTheShipmentHasOne() {
        ShipmentMessage message = message(List.of(), null, false, false, null, null);

        assertThat(sent(message, shipment("pos_glasgow", item(1, "1"))).get("arguments"))
                .isEqualTo(tree("{\"extension_attributes\": {\"source_code\": \"pos_glasgow\"}}"));
        assertThat(sent(message, shipment(null, item(1, "1"))).has("arguments")).isFalse();
    }

    @Test
    void buildsTheFullBodyWithTracksCommentAndSource() {
        ShipmentMessage message = message(List.of("JD0002249588"), "Parcel left the warehouse", true, true,
                "Royal Mail", "Tracked 24");

        assertThat(sent(message, shipment("warehouse_uk", item(32, "2"), item(40, "0.5")))).isEqualTo(tree("""
                {"items": [{"order_item_id": 32, "qty": 2}, {"order_item_id": 40, "qty": 0.5}],
                 "notify": true,
                 "appendComment": true,
                 "comment": {"comment": "Parcel left the warehouse", "is_visible_on_front": 1},
                 "tracks": [{"track_number": "JD0002249588", "title": "Royal Mail Tracked 24",
                             "carrier_code": "custom_royalmail"}],
                 "arguments": {"extension_attributes": {"source_code": "warehouse_uk"}}}"""));
    }

    @Test
    void describesTheTracksForTheAudit() {
        ShipmentMessage message = message(List.of("1Z1", "1Z2"), null, false, false, "UPS", "Next Day");

        assertThat(builder.describeTracks(message)).isEqualTo("1Z1 (ups: UPS Next Day), 1Z2 (ups: UPS Next Day)");
        assertThat(builder.describeTracks(message(List.of(), null, false, false, "UPS", null))).isEmpty();
    }
}
