package com.magentobridge.flow;

/** A back-office message as an inbound flow's reader parsed it: what the receipt stores and acknowledges. */
public interface InboundMessage {

    /** The back office's message id: acknowledged, and the idempotency key of the flow. */
    long messageSeqId();

    /** The operation it came as (SOAP operation or REST path), kept in the audit. */
    String operation();

    /** Lines that each get a result. */
    int lineCount();

    /** The order the message is about, for the log and its correlation ids; null for a message about no one order. */
    default String orderIncrementId() {
        return null;
    }
}
