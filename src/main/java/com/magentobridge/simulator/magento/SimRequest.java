package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.Map;

/** What a route handler gets: the matched request with decoded path parameters and the raw body. */
final class SimRequest {

    private final String method;
    private final String storeCode;
    private final Map<String, String> pathParams;
    private final String rawQuery;
    private final byte[] body;
    private JsonNode json;

    SimRequest(String method, String storeCode, Map<String, String> pathParams, String rawQuery, byte[] body) {
        this.method = method;
        this.storeCode = storeCode;
        this.pathParams = pathParams;
        this.rawQuery = rawQuery;
        this.body = body;
    }

    String method() {
        return method;
    }

    /** Store code from {@code /rest/{storeCode}/V1/...}; {@code "default"} when the segment was omitted. */
    String storeCode() {
        return storeCode;
    }

    /** A decoded path parameter, e.g. {@code param("sku")} for pattern {@code /V1/stockItems/{sku}}. */
    String param(String name) {
        return pathParams.get(name);
    }

    String rawQuery() {
        return rawQuery;
    }

    byte[] body() {
        return body;
    }

    /** The body parsed as JSON; an empty or malformed body answers Magento's 400 decoding error. */
    JsonNode json() {
        if (json == null) {
            if (body.length == 0) {
                throw MagentoErrors.decoding();
            }
            try {
                json = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw MagentoErrors.decoding();
            }
            if (json == null || json.isMissingNode()) {
                throw MagentoErrors.decoding();
            }
        }
        return json;
    }
}
