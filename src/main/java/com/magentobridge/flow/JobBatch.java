package com.magentobridge.flow;

import java.util.List;

/** The jobs one processing run claimed, applied one by one in the order they were received. */
public record JobBatch<J extends FlowJob>(List<J> jobs) {

    public boolean hasWork() {
        return !jobs.isEmpty();
    }
}
