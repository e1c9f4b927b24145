package com.magentobridge.inbound;

import com.magentobridge.flow.InboundMessage;

import java.math.BigDecimal;
import java.util.List;

/**
 * A validated shipment-create call, whatever shape (M2 SOAP, M1 SOAP, REST) it arrived in. Lines keep their
 * order; {@code source} is null when the sender named none. Tracking numbers are trimmed and distinct.
 */
public record ShipmentMessage(String operation, long messageSeqId, String orderIncrementId, List<Line> lines,
                              List<String> trackingNumbers, String comment, boolean notifyCustomer,
                              boolean includeComment, String courierName, String serviceName, String dateShipped)
        implements InboundMessage {

    @Override
    public int lineCount() {
        return lines.size();
    }

    public record Line(String sku, BigDecimal qty, String source) { }
}
