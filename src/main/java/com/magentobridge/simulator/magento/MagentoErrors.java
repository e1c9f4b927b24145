package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Error bodies the way Magento's REST layer renders them: {@code {"message": "... %name ...", "parameters": ...}}
 * with unreplaced placeholders; {@code parameters} is an array for positional placeholders ({@code %1}) and an
 * object for named ones ({@code %fieldName}).
 */
final class MagentoErrors {

    static final String ROUTE_NOT_FOUND = "Request does not match any route.";
    static final String NOT_AUTHORIZED = "The consumer isn't authorized to access %resources.";
    static final String SIGN_IN_INCORRECT =
            "The account sign-in was incorrect or your account is disabled temporarily. Please wait and try again later.";
    static final String PRODUCT_SKU_NOT_FOUND = "The Product with the \"%1\" SKU doesn't exist.";
    static final String REQUIRED_FIELD = "\"%fieldName\" is required. Enter and try again.";
    static final String INPUT_LIMIT = "Maximum items of type \"%type\" is %max";
    static final String INVALID_TYPE =
            "The \"%value\" value's type is invalid. The \"%type\" type was expected. Verify and try again.";
    static final String DECODING_ERROR = "Decoding error: \nSyntax error";
    static final String TOO_MANY_REQUESTS = "Too Many Requests";
    /**
     * MSI's SourceItemsSave turns any failure of the save in the database (a deadlock, "1213 Deadlock found", among
     * them) into CouldNotSaveException with these words; the cause only goes to Magento's log.
     */
    static final String COULD_NOT_SAVE_SOURCE_ITEM = "Could not save Source Item";

    private MagentoErrors() {
    }

    static ObjectNode message(String message) {
        ObjectNode n = Json.object();
        n.put("message", message);
        return n;
    }

    static ObjectNode positional(String message, Object... params) {
        ObjectNode n = message(message);
        ArrayNode a = n.putArray("parameters");
        for (Object p : params) {
            a.add(String.valueOf(p));
        }
        return n;
    }

    /** Named parameters: alternating name, value. Integers stay numbers, everything else becomes text. */
    static ObjectNode named(String message, Object... nameValues) {
        ObjectNode n = message(message);
        ObjectNode p = n.putObject("parameters");
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            Object v = nameValues[i + 1];
            if (v instanceof Integer iv) {
                p.put((String) nameValues[i], iv);
            } else {
                p.put((String) nameValues[i], String.valueOf(v));
            }
        }
        return n;
    }

    /**
     * Several validation problems: the first one is also put at top level so a client that only reads
     * {@code message}/{@code parameters} sees a concrete reason; all of them are listed under {@code errors}.
     */
    static ObjectNode validation(List<ObjectNode> problems) {
        ObjectNode first = problems.get(0);
        ObjectNode n = Json.object();
        n.set("message", first.get("message"));
        if (first.has("parameters")) {
            n.set("parameters", first.get("parameters"));
        }
        if (problems.size() > 1) {
            ArrayNode errors = n.putArray("errors");
            for (ObjectNode p : problems) {
                errors.add(p);
            }
        }
        return n;
    }

    static MagentoException routeNotFound() {
        return new MagentoException(404, message(ROUTE_NOT_FOUND));
    }

    static MagentoException unauthorized(String aclResource) {
        return new MagentoException(401, named(NOT_AUTHORIZED, "resources", aclResource));
    }

    static MagentoException productNotFound(String sku) {
        return new MagentoException(404, positional(PRODUCT_SKU_NOT_FOUND, sku));
    }

    static MagentoException required(String field) {
        return new MagentoException(400, named(REQUIRED_FIELD, "fieldName", field));
    }

    static MagentoException decoding() {
        return new MagentoException(400, message(DECODING_ERROR));
    }

    static MagentoException couldNotSaveSourceItem() {
        return new MagentoException(400, message(COULD_NOT_SAVE_SOURCE_ITEM));
    }

    static MagentoException badRequest(ObjectNode body) {
        return new MagentoException(400, body);
    }

    /** Body for an injected fault with the given status. */
    static ObjectNode fault(int status) {
        if (status == 429) {
            return message(TOO_MANY_REQUESTS);
        }
        if (status == 401) {
            return message("The consumer isn't authorized to access the requested resource.");
        }
        if (status >= 500) {
            return message("Internal Error. Details are available in Magento log file. Report ID: " + reportId());
        }
        return message("Simulated error (HTTP " + status + ").");
    }

    /** Like Magento's {@code 'webapi-' . uniqid()}: 13 hex digits derived from the clock. */
    static String reportId() {
        long micros = System.currentTimeMillis() * 1000 + ThreadLocalRandom.current().nextInt(1000);
        long seconds = micros / 1_000_000;
        long usec = micros % 1_000_000;
        return "webapi-" + String.format("%08x%05x", seconds, usec);
    }
}
