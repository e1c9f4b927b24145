package com.magentobridge.orderstatus;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.magentobridge.flow.Flow;
import com.magentobridge.flow.Inbox;
import com.magentobridge.flow.JsonFlowReceipt;
import com.magentobridge.flow.LineResult;
import com.magentobridge.inbound.OrderStatusMessage;

/** Receipt of a back-office status message: stored as JSON; a duplicate's one line recorded. */
public class OrderStatusInbox extends JsonFlowReceipt<OrderStatusMessage> {

    private final OrderStatusStore store;

    public OrderStatusInbox(Inbox inbox, OrderStatusStore store, ObjectMapper json) {
        super(Flow.ORDERSTATUS, "Status", inbox, json);
        this.store = store;
    }

    @Override
    protected void recordDuplicate(OrderStatusMessage message, long requestId, String reason) {
        store.recordResult(requestId, message.orderIncrementId(), message.status(), null, LineResult.Duplicate.name(), reason);
    }

    @Override
    protected String describe(OrderStatusMessage message) {
        return super.describe(message) + " (" + message.status() + ")";
    }
}
