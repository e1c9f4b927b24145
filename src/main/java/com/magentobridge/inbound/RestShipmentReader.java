package com.magentobridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import static com.magentobridge.inbound.RestInventoryReader.field;
import static com.magentobridge.inbound.RestInventoryReader.list;
import static com.magentobridge.inbound.RestInventoryReader.text;

/**
 * Reads the REST twin's JSON {@code {orderIncrementId, skuQty, tracks, comment, email, includeComment, courierName,
 * serviceName, trackingNumber, dateShipped, messageSeqId}}, camelCase or snake_case, numbers or strings.
 */
@Component
public class RestShipmentReader {

    public static final String OPERATION = "POST /V1/orderflow/shipment";

    private final ShipmentMessageAssembler assembler;

    public RestShipmentReader(ShipmentMessageAssembler assembler) {
        this.assembler = assembler;
    }

    public ShipmentMessage read(JsonNode body) {
        RawShipment raw = new RawShipment(OPERATION);
        raw.messageSeqId(text(field(body, "messageSeqId", "message_seq_id")));
        raw.orderIncrementId(text(field(body, "orderIncrementId", "order_increment_id")));
        for (JsonNode item : list(body, "skuQty", "sku_qty")) {
            raw.addLine(text(item.get("sku")), text(item.get("qty")), text(item.get("source")));
        }
        for (JsonNode item : list(body, "tracks", "tracks")) {
            raw.addTrack(text(field(item, "trackingNumber", "tracking_number")));
        }
        raw.comment(text(body.get("comment")));
        raw.email(text(body.get("email")));
        raw.includeComment(text(field(body, "includeComment", "include_comment")));
        raw.courierName(text(field(body, "courierName", "courier_name")));
        raw.serviceName(text(field(body, "serviceName", "service_name")));
        raw.trackingNumber(text(field(body, "trackingNumber", "tracking_number")));
        raw.dateShipped(text(field(body, "dateShipped", "date_shipped")));
        return assembler.assemble(raw);
    }
}
