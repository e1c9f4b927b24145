package com.magentobridge.product;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.magento.MagentoProducts;

/**
 * Where a product goes: per store view of the product's websites ({@code extension_attributes.website_ids}, stores from
 * {@code GET /V1/store/storeConfigs}), the back office's organisation and channel of the store mapping the orders use
 * ({@code bridge.mappings.stores.<store id>}, else {@code bridge.backoffice.organisation/channel}). Stores with the same
 * destination count once, so a product in several websites with one destination is sent once. Each destination
 * carries the {@code base_media_url} of its first store, for image URLs.
 */
public class ProductDestinations {

    /** A back-office destination and the media URL its images are taken from. */
    public record Destination(String organisation, String channel, String mediaUrl) {
        /** The ledger's key of the destination. */
        public String key() {
            return (organisation == null ? "" : organisation) + "/" + (channel == null ? "" : channel);
        }
    }

    private record Store(int id, int websiteId, String mediaUrl) { }

    private final MagentoProducts magento;
    private final BridgeProperties properties;
    private volatile List<Store> stores = List.of();

    public ProductDestinations(MagentoProducts magento, BridgeProperties properties) {
        this.magento = magento;
        this.properties = properties;
    }

    /** Reads the store views again (at the start of each poll or sweep). */
    public void refresh() {
        List<Store> read = new ArrayList<>();
        for (JsonNode store : magento.storeConfigs()) {
            read.add(new Store(store.path("id").asInt(), store.path("website_id").asInt(),
                    store.path("base_media_url").asText(null)));
        }
        stores = List.copyOf(read);
    }

    /** The product's destinations, each once. */
    public List<Destination> of(JsonNode product) {
        List<Integer> websites = new ArrayList<>();
        product.path("extension_attributes").path("website_ids").forEach(id -> websites.add(id.asInt()));
        Map<String, Destination> destinations = new LinkedHashMap<>();
        for (Store store : stores) {
            if (store.id() != 0 && websites.contains(store.websiteId())) {
                Destination destination = forStore(store);
                destinations.putIfAbsent(destination.key(), destination);
            }
        }
        if (destinations.isEmpty()) {
            Destination fallback = new Destination(properties.getBackoffice().getOrganisation(),
                    properties.getBackoffice().getChannel(), stores.isEmpty() ? null : stores.get(0).mediaUrl());
            destinations.put(fallback.key(), fallback);
        }
        return List.copyOf(destinations.values());
    }

    private Destination forStore(Store store) {
        return forStore(Integer.toString(store.id()), store.mediaUrl());
    }

    /** The destination of a Magento store id (its store mapping, else the back office's defaults). */
    public Destination forStore(String storeId, String mediaUrl) {
        BridgeProperties.StoreMapping mapping = properties.getMappings().getStores().get(storeId);
        BridgeProperties.BackOffice backOffice = properties.getBackoffice();
        return new Destination(
                mapping != null && mapping.getOrganisation() != null ? mapping.getOrganisation() : backOffice.getOrganisation(),
                mapping != null && mapping.getChannel() != null ? mapping.getChannel() : backOffice.getChannel(),
                mediaUrl);
    }
}
