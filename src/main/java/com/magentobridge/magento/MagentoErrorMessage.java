package com.magentobridge.magento;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Turns Magento's error body {@code {"message": "... %1 / %name ...", "parameters": [...] | {...}}} into text. */
public final class MagentoErrorMessage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("%([A-Za-z0-9_]+)");

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

    /** One pass over the placeholders ({@code %1}, {@code %name}), so substituted values are never re-read. */
    static String substitute(String message, JsonNode parameters) {
        if (parameters == null || parameters.isNull() || !parameters.isContainerNode()) {
            return message;
        }
        Matcher placeholder = PLACEHOLDER.matcher(message);
        StringBuilder text = new StringBuilder(message.length() + 32);
        while (placeholder.find()) {
            JsonNode value = lookup(parameters, placeholder.group(1));
            placeholder.appendReplacement(text, Matcher.quoteReplacement(value == null ? placeholder.group() : value.asText()));
        }
        placeholder.appendTail(text);
        return text.toString();
    }

    private static JsonNode lookup(JsonNode parameters, String name) {
        if (parameters.isArray()) {
            if (!name.chars().allMatch(Character::isDigit) || name.length() > 6) {
                return null;
            }
            int index = Integer.parseInt(name) - 1;
            return index >= 0 && index < parameters.size() ? parameters.get(index) : null;
        }
        return parameters.get(name);
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
