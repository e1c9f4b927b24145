package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON response: status and already-serialised body bytes. */
record SimResponse(int status, byte[] body) {

    static SimResponse json(int status, JsonNode node) {
        return new SimResponse(status, Json.bytes(node));
    }

    static SimResponse ok(JsonNode node) {
        return json(200, node);
    }

    static SimResponse okRaw(byte[] body) {
        return new SimResponse(200, body);
    }

    /** A JSON string body such as {@code "190"}. */
    static SimResponse okString(String value) {
        return new SimResponse(200, Json.string(value));
    }
}
