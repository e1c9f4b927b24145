package com.magentobridge.flow;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A receipt that stores the parsed message itself, as JSON, for the processing side to read back. */
public abstract class JsonFlowReceipt<M extends InboundMessage> extends FlowReceipt<M> {

    private final ObjectMapper json;

    protected JsonFlowReceipt(Flow flow, String noun, Inbox inbox, ObjectMapper json) {
        super(flow, noun, inbox);
        this.json = json;
    }

    @Override
    protected final String content(M message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
