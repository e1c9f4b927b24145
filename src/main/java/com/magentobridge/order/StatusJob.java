package com.magentobridge.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.inbound.OrderStatusMessage;
import com.magentobridge.inventory.LineResult;
import com.magentobridge.ops.DeadLetterAware;

/** One back-office status message on its way to Magento; what a dead letter keeps and replays. */
public final class StatusJob implements DeadLetterAware {

    public static final String REPLAY_URI = "direct:orderstatus-replay";

    private final long requestId;
    private final OrderStatusMessage message;
    private String action;
    private LineResult result;
    private String outcome;
    private Long deadLetterId;
    private int attempts;
    private boolean uncertain;

    @JsonCreator
    public StatusJob(@JsonProperty("requestId") long requestId, @JsonProperty("message") OrderStatusMessage message) {
        this.requestId = requestId;
        this.message = message;
    }

    @JsonProperty public long requestId() { return requestId; }
    @JsonProperty public OrderStatusMessage message() { return message; }
    @JsonIgnore public String action() { return action; }
    @JsonIgnore public LineResult result() { return result; }
    @JsonIgnore public Long deadLetterId() { return deadLetterId; }

    /** The recorded message: the outcome, with the dead letter's number when it was parked. */
    @JsonIgnore
    public String outcome() {
        String text = outcome == null ? "No result was recorded; replay the message" : outcome;
        return deadLetterId == null ? text : text + " (dead letter #" + deadLetterId + ")";
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

    void attempted() {
        attempts++;
    }

    void replaying() {
        result = null;
        outcome = null;
    }

    @Override @JsonIgnore public int attempts() { return attempts; }
    @Override @JsonIgnore public String replayUri() { return REPLAY_URI; }
    @Override @JsonIgnore public String flow() { return OrderStatusStore.FLOW; }

    @Override
    public void deadLettered(long id, String reason) {
        deadLetterId = id;
        if (result == null) {
            result = LineResult.Failed;
            outcome = reason;
        }
    }
}
