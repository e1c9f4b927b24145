package com.magentobridge.simulator.magento;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds a product in Magento's shape for {@link MagentoSimulator#newProduct}: a simple product in website 1, enabled,
 * visible in catalog and search, by default. {@link #create()} stores it (a save: {@code created_at} and
 * {@code updated_at} are stamped) and answers its entity id.
 */
public final class ProductBuilder {

    private final Products products;
    private final String sku;
    private String name;
    private String type = "simple";
    private BigDecimal price = new BigDecimal("10");
    private BigDecimal weight = BigDecimal.ONE;
    private int status = 1;
    private int visibility = 4;
    private String image;
    private final List<Integer> websites = new ArrayList<>(List.of(1));
    private final List<String> children = new ArrayList<>();
    private final Map<String, Object> custom = new LinkedHashMap<>();

    ProductBuilder(Products products, String sku) {
        this.products = products;
        this.sku = sku;
        this.name = sku;
    }

    public ProductBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** simple (default), configurable, virtual, bundle, downloadable, grouped. */
    public ProductBuilder type(String typeId) {
        this.type = typeId;
        return this;
    }

    public ProductBuilder price(String price) {
        this.price = new BigDecimal(price);
        return this;
    }

    /** Null leaves the weight out (a product without weight). */
    public ProductBuilder weight(String weight) {
        this.weight = weight == null ? null : new BigDecimal(weight);
        return this;
    }

    /** Disabled: status 2, as Magento stores it. */
    public ProductBuilder disabled() {
        this.status = 2;
        return this;
    }

    /** Visibility 1 (not visible individually), as a configurable's children usually are. */
    public ProductBuilder notVisibleIndividually() {
        this.visibility = 1;
        return this;
    }

    /** The file of the image role, e.g. {@code /m/b/mb01-blue-0.jpg}; also the first media gallery entry. */
    public ProductBuilder image(String file) {
        this.image = file;
        return this;
    }

    public ProductBuilder websites(int... ids) {
        websites.clear();
        for (int id : ids) {
            websites.add(id);
        }
        return this;
    }

    /** A custom attribute; select values are option ids given as strings, multiselect ids comma-separated. */
    public ProductBuilder attribute(String code, Object value) {
        custom.put(code, value);
        return this;
    }

    /** A configurable's children (created before the parent). */
    public ProductBuilder children(String... skus) {
        children.addAll(List.of(skus));
        return this;
    }

    public int create() {
        ObjectNode product = Json.object();
        product.put("id", 0);
        product.put("sku", sku);
        product.put("name", name);
        product.put("attribute_set_id", 4);
        Json.putNumber(product, "price", price);
        product.put("status", status);
        product.put("visibility", visibility);
        product.put("type_id", type);
        product.put("created_at", "");
        product.put("updated_at", "");
        if (weight != null && !"configurable".equals(type)) {
            Json.putNumber(product, "weight", weight);
        }
        ObjectNode extension = product.putObject("extension_attributes");
        ArrayNode websiteIds = extension.putArray("website_ids");
        websites.forEach(websiteIds::add);
        if ("configurable".equals(type)) {
            ArrayNode links = extension.putArray("configurable_product_links");
            for (String child : children) {
                links.add(products.idOf(child));
            }
        }
        product.putArray("product_links");
        product.putArray("options");
        ArrayNode gallery = product.putArray("media_gallery_entries");
        if (image != null) {
            ObjectNode entry = gallery.addObject();
            entry.put("id", Math.abs(sku.hashCode() % 100_000));
            entry.put("media_type", "image");
            entry.put("label", "");
            entry.put("position", 1);
            entry.put("disabled", false);
            entry.putArray("types").add("image").add("small_image").add("thumbnail");
            entry.put("file", image);
        }
        product.putArray("tier_prices");
        ArrayNode attributes = product.putArray("custom_attributes");
        String role = image == null ? "no_selection" : image;
        for (String code : new String[] {"image", "small_image", "thumbnail"}) {
            attributes.addObject().put("attribute_code", code).put("value", role);
        }
        attributes.addObject().put("attribute_code", "url_key").put("value", sku.toLowerCase(java.util.Locale.ROOT));
        attributes.addObject().put("attribute_code", "tax_class_id").put("value", "2");
        custom.forEach((code, value) -> {
            ObjectNode attribute = attributes.addObject().put("attribute_code", code);
            if (value instanceof BigDecimal decimal) {
                attribute.put("value", decimal.toPlainString());
            } else {
                attribute.put("value", value == null ? null : value.toString());
            }
        });
        return products.put(product);
    }
}
