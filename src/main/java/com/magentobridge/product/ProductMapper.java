package com.magentobridge.product;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import com.magentobridge.config.BridgeProperties;

/**
 * A Magento product as the back office's key/value fields, per {@code bridge.products.fields} (back-office key →
 * Magento attribute: a product field such as {@code sku}, {@code name}, {@code price}, {@code weight},
 * {@code status}, {@code type_id}, or any {@code custom_attributes} code).
 * <ul>
 *   <li>{@code status} is sent as sellable: 1 (enabled) → 1, anything else (2, disabled) → 0.</li>
 *   <li>The image roles ({@code image}, {@code small_image}, {@code thumbnail}) are sent as URLs: the store's
 *       {@code base_media_url} + {@code catalog/product} + the role's file; {@code no_selection} means no image, and a
 *       configurable's child without one gets its parent's. {@code bridge.products.images=false} leaves them out.</li>
 *   <li>Select and multiselect attributes are sent as their labels ({@link AttributeOptions}), never option ids.</li>
 *   <li>Numbers are written plainly without trailing zeros; 0 is a value and is sent ({@code sellable=0},
 *       {@code weight=0}) — the OrderFlow extension's builder dropped every falsy value, so those never left Magento.
 *       A missing or empty value leaves its key out.</li>
 *   <li>Line breaks are written {@code [BR]}, as OrderFlow reads them.</li>
 *   <li>{@code externalReference} and {@code description} are mandatory; they and {@code type} are at most
 *       {@value #LIMIT} characters in OrderFlow: a product over the limit fails with the field named, never
 *       truncated.</li>
 * </ul>
 */
public class ProductMapper {

    /** OrderFlow's limit on its mandatory product values. */
    public static final int LIMIT = 120;
    static final List<String> MANDATORY = List.of("externalReference", "description");
    static final List<String> LIMITED = List.of("externalReference", "description", "type");
    static final Set<String> IMAGE_ROLES = Set.of("image", "small_image", "thumbnail");
    static final String NO_IMAGE = "no_selection";

    /** The mapped fields, or why the product cannot be sent. */
    public record Mapped(Map<String, String> fields, String failure) {
        static Mapped failed(String reason) {
            return new Mapped(Map.of(), reason);
        }
    }

    private final BridgeProperties.Products settings;
    private final AttributeOptions options;

    public ProductMapper(BridgeProperties.Products settings, AttributeOptions options) {
        this.settings = settings;
        this.options = options;
    }

    /** The custom attribute codes the mapping reads (to look up their options, and to ask Magento for them). */
    public List<String> attributeCodes() {
        return new ArrayList<>(settings.getFields().values());
    }

    /**
     * Maps a product. {@code parentImage} is the image file of the configurable it belongs to (null if none);
     * {@code mediaUrl} the store's {@code base_media_url}.
     */
    public Mapped map(JsonNode product, String parentImage, String mediaUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : settings.getFields().entrySet()) {
            String key = entry.getKey();
            String attribute = entry.getValue();
            String value;
            if (IMAGE_ROLES.contains(attribute)) {
                if (!settings.isImages()) {
                    continue;
                }
                value = imageUrl(imageFile(product, attribute, parentImage), mediaUrl);
            } else {
                value = value(product, attribute);
            }
            if (value != null && !value.isBlank()) {
                fields.put(key, lineBreaks(value.strip()));
            }
        }
        for (String key : MANDATORY) {
            if (!fields.containsKey(key)) {
                return Mapped.failed("no value for " + key + " (bridge.products.fields." + key + " = "
                        + settings.getFields().getOrDefault(key, "not mapped") + ")");
            }
        }
        for (String key : LIMITED) {
            String value = fields.get(key);
            if (value != null && value.length() > LIMIT) {
                return Mapped.failed(key + " is " + value.length() + " characters, OrderFlow takes at most " + LIMIT
                        + " (bridge.products.fields." + key + " = " + settings.getFields().get(key) + ")");
            }
        }
        return new Mapped(fields, null);
    }

    /** The file of an image role: the product's own, else the parent's; null when neither has one. */
    static String imageFile(JsonNode product, String role, String parentImage) {
        String own = customAttribute(product, role);
        if (own != null && !own.isBlank() && !NO_IMAGE.equals(own)) {
            return own;
        }
        return parentImage == null || parentImage.isBlank() || NO_IMAGE.equals(parentImage) ? null : parentImage;
    }

    /** base_media_url + catalog/product + file (the file starts with a slash, e.g. /m/b/mb01-blue-0.jpg). */
    static String imageUrl(String file, String mediaUrl) {
        if (file == null || mediaUrl == null) {
            return null;
        }
        String base = mediaUrl.endsWith("/") ? mediaUrl : mediaUrl + "/";
        return base + "catalog/product" + (file.startsWith("/") ? file : "/" + file);
    }

    private String value(JsonNode product, String attribute) {
        JsonNode top = product.get(attribute);
        if (top != null && !"custom_attributes".equals(attribute) && !"extension_attributes".equals(attribute)) {
            if ("status".equals(attribute)) {
                return top.asInt() == 1 ? "1" : "0";
            }
            return text(top);
        }
        JsonNode custom = customAttributeNode(product, attribute);
        if (custom == null || custom.isNull()) {
            return null;
        }
        String raw = text(custom);
        return raw == null ? null : options.labels(attribute, raw);
    }

    static String customAttribute(JsonNode product, String code) {
        JsonNode value = customAttributeNode(product, code);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode customAttributeNode(JsonNode product, String code) {
        for (JsonNode attribute : product.path("custom_attributes")) {
            if (code.equals(attribute.path("attribute_code").asText())) {
                return attribute.get("value");
            }
        }
        return null;
    }

    /** A JSON value as text: numbers plainly without trailing zeros, lists comma-joined; null for null. */
    static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isNumber()) {
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            return number.signum() == 0 ? "0" : number.toPlainString();
        }
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(part -> parts.add(part.asText()));
            return String.join(",", parts);
        }
        if (value.isObject()) {
            return value.toString();
        }
        return value.asText();
    }

    /** CR LF, LF and CR as OrderFlow's line break marker. */
    static String lineBreaks(String value) {
        return value.replace("\r\n", "[BR]").replace("\n", "[BR]").replace("\r", "[BR]");
    }
}
