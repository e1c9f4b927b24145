package com.magentobridge.product;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

import com.magentobridge.magento.MagentoProducts;
import com.magentobridge.magento.MagentoRejectedException;

/**
 * The labels of select and multiselect product attributes, from {@code GET /V1/products/attributes/{code}}, cached per
 * attribute code (an attribute that is no select, or that Magento does not know, is cached as such). An option id the
 * cache does not know reloads the attribute once (an option added since); an id Magento still does not know is sent
 * as it is.
 */
public class AttributeOptions {

    /** An attribute's frontend input and options (value → label); options empty for anything but a select. */
    private record Attribute(String frontendInput, Map<String, String> labels) {
        boolean select() {
            return "select".equals(frontendInput) || "multiselect".equals(frontendInput);
        }
    }

    private static final Attribute PLAIN = new Attribute("text", Map.of());

    private final MagentoProducts magento;
    private final Map<String, Attribute> cache = new ConcurrentHashMap<>();

    public AttributeOptions(MagentoProducts magento) {
        this.magento = magento;
    }

    /** The value as sent: labels for a select or multiselect (ids comma-separated), else the value itself. */
    public String labels(String code, String value) {
        Attribute attribute = cache.computeIfAbsent(code, this::load);
        if (!attribute.select()) {
            return value;
        }
        List<String> labels = new ArrayList<>();
        for (String id : value.split(",")) {
            String optionId = id.strip();
            if (optionId.isEmpty()) {
                continue;
            }
            String label = attribute.labels().get(optionId);
            if (label == null) {
                attribute = load(code);
                cache.put(code, attribute);
                label = attribute.labels().getOrDefault(optionId, optionId);
            }
            labels.add(label);
        }
        return String.join(",", labels);
    }

    /** Forgets every attribute (ops asked for a full re-read). */
    public void clear() {
        cache.clear();
    }

    private Attribute load(String code) {
        JsonNode answer;
        try {
            answer = magento.attribute(code);
        } catch (MagentoRejectedException refused) {
            if (refused.status() == 404) {
                return PLAIN;
            }
            throw refused;
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (JsonNode option : answer.path("options")) {
            String value = option.path("value").asText("");
            if (!value.isEmpty()) {
                labels.put(value, option.path("label").asText(value));
            }
        }
        return new Attribute(answer.path("frontend_input").asText("text"), labels);
    }
}
