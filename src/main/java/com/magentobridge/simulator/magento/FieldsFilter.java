package com.magentobridge.simulator.magento;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Magento's {@code fields=} query parameter ({@code Magento\Framework\Webapi\Rest\Response\FieldsFilter}): a comma
 * list of the keys to keep, nested with brackets, e.g. {@code items[sku,updated_at,custom_attributes[attribute_code,
 * value]],total_count}. A list is filtered element by element. Like the PHP filter, which works on associative arrays
 * and drops what ends up empty: an element left with nothing is dropped, and a list that lost elements keeps their
 * positions as keys, so JSON encodes it as an object keyed by position ({@code {"0": …, "2": …}}); a list left empty is
 * encoded as {@code null}. Without {@code fields} the answer is unchanged.
 */
final class FieldsFilter {

    private FieldsFilter() {
    }

    /** The answer filtered by the request's {@code fields} parameter, if any. */
    static JsonNode apply(JsonNode answer, String rawQuery) {
        String fields = fieldsParameter(rawQuery);
        if (fields == null || fields.isBlank()) {
            return answer;
        }
        JsonNode filtered = filter(answer, parse(fields));
        return filtered == null ? NullNode.getInstance() : filtered;
    }

    private static String fieldsParameter(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && "fields".equals(SearchCriteria.formDecode(pair.substring(0, eq)))) {
                return SearchCriteria.formDecode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** {@code a,b[c,d[e]]} → {a: {}, b: {c: {}, d: {e: {}}}} (an empty map keeps the whole value). */
    static Map<String, Map<String, ?>> parse(String fields) {
        Map<String, Map<String, ?>> root = new LinkedHashMap<>();
        parseInto(fields, new int[] {0}, root);
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void parseInto(String text, int[] at, Map<String, Map<String, ?>> into) {
        StringBuilder name = new StringBuilder();
        while (at[0] < text.length()) {
            char c = text.charAt(at[0]++);
            if (c == ',') {
                add(into, name);
            } else if (c == '[') {
                Map<String, Map<String, ?>> nested = new LinkedHashMap<>();
                parseInto(text, at, nested);
                into.put(name.toString().strip(), nested);
                name.setLength(0);
            } else if (c == ']') {
                add(into, name);
                return;
            } else {
                name.append(c);
            }
        }
        add(into, name);
    }

    private static void add(Map<String, Map<String, ?>> into, StringBuilder name) {
        String key = name.toString().strip();
        if (!key.isEmpty()) {
            into.putIfAbsent(key, new LinkedHashMap<>());
        }
        name.setLength(0);
    }

    /** The value with only the wanted keys; null when nothing is left. */
    @SuppressWarnings("unchecked")
    private static JsonNode filter(JsonNode value, Map<String, ? extends Map<String, ?>> wanted) {
        if (wanted.isEmpty()) {
            return value;
        }
        if (value instanceof ObjectNode object) {
            ObjectNode out = Json.object();
            for (Map.Entry<String, ? extends Map<String, ?>> entry : wanted.entrySet()) {
                JsonNode field = object.get(entry.getKey());
                if (field == null) {
                    continue;
                }
                JsonNode kept = filter(field, (Map<String, Map<String, ?>>) entry.getValue());
                if (kept != null) {
                    out.set(entry.getKey(), kept);
                } else if (field.isArray()) {
                    out.putNull(entry.getKey());
                }
            }
            return out.isEmpty() ? null : out;
        }
        if (value instanceof ArrayNode list) {
            List<JsonNode> kept = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            int position = 0;
            for (Iterator<JsonNode> it = list.elements(); it.hasNext(); position++) {
                JsonNode element = filter(it.next(), wanted);
                if (element != null) {
                    kept.add(element);
                    positions.add(position);
                }
            }
            if (kept.isEmpty()) {
                return null;
            }
            if (kept.size() == list.size()) {
                ArrayNode out = Json.array();
                kept.forEach(out::add);
                return out;
            }
            ObjectNode byPosition = Json.object();
            for (int i = 0; i < kept.size(); i++) {
                byPosition.set(Integer.toString(positions.get(i)), kept.get(i));
            }
            return byPosition;
        }
        // a scalar asked for with sub-fields has none of them
        return null;
    }
}
