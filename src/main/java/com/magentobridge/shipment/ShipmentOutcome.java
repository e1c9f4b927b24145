package com.magentobridge.shipment;

import com.magentobridge.flow.LineResult;

/** The recorded result of one shipment line: Success (with the Magento shipment and its tracks), Duplicate or Failed. */
public record ShipmentOutcome(LineResult result, String message, Long orderItemId, Long shipmentId, String tracks) {

    static ShipmentOutcome duplicate(String message) {
        return new ShipmentOutcome(LineResult.Duplicate, message, null, null, null);
    }

    static ShipmentOutcome failed(String message) {
        return new ShipmentOutcome(LineResult.Failed, message, null, null, null);
    }
}
