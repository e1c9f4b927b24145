package com.magentobridge.shipment;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import com.magentobridge.flow.Flow;
import com.magentobridge.flow.Inbox;
import com.magentobridge.flow.JsonFlowReceipt;
import com.magentobridge.inbound.ShipmentMessage;

/** Receipt of a shipment message: the parsed message is stored as JSON; a duplicate's lines are recorded. */
@Component
public class ShipmentInbox extends JsonFlowReceipt<ShipmentMessage> {

    private final ShipmentStore store;

    public ShipmentInbox(Inbox inbox, ShipmentStore store, ObjectMapper json) {
        super(Flow.SHIPMENT, "Shipment", inbox, json);
        this.store = store;
    }

    @Override
    protected void recordDuplicate(ShipmentMessage message, long requestId, String reason) {
        Map<Integer, ShipmentOutcome> duplicates = new TreeMap<>();
        for (int lineNo = 1; lineNo <= message.lines().size(); lineNo++) {
            duplicates.put(lineNo, ShipmentOutcome.duplicate(reason));
        }
        store.replaceLines(requestId, message, duplicates);
    }
}
