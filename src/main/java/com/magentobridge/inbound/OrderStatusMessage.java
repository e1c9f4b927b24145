package com.magentobridge.inbound;

import com.magentobridge.flow.InboundMessage;

/** A validated status change from the back office for one order (SOAP or REST). */
public record OrderStatusMessage(String operation, long messageSeqId, String orderIncrementId, String status,
                                 String comment) implements InboundMessage {

    /** One line: the status change. */
    @Override
    public int lineCount() {
        return 1;
    }
}
