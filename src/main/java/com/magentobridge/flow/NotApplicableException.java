package com.magentobridge.flow;

/**
 * A message that cannot be applied as sent (unknown order or SKU, over-shipment, an unmapped status, an action
 * Magento refuses): not retried, dead-lettered so ops can replay it once the cause is fixed (e.g. the order now
 * exists, the mapping was added).
 */
public class NotApplicableException extends RuntimeException {

    public NotApplicableException(String message) {
        super(message);
    }
}
