package com.magentobridge.simulator.magento;

import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /V1/store/storeConfigs} ({@code Magento\Store\Api\StoreConfigManagerInterface::getStoreConfigs}, ACL
 * {@code Magento_Backend::store}, as Magento_Store's {@code etc/webapi.xml} declares it): one
 * {@code store-data-store-config-interface} per store view. The simulator has one store view, {@code default}
 * (store 1, website 1), whose URLs point at the simulator itself; the field names and types are those of the recorded
 * Magento 2.3 answer ({@code metadata__06__GET_V1_store_storeConfigs.response.json}). The {@code storeCodes} filter is
 * not modelled: every store view is answered.
 */
final class StoreConfigs {

    static final String ACL_STORE = "Magento_Backend::store";

    private final Supplier<String> baseUrl;

    StoreConfigs(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    void register(OrderRoutes.Registrar r) {
        r.route("GET", "/V1/store/storeConfigs", ACL_STORE, this::list);
    }

    private SimResponse list(SimRequest request) {
        String base = baseUrl.get() + "/";
        ArrayNode stores = Json.array();
        ObjectNode store = stores.addObject();
        store.put("id", 1);
        store.put("code", "default");
        store.put("website_id", 1);
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
        return SimResponse.ok(stores);
    }
}
