package com.magentobridge.inbound;

/** A validated status change from the back office for one order (SOAP or REST). */
public record OrderStatusMessage(String operation, long messageSeqId, String orderIncrementId, String status,
                                 String comment) {
}
