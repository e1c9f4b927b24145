package com.magentobridge.product;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.Flow;
import com.magentobridge.logging.Correlation;
import com.magentobridge.magento.MagentoProducts;
import com.magentobridge.magento.MagentoValues;
import com.magentobridge.magento.UpdatedAtKeyset;
import com.magentobridge.storage.ContentFingerprint;
import com.magentobridge.storage.ImportCursors;

/**
 * Reads the catalogue into the product ledger, in two ways that share the page handling:
 * <ul>
 *   <li>the <b>poll</b> (implicit export): products updated since the store's cursor minus the overlap, keyset-paged on
 *       updated_at then entity_id ({@link UpdatedAtKeyset}); each page and the cursor move commit together;</li>
 *   <li>the <b>sweep</b> (reconciliation): every product, keyset-paged on entity_id, because Magento does not change
 *       updated_at on admin mass attribute updates and some imports (magento/magento2 #760, #37980). No cursor.</li>
 * </ul>
 * Each product read is mapped per destination and recorded with its content fingerprint ({@link ProductLedger#apply}),
 * so only content that differs from what the back office has becomes PENDING. Only what a warehouse stocks is read
 * into the ledger: simple products; a configurable's children are read through it (the poll asks Magento for the
 * children of a changed configurable) and a child without an image gets its parent's. Pages ask Magento only for the
 * fields the mapping needs ({@code fields=}).
 */
public class ProductPoll {

    private static final Logger LOG = LoggerFactory.getLogger(ProductPoll.class);
    static final String SIMPLE = "simple";
    static final String CONFIGURABLE = "configurable";

    /** One poll or sweep as the route pages through it. */
    public static final class Scan {
        private final boolean sweep;
        private final String store;
        private final UpdatedAtKeyset keyset;
        private long afterId;
        private boolean more = true;
        private Instant cursor;
        private JsonNode page;
        private Map<Long, String> parentImages;
        /** The sweep's simple products without an image, mapped at its last page (their parents read by then). */
        private final List<JsonNode> deferred = new ArrayList<>();
        private int pages;
        private int read;
        private int pending;
        private int unchanged;
        private int failed;

        Scan(boolean sweep, String store, Instant cursor, Instant from, int pageSize) {
            this.sweep = sweep;
            this.store = store;
            this.cursor = cursor;
            this.keyset = new UpdatedAtKeyset(from, pageSize);
            this.parentImages = sweep ? new HashMap<>() : null;
        }

        public boolean hasMore() {
            return sweep ? more : keyset.hasMore();
        }

        public boolean sweep() {
            return sweep;
        }
    }

    private final MagentoProducts magento;
    private final ProductMapper mapper;
    private final ProductDestinations destinations;
    private final ProductLedger ledger;
    private final ImportCursors cursors;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final BridgeProperties properties;

    public ProductPoll(MagentoProducts magento, ProductMapper mapper, ProductDestinations destinations,
                       ProductLedger ledger, ImportCursors cursors, TransactionTemplate transaction, ObjectMapper json,
                       BridgeProperties properties) {
        this.magento = magento;
        this.mapper = mapper;
        this.destinations = destinations;
        this.ledger = ledger;
        this.cursors = cursors;
        this.transaction = transaction;
        this.json = json;
        this.properties = properties;
    }

    private String store() {
        return properties.getMagento().getStoreCode();
    }

    /** Route step: the poll from the stored cursor (or bridge.products.import.since, else the whole catalogue). */
    public Scan openPoll() {
        Correlation.flow(Flow.PRODUCTS_EXPORT.id());
        BridgeProperties.ProductImport settings = properties.getProducts().getImport();
        Instant cursor = cursors.cursor(store())
                .orElse(settings.getSince() != null ? settings.getSince() : Instant.EPOCH);
        Instant from = cursor.minus(settings.getOverlap());
        destinations.refresh();
        return new Scan(false, store(), cursor, from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from,
                settings.getPageSize());
    }

    /** Route step: a sweep over the whole catalogue. */
    public Scan openSweep() {
        Correlation.flow(Flow.PRODUCTS_EXPORT.id());
        destinations.refresh();
        return new Scan(true, store(), null, Instant.EPOCH, properties.getProducts().getImport().getPageSize());
    }

