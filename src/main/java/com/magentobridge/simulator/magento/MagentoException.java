package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Thrown by route handlers to answer with a Magento-shaped error body. Cheap: no stack trace. */
final class MagentoException extends RuntimeException {

    private final int status;
    private final transient ObjectNode body;

    MagentoException(int status, ObjectNode body) {
        super(body.path("message").asText(), null, false, false);
        this.status = status;
        this.body = body;
    }

    int status() {
        return status;
    }

    ObjectNode body() {
        return body;
    }

    SimResponse toResponse() {
        return SimResponse.json(status, body);
    }
}
