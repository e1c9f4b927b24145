package com.magentobridge.inbound;

import com.magentobridge.flow.InboundMessage;

import java.util.List;

/** A validated inventory multi-update, whatever shape (M2 SOAP, M1 SOAP, REST) it arrived in. */
public record InventoryMessage(String operation, long messageSeqId, List<InventoryLineInput> lines)
        implements InboundMessage {

    @Override
    public int lineCount() {
        return lines.size();
    }
}
