package com.magentobridge.simulator.magento;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The catalogue's product entities as Magento_Catalog's web API answers them (shapes of the recorded Magento 2.3
 * answers {@code GET /V1/products/MH09-XS-Blue} and {@code GET /V1/products/MH01}): {@code id}, {@code sku},
 * {@code name}, {@code attribute_set_id}, {@code price}, {@code status} (1 enabled, 2 disabled), {@code visibility},
 * {@code type_id}, {@code created_at}/{@code updated_at} (UTC, {@code yyyy-MM-dd HH:mm:ss}), {@code weight} (absent
 * on a configurable), {@code extension_attributes.website_ids} (and {@code configurable_product_links} on a
 * configurable), {@code media_gallery_entries} (the {@code image} role in {@code types}), {@code custom_attributes}
 * ({@code image} = the image role's file or {@code no_selection}; select attributes hold option ids as strings).
 *
 * <p>Routes (ACL {@code Magento_Catalog::products}):
 * <ul>
 *   <li>{@code GET /V1/products?searchCriteria...} – filters and sort orders on any top-level field, {@code entity_id}
 *       (the collection's column, answered as {@code id}) and any custom attribute code. With the web-API input limits
 *       on (2.4.3+ default) a page size above 300 answers 400 "Maximum SearchCriteria pageSize is 300" and no page
 *       size means 20 (Magento's default page size); a page past the last answers the last page again
 *       ({@link SearchCriteria#pageRange}). {@code fields=} answers partially ({@link FieldsFilter}).</li>
 *   <li>{@code GET /V1/products/{sku}} – one product, 404 with Magento's message when unknown.</li>
 *   <li>{@code GET /V1/configurable-products/{sku}/children} – the children of a configurable as a plain list,
 *       without {@code media_gallery_entries} (what Magento's LinkManagement answers); [] for a product that is not a
 *       configurable.</li>
 *   <li>{@code GET /V1/products/attributes/{attributeCode}} – the attribute with {@code frontend_input} and its
 *       {@code options} ({@code label}, {@code value} as a string; a select starts with Magento's blank option).</li>
 * </ul>
 * Test hooks change products as a save does (a new {@code updated_at}) or as an admin mass attribute update does
 * (values change, {@code updated_at} does not: magento/magento2 #760, #37980).
 */
final class Products {

    static final String ACL_PRODUCTS = "Magento_Catalog::products";
    static final String ACL_ATTRIBUTES = "Magento_Catalog::attributes_attributes";
    static final int MAXIMUM_PAGE_SIZE = 300;
    static final int DEFAULT_PAGE_SIZE = 20;
    static final String NOT_FOUND = "The product that was requested doesn't exist. Verify the product and try again.";

    /** One product: the answer Magento gives, and a flat view searchCriteria filters and sorts on. */
    private static final class Entity {
        final int id;
        volatile ObjectNode json;
        volatile ObjectNode view;

        Entity(int id, ObjectNode json) {
            this.id = id;
            replace(json);
        }

        void replace(ObjectNode product) {
            ObjectNode flat = product.deepCopy();
            flat.put("entity_id", id);
            for (JsonNode attribute : product.path("custom_attributes")) {
                if (!flat.has(attribute.path("attribute_code").asText())) {
                    flat.set(attribute.path("attribute_code").asText(), attribute.path("value"));
                }
            }
            this.view = flat;
            this.json = product;
        }
    }

    /** A product attribute with its frontend input and options (value → label). */
    private record Attribute(String code, String frontendInput, Map<String, String> options) { }

    private final Object lock = new Object();
    private final Map<String, Entity> bySku = new ConcurrentHashMap<>();
    private final Map<String, Attribute> attributes = new ConcurrentHashMap<>();
    private final Catalog catalog;
    private final Supplier<String> now;
    private final java.util.function.BooleanSupplier inputLimits;

    Products(Catalog catalog, Supplier<String> now, java.util.function.BooleanSupplier inputLimits) {
        this.catalog = catalog;
        this.now = now;
        this.inputLimits = inputLimits;
    }

    void register(OrderRoutes.Registrar r) {
        r.route("GET", "/V1/products", ACL_PRODUCTS, this::search);
        r.route("GET", "/V1/products/attributes/{attributeCode}", ACL_ATTRIBUTES, this::attribute);
        r.route("GET", "/V1/products/{sku}", ACL_PRODUCTS, this::get);
        r.route("GET", "/V1/configurable-products/{sku}/children", ACL_PRODUCTS, this::children);
    }

    // =================================================================== state

    /** Adds (or replaces) a product built by {@link ProductBuilder}; answers its entity id. */
    int put(ObjectNode product) {
        String sku = product.path("sku").asText();
        synchronized (lock) {
            int id = catalog.addProduct(sku);
            product.put("id", id);
            Entity existing = bySku.get(sku);
            String stamp = now.get();
            product.put("created_at", existing == null ? stamp : existing.json.path("created_at").asText(stamp));
            product.put("updated_at", stamp);
            if (existing == null) {
                bySku.put(sku, new Entity(id, product));
            } else {
                existing.replace(product);
            }
            return id;
        }
    }

    ObjectNode product(String sku) {
        Entity entity = bySku.get(sku);
        return entity == null ? null : entity.json.deepCopy();
    }

    int count() {
        return bySku.size();
    }

    /**
     * Sets a top-level field or a custom attribute of a product. {@code save} true stamps {@code updated_at} like a
     * product save; false leaves it as it was, like an admin mass attribute update or some imports.
     */
    void change(String sku, String code, JsonNode value, boolean save) {
        synchronized (lock) {
            Entity entity = bySku.get(sku);
            if (entity == null) {
                throw new IllegalArgumentException("unknown product: " + sku);
            }
            ObjectNode product = entity.json.deepCopy();
            if (product.has(code) && !"custom_attributes".equals(code) && !"extension_attributes".equals(code)) {
                product.set(code, value);
            } else {
                ArrayNode custom = product.withArray("custom_attributes");
                boolean found = false;
                for (JsonNode attribute : custom) {
                    if (code.equals(attribute.path("attribute_code").asText())) {
                        ((ObjectNode) attribute).set("value", value);
                        found = true;
                    }
                }
                if (!found) {
                    custom.addObject().put("attribute_code", code).set("value", value);
                }
            }
            if (save) {
                product.put("updated_at", now.get());
            }
            entity.replace(product);
        }
    }

    /** A save that changes nothing but {@code updated_at}. */
    void touch(String sku) {
        synchronized (lock) {
            Entity entity = bySku.get(sku);
            if (entity == null) {
                throw new IllegalArgumentException("unknown product: " + sku);
            }
            ObjectNode product = entity.json.deepCopy();
            product.put("updated_at", now.get());
            entity.replace(product);
        }
    }

    void setUpdatedAt(String sku, String updatedAt) {
        synchronized (lock) {
            ObjectNode product = bySku.get(sku).json.deepCopy();
            product.put("updated_at", updatedAt);
            bySku.get(sku).replace(product);
        }
    }

    void addAttribute(String code, String frontendInput, Map<String, String> options) {
        attributes.put(code, new Attribute(code, frontendInput, new LinkedHashMap<>(options)));
    }

    void reset() {
        synchronized (lock) {
            bySku.clear();
            attributes.clear();
        }
    }

    // =================================================================== routes

    private SimResponse search(SimRequest request) {
        SearchCriteria criteria = SearchCriteria.parse(request.rawQuery());
        if (!criteria.present()) {
            throw MagentoErrors.required("searchCriteria");
        }
        if (inputLimits.getAsBoolean()) {
            if (criteria.pageSize() != null && criteria.pageSize() > MAXIMUM_PAGE_SIZE) {
                throw MagentoErrors.badRequest(MagentoErrors.named("Maximum SearchCriteria pageSize is %max",
                        "max", MAXIMUM_PAGE_SIZE));
            }
            if (criteria.pageSize() == null || criteria.pageSize() <= 0) {
                criteria = criteria.withPageSize(DEFAULT_PAGE_SIZE);
            }
        }
        List<SearchCriteria.Hit<Entity>> hits = new ArrayList<>();
        for (Entity entity : bySku.values()) {
            ObjectNode view = entity.view;
            if (criteria.matches(view)) {
                hits.add(criteria.hit(entity, view, entity.id));
            }
        }
        List<ObjectNode> page = new ArrayList<>();
        criteria.pageOf(hits).forEach(entity -> page.add(entity.json));
        ObjectNode answer = criteria.envelope(page, hits.size());
        return SimResponse.ok(FieldsFilter.apply(answer, request.rawQuery()));
    }

    private SimResponse get(SimRequest request) {
        Entity entity = bySku.get(request.param("sku"));
        if (entity == null) {
            throw new MagentoException(404, MagentoErrors.message(NOT_FOUND));
        }
        return SimResponse.ok(FieldsFilter.apply(entity.json, request.rawQuery()));
    }

    private SimResponse children(SimRequest request) {
        Entity parent = bySku.get(request.param("sku"));
        if (parent == null) {
            throw new MagentoException(404, MagentoErrors.message(NOT_FOUND));
        }
        ArrayNode children = Json.array();
        for (JsonNode link : parent.json.path("extension_attributes").path("configurable_product_links")) {
            for (Entity child : bySku.values()) {
                if (child.id == link.asInt()) {
                    ObjectNode answer = child.json.deepCopy();
                    answer.remove("media_gallery_entries");
                    children.add(answer);
                }
            }
        }
        return SimResponse.ok(children);
    }

    private SimResponse attribute(SimRequest request) {
        Attribute attribute = attributes.get(request.param("attributeCode"));
        if (attribute == null) {
            throw new MagentoException(404, MagentoErrors.message(
                    "The attribute with a \"" + request.param("attributeCode")
                            + "\" attributeCode doesn't exist. Verify the attribute and try again."));
        }
        ObjectNode answer = Json.object();
        answer.put("attribute_code", attribute.code());
        answer.put("frontend_input", attribute.frontendInput());
        // catalog_product's entity type, a string as Magento answers it; no per-store labels
        answer.put("entity_type_id", "4");
        answer.put("is_required", false);
        answer.putArray("frontend_labels");
        answer.put("is_user_defined", true);
        answer.put("default_frontend_label", attribute.code());
        ArrayNode options = answer.putArray("options");
        if ("select".equals(attribute.frontendInput()) || "multiselect".equals(attribute.frontendInput())) {
            options.addObject().put("label", " ").put("value", "");
        }
        attribute.options().forEach((value, label) -> options.addObject().put("label", label).put("value", value));
        return SimResponse.ok(answer);
    }

    /** The ids of a configurable's children (for builders linking by SKU). */
    int idOf(String sku) {
        Entity entity = bySku.get(sku);
        if (entity == null) {
            throw new IllegalArgumentException("unknown product: " + sku + " (create children before their parent)");
        }
        return entity.id;
    }

    /** Every product SKU (for demo traffic). */
    List<String> skus() {
        List<String> skus = new ArrayList<>();
        for (Iterator<String> it = bySku.keySet().iterator(); it.hasNext(); ) {
            skus.add(it.next());
        }
        return skus;
    }
}
