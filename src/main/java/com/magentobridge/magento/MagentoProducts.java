package com.magentobridge.magento;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Catalogue reads over Magento's REST API, through {@link MagentoClient} (its authentication and retries). Searches
 * are keyset-paged (always the first page of a query that starts after the last row read), so Magento's answer to a
 * page past the end (the last page again) never occurs; {@code fields=} keeps answers to what the mapping needs.
 */
public class MagentoProducts {

    private final MagentoClient client;

    public MagentoProducts(MagentoClient client) {
        this.client = client;
    }

    /** Products updated at or after {@code from}, oldest first, ties by entity id: the first page. */
    public JsonNode updatedSince(String from, int pageSize, String fields) {
        return search(SearchCriteria.where("updated_at", "gteq", from)
                .sortBy("updated_at", true).sortBy("entity_id", true).page(1, pageSize), fields);
    }

    /** Products updated at exactly {@code updatedAt} with an entity id above {@code afterId}: the first page. */
    public JsonNode updatedAtAfterId(String updatedAt, long afterId, int pageSize, String fields) {
        return search(SearchCriteria.where("updated_at", "eq", updatedAt)
                .and("entity_id", "gt", Long.toString(afterId)).sortBy("entity_id", true).page(1, pageSize), fields);
    }

    /** Every product with an entity id above {@code afterId}, by entity id (the sweep's pages). */
    public JsonNode afterId(long afterId, int pageSize, String fields) {
        return search(SearchCriteria.where("entity_id", "gt", Long.toString(afterId))
                .sortBy("entity_id", true).page(1, pageSize), fields);
    }

    /** Configurable products with an entity id above {@code afterId}, by entity id. */
    public JsonNode configurablesAfterId(long afterId, int pageSize, String fields) {
        return search(SearchCriteria.where("type_id", "eq", "configurable")
                .and("entity_id", "gt", Long.toString(afterId)).sortBy("entity_id", true).page(1, pageSize), fields);
    }

    /** GET /V1/products/{sku}. */
    public JsonNode product(String sku) {
        return client.get("products.get", "/V1/products/" + MagentoClient.segment(sku));
    }

    /** GET /V1/configurable-products/{sku}/children: a list (Magento answers it without media gallery). */
    public JsonNode children(String sku) {
        return client.get("products.children", "/V1/configurable-products/" + MagentoClient.segment(sku) + "/children");
    }

    /** GET /V1/products/attributes/{code}: frontend_input and options (value, label). */
    public JsonNode attribute(String code) {
        return client.get("products.attribute", "/V1/products/attributes/" + MagentoClient.segment(code));
    }

    /** GET /V1/store/storeConfigs: per store view its id, website_id and base_media_url. */
    public JsonNode storeConfigs() {
        return client.get("store.configs", "/V1/store/storeConfigs");
    }

    private JsonNode search(SearchCriteria criteria, String fields) {
        String query = criteria.toQuery();
        if (fields != null) {
            query += "&fields=" + MagentoClient.segment(fields);
        }
        return client.get("products.search", "/V1/products?" + query);
    }

    /**
     * The items of a search answer, whatever {@code fields=} made of the list: a list, an object keyed by position
     * (when the filter dropped elements) or null (an empty list).
     */
    public static List<JsonNode> items(JsonNode answer) {
        JsonNode items = answer == null ? null : answer.get("items");
        List<JsonNode> list = new ArrayList<>();
        if (items != null && (items.isArray() || items.isObject())) {
            items.elements().forEachRemaining(list::add);
        }
        return list;
    }
}
