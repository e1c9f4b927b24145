package com.magentobridge.shipment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowJob;

/**
 * One received shipment message on its way to Magento, and what a dead letter keeps and replays. It remembers
 * across redeliveries and replays which of its shipments were created (never created twice) and which call may
 * have committed without an answer (checked before calling again).
 */
public final class ShipmentJob extends FlowJob {

    private final ShipmentMessage message;
    private List<PlannedShipment> shipments;
    private final Map<Integer, ShipmentOutcome> outcomes;
    private String failure;

    @JsonCreator
    public ShipmentJob(@JsonProperty("requestId") long requestId, @JsonProperty("message") ShipmentMessage message,
                       @JsonProperty("shipments") List<PlannedShipment> shipments,
                       @JsonProperty("outcomes") Map<Integer, ShipmentOutcome> outcomes) {
        super(Flow.SHIPMENT, requestId);
        this.message = message;
        this.shipments = shipments == null ? null : new ArrayList<>(shipments);
        this.outcomes = outcomes == null ? new TreeMap<>() : new TreeMap<>(outcomes);
    }

    public ShipmentJob(long requestId, ShipmentMessage message) {
        this(requestId, message, null, null);
    }

    @JsonProperty public ShipmentMessage message() { return message; }
    /** The shipments planned on the first attempt that found the order; null until then. */
    @JsonProperty public List<PlannedShipment> shipments() { return shipments; }
    /** Lines decided so far (Success, Duplicate), by line number. */
    @JsonProperty public Map<Integer, ShipmentOutcome> outcomes() { return outcomes; }

    @JsonIgnore public boolean planned() { return shipments != null; }
    @JsonIgnore public String failure() { return failure; }

    void plan(ShipmentPlan plan) {
        shipments = new ArrayList<>(plan.shipments());
        plan.nothingLeft().forEach((lineNo, reason) -> outcomes.put(lineNo, ShipmentOutcome.duplicate(reason)));
    }

    void decide(int lineNo, ShipmentOutcome outcome) {
        outcomes.put(lineNo, outcome);
    }

    /** Refused for good (until ops replay it): the lines without a result get this reason. */
    void fail(String reason) {
        failure = reason;
    }

    /** A replay starts over from the order as Magento has it now, keeping the shipments already created. */
    void replaying() {
        failure = null;
        if (shipments != null && shipments.stream().noneMatch(PlannedShipment::done)
                && shipments.stream().noneMatch(PlannedShipment::uncertain)) {
            shipments = null;
        }
    }

    /** Every line with its result; lines not decided are Failed with the reason the job stopped. */
    @JsonIgnore
    public Map<Integer, ShipmentOutcome> results() {
        Map<Integer, ShipmentOutcome> results = new TreeMap<>(outcomes);
        String reason = failure == null ? "No result was recorded for this line; replay the message" : failure;
        if (deadLetterId() != null) {
            reason = reason + " (dead letter #" + deadLetterId() + ")";
        }
        for (int lineNo = 1; lineNo <= message.lines().size(); lineNo++) {
            results.putIfAbsent(lineNo, ShipmentOutcome.failed(reason));
        }
        return results;
    }

    @Override
    protected void parked(long id, String reason) {
        if (failure == null) {
            failure = reason;
        }
    }
}
