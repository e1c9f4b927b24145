package com.magentobridge.simulator.magento;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /V1/store/storeConfigs} ({@code Magento\Store\Api\StoreConfigManagerInterface::getStoreConfigs}, ACL
 * {@code Magento_Backend::store}, as Magento_Store's {@code etc/webapi.xml} declares it): one
 * {@code store-data-store-config-interface} per store view. The simulator has one store view, {@code default}
 * (store 1, website 1), whose URLs point at the simulator itself; the field names and types are those of the recorded
 * Magento 2.3 answer ({@code metadata__06__GET_V1_store_storeConfigs.response.json}). More store views can be added
 * ({@link #add}); each is answered with the same URLs. The {@code storeCodes} filter is not modelled: every store view
 * is answered.
 */
final class StoreConfigs {

    static final String ACL_STORE = "Magento_Backend::store";

    /** A store view beyond the default one. */
    private record View(int id, String code, int websiteId) { }

    private final Supplier<String> baseUrl;
    private final java.util.List<View> more = new java.util.concurrent.CopyOnWriteArrayList<>();

    StoreConfigs(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Adds a store view (id, code, website) to the answer; an id already there is left as it is. */
    void add(int id, String code, int websiteId) {
        if (id != 1 && more.stream().noneMatch(view -> view.id() == id)) {
            more.add(new View(id, code, websiteId));
        }
    }

    void reset() {
        more.clear();
    }

    void register(OrderRoutes.Registrar r) {
        r.route("GET", "/V1/store/storeConfigs", ACL_STORE, this::list);
    }

    private SimResponse list(SimRequest request) {
        String base = baseUrl.get() + "/";
        ArrayNode stores = Json.array();
        describe(stores.addObject(), new View(1, "default", 1), base);
        more.forEach(view -> describe(stores.addObject(), view, base));
        return SimResponse.ok(stores);
    }

    private static void describe(ObjectNode store, View view, String base) {
        store.put("id", view.id());
        store.put("code", view.code());
        store.put("website_id", view.websiteId());
        store.put("locale", "en_US");
        store.put("base_currency_code", "USD");
        store.put("default_display_currency_code", "USD");
        store.put("timezone", "UTC");
        store.put("weight_unit", "lbs");
        for (String scheme : new String[] {"", "secure_"}) {
            store.put(scheme + "base_url", base);
            store.put(scheme + "base_link_url", base + "index.php/");
            store.put(scheme + "base_static_url", base + "static/version1700000000/");
            store.put(scheme + "base_media_url", base + "media/");
        }
    }
}
