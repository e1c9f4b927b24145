package com.magentobridge.flow;

/**
 * A body that can be parked and replayed. It records on its own lines that it was parked (so no line is left
 * without a result) and names the endpoint that replays it.
 */
public interface DeadLetterAware {

    void deadLettered(long deadLetterId, String reason);

    /** The direct: endpoint that re-runs this body through its flow's guards. */
    String replayUri();

    /** The flow it belongs to, as named in bridge.retry.flows and /ops/flows: what ops filter dead letters by. */
    String flow();

    /** Delivery attempts the body itself counted (the redelivery header does not survive useOriginalMessage). */
    int attempts();
}
