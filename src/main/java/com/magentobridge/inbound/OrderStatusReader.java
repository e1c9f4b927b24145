package com.magentobridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

import static com.magentobridge.inbound.RestInventoryReader.field;
import static com.magentobridge.inbound.RestInventoryReader.text;
import static com.magentobridge.inbound.SoapInventoryReader.childText;

/**
 * Reads a back-office status change: REST {@code {"orderIncrementId", "status", "comment", "messageSeqId"}} (camelCase
 * or snake_case) or the SOAP twin with the same element names, and validates it in one place.
 */
@Component
public class OrderStatusReader {

    public static final String REST_OPERATION = "POST /V1/orderflow/order-status";

    public OrderStatusMessage readSoap(@Header(SoapInbound.OPERATION) SoapOperation operation, @Body Element request) {
        return validate(operation.operationName(), childText(request, "messageSeqId"),
                childText(request, "orderIncrementId"), childText(request, "status"), childText(request, "comment"));
    }

    public OrderStatusMessage readRest(JsonNode body) {
        return validate(REST_OPERATION, text(field(body, "messageSeqId", "message_seq_id")),
                text(field(body, "orderIncrementId", "order_increment_id")), text(body.get("status")),
                text(body.get("comment")));
    }

    static OrderStatusMessage validate(String operation, String messageSeqId, String order, String status, String comment) {
        long seq = InventoryMessageAssembler.parseMessageSeqId(messageSeqId);
        if (order == null || order.isBlank()) {
            throw new InboundRejectedException("orderIncrementId is missing: the order whose status changed");
        }
        if (order.trim().length() > ShipmentMessageAssembler.MAX_INCREMENT_ID_LENGTH) {
            throw new InboundRejectedException("orderIncrementId '" + InventoryMessageAssembler.abbreviate(order)
                    + "' is longer than " + ShipmentMessageAssembler.MAX_INCREMENT_ID_LENGTH + " characters");
        }
        if (status == null || status.isBlank()) {
            throw new InboundRejectedException("status is missing: the back-office status of order " + order.trim());
        }
        if (status.trim().length() > 64) {
            throw new InboundRejectedException("status '" + InventoryMessageAssembler.abbreviate(status)
                    + "' is longer than 64 characters");
        }
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (text != null && text.length() > ShipmentMessageAssembler.MAX_TEXT_LENGTH) {
            throw new InboundRejectedException("comment is longer than " + ShipmentMessageAssembler.MAX_TEXT_LENGTH
                    + " characters");
        }
        return new OrderStatusMessage(operation, seq, order.trim(), status.trim(), text);
    }
}
