package com.magentobridge.orderstatus;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowReceipt;
import com.magentobridge.flow.Inbox;
import com.magentobridge.flow.LineResult;
import com.magentobridge.inbound.OrderStatusMessage;
import com.magentobridge.logging.Correlation;

/** Receipt of a back-office status message: stored as JSON; a duplicate's one line recorded. */
public class OrderStatusInbox extends FlowReceipt<OrderStatusMessage> {

    private final OrderStatusStore store;
    private final ObjectMapper json;

    public OrderStatusInbox(Inbox inbox, OrderStatusStore store, ObjectMapper json) {
        super(Flow.ORDERSTATUS, "Status", inbox);
        this.store = store;
        this.json = json;
    }

    @Override
    protected String content(OrderStatusMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void recordDuplicate(OrderStatusMessage message, long requestId, String reason) {
        store.recordResult(requestId, message.orderIncrementId(), message.status(), null, LineResult.Duplicate.name(), reason);
    }

    @Override
    protected String describe(OrderStatusMessage message) {
        return " for order " + message.orderIncrementId() + " (" + message.status() + ")";
    }

    @Override
    protected void correlate(OrderStatusMessage message) {
        Correlation.order(message.orderIncrementId());
    }
}
