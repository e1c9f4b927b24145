package com.magentobridge.shipment;

/**
 * A shipment that cannot be created as sent (unknown order or SKU, over-shipment, an order Magento will not ship):
 * not retried, dead-lettered so ops can replay it once the cause is fixed (e.g. the order now exists).
 */
public class ShipmentRefusedException extends RuntimeException {

    public ShipmentRefusedException(String message) {
        super(message);
    }
}
