package com.magentobridge.shipment;

import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;

import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowReceipt;
import com.magentobridge.flow.Inbox;
import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.logging.Correlation;

/** Receipt of a shipment message: the parsed message is stored as JSON; a duplicate's lines are recorded. */
@Component
public class ShipmentInbox extends FlowReceipt<ShipmentMessage> {

    private final ShipmentStore store;
    private final ObjectMapper json;

    public ShipmentInbox(Inbox inbox, ShipmentStore store, ObjectMapper json) {
        super(Flow.SHIPMENT, "Shipment", inbox);
        this.store = store;
        this.json = json;
    }

    @Override
    protected String content(ShipmentMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void recordDuplicate(ShipmentMessage message, long requestId, String reason) {
        Map<Integer, ShipmentOutcome> duplicates = new TreeMap<>();
        for (int lineNo = 1; lineNo <= message.lines().size(); lineNo++) {
            duplicates.put(lineNo, ShipmentOutcome.duplicate(reason));
        }
        store.replaceLines(requestId, message, duplicates);
    }

    @Override
    protected String describe(ShipmentMessage message) {
        return " for order " + message.orderIncrementId();
    }

    @Override
    protected void correlate(ShipmentMessage message) {
        Correlation.order(message.orderIncrementId());
    }
}