    /** Route step: the next page. */
    public Scan readPage(Scan scan) {
        Correlation.flow(Flow.PRODUCTS_EXPORT.id());
        UpdatedAtKeyset keyset = scan.keyset;
        String fields = pageFields();
        if (scan.sweep) {
            scan.page = magento.afterId(scan.afterId, keyset.pageSize(), fields);
        } else if (keyset.tied()) {
            scan.page = magento.updatedAtAfterId(MagentoValues.formatTime(keyset.tie()), keyset.afterId(),
                    keyset.pageSize(), fields);
        } else {
            scan.page = magento.updatedSince(MagentoValues.formatTime(keyset.from()), keyset.pageSize(), fields);
        }
        return scan;
    }

    /**
     * Route step: the page's products mapped and recorded (and the poll's cursor moved) in one transaction; then the
     * keyset moves on. One page is recorded at a time in this process.
     */
    public synchronized Scan recordPage(Scan scan) {
        List<JsonNode> items = MagentoProducts.items(scan.page);
        scan.page = null;
        boolean lastPage = items.size() < scan.keyset.pageSize();
        if (items.isEmpty() && !(scan.sweep && !scan.deferred.isEmpty())) {
            scan.more = false;
            scan.keyset.read(0, null, 0);
            return scan;
        }
        if (!items.isEmpty()) {
            scan.pages++;
            scan.read += items.size();
        }
        List<ProductLedger.Read> reads = new ArrayList<>();
        Instant newest = null;
        for (JsonNode product : items) {
            Instant updated = updatedAt(product);
            newest = updated != null && (newest == null || updated.isAfter(newest)) ? updated : newest;
            String type = product.path("type_id").asText();
            if (SIMPLE.equals(type)) {
                if (scan.sweep && needsParentImage(product)) {
                    // its configurable may come on a later page (a child is created before its parent)
                    scan.deferred.add(product);
                } else {
                    reads.addAll(read(product, parentImage(scan, product)));
                }
            } else if (CONFIGURABLE.equals(type) && scan.sweep) {
                rememberChildrenImage(scan.parentImages, product);
            } else if (CONFIGURABLE.equals(type)) {
                // a changed configurable may change what its children send (their fallback image)
                String image = ProductMapper.customAttribute(product, "image");
                for (JsonNode child : magento.children(product.path("sku").asText())) {
                    if (SIMPLE.equals(child.path("type_id").asText())) {
                        reads.addAll(read(child, image));
                    }
                }
            }
        }
        if (scan.sweep && lastPage) {
            for (JsonNode product : scan.deferred) {
                reads.addAll(read(product, scan.parentImages.get(product.path("id").asLong())));
            }
            scan.deferred.clear();
        }
        Instant pageNewest = newest;
        ProductLedger.Applied applied = transaction.execute(status -> {
            ProductLedger.Applied result = ledger.apply(reads);
            if (!scan.sweep && pageNewest != null) {
                cursors.advance(scan.store, pageNewest);
            }
            return result;
        });
        scan.pending += applied.pending();
        scan.unchanged += applied.unchanged();
        scan.failed += applied.failed();
        if (!scan.sweep && pageNewest != null && pageNewest.isAfter(scan.cursor)) {
            scan.cursor = pageNewest;
        }
        if (items.isEmpty()) {
            scan.more = false;
            scan.keyset.read(0, null, 0);
            return scan;
        }
        JsonNode last = items.get(items.size() - 1);
        scan.afterId = Math.max(scan.afterId, last.path("id").asLong());
        scan.more = !lastPage;
        scan.keyset.read(items.size(), updatedAt(last), last.path("id").asLong());
        return scan;
    }

