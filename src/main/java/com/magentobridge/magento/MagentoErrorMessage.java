package com.magentobridge.magento;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns Magento's error body {@code {"message": "... %1 / %name ...", "parameters": [...] | {...}}} into text. */
public final class MagentoErrorMessage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MagentoErrorMessage() {
    }

    public static String render(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonNode tree = JSON.readTree(body);
            JsonNode message = tree.get("message");
            if (message == null || !message.isTextual()) {
                return abbreviate(body);
            }
            return abbreviate(substitute(message.asText(), tree.get("parameters")));
        } catch (Exception notJson) {
            return abbreviate(body);
        }
    }

    static String substitute(String message, JsonNode parameters) {
        if (parameters == null || parameters.isNull()) {
            return message;
        }
        String text = message;
        if (parameters.isArray()) {
            for (int i = parameters.size(); i >= 1; i--) {
                text = text.replace("%" + i, parameters.get(i - 1).asText());
            }
        } else if (parameters.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                text = text.replace("%" + entry.getKey(), entry.getValue().asText());
            }
        }
        return text;
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
