package com.magentobridge.flow;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One claimed inbox request of a flow that applies its messages one by one (shipment, order status). */
public abstract class FlowJob extends ParkableWork {

    private final long requestId;

    protected FlowJob(Flow flow, long requestId) {
        super(flow);
        this.requestId = requestId;
    }

    @JsonProperty
    public final long requestId() {
        return requestId;
    }
}