    /** Route step: what the scan did (logged when it changed anything). */
    public Map<String, Object> closeScan(Scan scan) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scan", scan.sweep ? "sweep" : "poll");
        result.put("pages", scan.pages);
        result.put("read", scan.read);
        result.put("pending", scan.pending);
        result.put("unchanged", scan.unchanged);
        result.put("failed", scan.failed);
        if (!scan.sweep) {
            result.put("cursor", scan.cursor.toString());
        }
        if (scan.pending + scan.failed > 0) {
            LOG.info("product {}: {} products read in {} pages, {} to export, {} unchanged, {} not sendable",
                    result.get("scan"), scan.read, scan.pages, scan.pending, scan.unchanged, scan.failed);
        }
        return result;
    }

    /**
     * Reads these SKUs from Magento now into the ledger (manual export of products the poll has not seen); answers
     * the SKUs Magento does not have as simple products.
     */
    public List<String> readNow(List<String> skus) {
        destinations.refresh();
        List<ProductLedger.Read> reads = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String sku : skus) {
            JsonNode product;
            try {
                product = magento.product(sku);
            } catch (com.magentobridge.magento.MagentoRejectedException unknown) {
                missing.add(sku);
                continue;
            }
            if (!SIMPLE.equals(product.path("type_id").asText())) {
                missing.add(sku);
                continue;
            }
            reads.addAll(read(product, parentImageOf(product)));
        }
        // one page at a time on this node, as recordPage's (see ProductLedger#apply)
        synchronized (this) {
            transaction.executeWithoutResult(status -> ledger.apply(reads));
        }
        return missing;
    }

    /** The product mapped for each of its destinations. */
    private List<ProductLedger.Read> read(JsonNode product, String parentImage) {
        List<ProductLedger.Read> reads = new ArrayList<>();
        for (ProductDestinations.Destination destination : destinations.of(product)) {
            ProductMapper.Mapped mapped = destination.organisation() == null || destination.channel() == null
                    ? ProductMapper.Mapped.failed("no back-office " + (destination.organisation() == null
                            ? "organisation" : "channel") + " for the product's stores (bridge.mappings.stores.<store id>"
                            + ", or BRIDGE_BACKOFFICE_ORGANISATION and BRIDGE_BACKOFFICE_CHANNEL)")
                    : mapper.map(product, parentImage, destination.mediaUrl());
            ObjectNode payload = json.createObjectNode();
            payload.put("organisation", destination.organisation());
            payload.put("channel", destination.channel());
            if (mapped.failure() != null) {
                payload.put("failure", mapped.failure());
            } else {
                ObjectNode fields = payload.putObject("fields");
                mapped.fields().forEach(fields::put);
            }
            String text = write(payload);
            reads.add(new ProductLedger.Read(product.path("sku").asText(), product.path("id").asLong(),
                    updatedAt(product), destination, text, ContentFingerprint.of(text), mapped.failure()));
        }
        return reads;
    }

    /**
     * The image of the configurable a product without an image belongs to: Magento's child has no link to its parent,
     * so the scan reads the configurables' links once (a few pages of ids) when it first needs them.
     */
    private String parentImage(Scan scan, JsonNode product) {
        if (!needsParentImage(product)) {
            return null;
        }
        if (scan.parentImages == null) {
            scan.parentImages = parentImages();
        }
        return scan.parentImages.get(product.path("id").asLong());
    }

    private String parentImageOf(JsonNode product) {
        return needsParentImage(product) ? parentImages().get(product.path("id").asLong()) : null;
    }

    private boolean needsParentImage(JsonNode product) {
        return properties.getProducts().isImages() && ProductMapper.imageFile(product, "image", null) == null;
    }

    /** Child entity id → its configurable's image file, for every configurable with an image. */
    private Map<Long, String> parentImages() {
        Map<Long, String> images = new HashMap<>();
        long afterId = 0;
        int pageSize = properties.getProducts().getImport().getPageSize();
        while (true) {
            List<JsonNode> parents = MagentoProducts.items(magento.configurablesAfterId(afterId, pageSize,
                    "items[id,extension_attributes[configurable_product_links],custom_attributes],total_count"));
            for (JsonNode parent : parents) {
                rememberChildrenImage(images, parent);
                afterId = Math.max(afterId, parent.path("id").asLong());
            }
            if (parents.size() < pageSize) {
                return images;
            }
        }
    }

    /** A configurable's image as the fallback of each of its children. */
    private static void rememberChildrenImage(Map<Long, String> images, JsonNode configurable) {
        String image = ProductMapper.imageFile(configurable, "image", null);
        if (image != null) {
            configurable.path("extension_attributes").path("configurable_product_links")
                    .forEach(child -> images.putIfAbsent(child.asLong(), image));
        }
    }

    /** What a page asks Magento for: the fields the mapping reads, and what the scan itself needs. */
    String pageFields() {
        Set<String> top = new LinkedHashSet<>(List.of("id", "sku", "type_id", "updated_at"));
        for (String attribute : mapper.attributeCodes()) {
            if (isProductField(attribute)) {
                top.add(attribute);
            }
        }
        // custom attributes always: the image role (a configurable's image is its children's fallback)
        return "items[" + String.join(",", top) + ",extension_attributes[website_ids,configurable_product_links]"
                + ",custom_attributes],total_count";
    }

    /** The product fields of Magento's product entity (anything else is a custom attribute). */
    static boolean isProductField(String attribute) {
        return Set.of("id", "sku", "name", "attribute_set_id", "price", "status", "visibility", "type_id", "created_at",
                "updated_at", "weight").contains(attribute);
    }

    private static Instant updatedAt(JsonNode product) {
        try {
            return MagentoValues.parseTime(product.path("updated_at").asText(null));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private String write(ObjectNode payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
