package com.magentobridge.orderstatus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.inbound.OrderStatusMessage;
import com.magentobridge.flow.LineResult;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowJob;

/** One back-office status message on its way to Magento; what a dead letter keeps and replays. */
public final class StatusJob extends FlowJob {

    private final OrderStatusMessage message;
    private String action;
    private LineResult result;
    private String outcome;
    private boolean uncertain;

    @JsonCreator
    public StatusJob(@JsonProperty("requestId") long requestId, @JsonProperty("message") OrderStatusMessage message) {
        super(Flow.ORDERSTATUS, requestId);
        this.message = message;
    }

    @JsonProperty public OrderStatusMessage message() { return message; }
    @JsonIgnore public String action() { return action; }
    @JsonIgnore public LineResult result() { return result; }

    /** The recorded message: the outcome, with the dead letter's number when it was parked. */
    @JsonIgnore
    public String outcome() {
        String text = outcome == null ? "No result was recorded; replay the message" : outcome;
        return deadLetterId() == null ? text : text + " (dead letter #" + deadLetterId() + ")";
    }

    void decide(String chosenAction, LineResult decided, String text) {
        action = chosenAction;
        result = decided;
        outcome = text;
    }

    /** A call whose answer was lost may have been applied: check the order before calling again. */
    @JsonProperty public boolean uncertain() { return uncertain; }

    @JsonProperty("uncertain")
    void uncertain(boolean value) {
        uncertain = value;
    }

    void replaying() {
        result = null;
        outcome = null;
    }

    @Override
    protected void parked(long id, String reason) {
        if (result == null) {
            result = LineResult.Failed;
            outcome = reason;
        }
    }
}
