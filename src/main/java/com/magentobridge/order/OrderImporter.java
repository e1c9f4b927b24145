package com.magentobridge.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.logging.Correlation;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.magento.UpdatedAtKeyset;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.Flow;

/**
 * The order import: per configured store, reads the orders updated since the store's cursor (minus an overlap,
 * because Magento stamps updated_at when a transaction starts, not when it commits) oldest first, and upserts them
 * into the ledger page by page; each page and the cursor move commit together, so the cursor never passes an order
 * that is not stored.
 *
 * <p>Paging is by keyset ({@link UpdatedAtKeyset}), never by page number.
 */
public class OrderImporter {

    private static final Logger LOG = LoggerFactory.getLogger(OrderImporter.class);

    /** Indexes of a page's counts. */
    private static final int CREATED = 0;
    private static final int UPDATED = 1;
    private static final int UNCHANGED = 2;
    private static final int SUPERSEDED = 3;
    private static final int UNREADABLE = 4;
    private static final int COUNTS = 5;

    /** What one poll of one store did. */
    public record PollResult(String store, int pages, int read, int created, int updated, int unchanged, int unreadable,
                             Instant cursor) { }

    private final MagentoOrders orders;
    private final OrderLedger ledger;
    private final OrderExportRules rules;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final BridgeProperties.Import settings;
    private final BackOfficeExporter backOffice;
    private final FlowMetrics metrics;

    public OrderImporter(MagentoOrders orders, OrderLedger ledger, OrderExportRules rules,
                         TransactionTemplate transaction, ObjectMapper json, BridgeProperties properties,
                         BackOfficeExporter backOffice, FlowMetrics metrics) {
        this.backOffice = backOffice;
        this.metrics = metrics;
        this.orders = orders;
        this.ledger = ledger;
        this.rules = rules;
        this.transaction = transaction;
        this.json = json;
        this.settings = properties.getOrders().getImport();
    }

    /**
     * One store's poll as the route pages through it (routes/orders-import.camel.yaml): the keyset where the next page
     * starts, what it read, and whether there is more.
     */
    public static final class StorePoll {
        private final String store;
        private final UpdatedAtKeyset keyset;
        private Instant cursor;
        private JsonNode page;
        private int pages;
        private int read;
        private final int[] counts = new int[COUNTS];

        StorePoll(String store, Instant cursor, Instant from, int pageSize) {
            this.store = store;
            this.cursor = cursor;
            this.keyset = new UpdatedAtKeyset(from, pageSize);
        }

        /** Whether another page is to be read. */
        public boolean hasMore() {
            return keyset.hasMore();
        }

        public String store() {
            return store;
        }
    }

    /** Route step: a poll per configured store, each from its stored cursor (or the configured start) minus the overlap. */
    public List<StorePoll> openPolls() {
        Correlation.flow(Flow.ORDERS_IMPORT.id());
        List<StorePoll> polls = new ArrayList<>();
        for (String store : settings.getStores()) {
            Instant cursor = ledger.cursor(store).orElse(settings.getSince() != null ? settings.getSince() : Instant.EPOCH);
            Instant from = cursor.minus(settings.getOverlap());
            polls.add(new StorePoll(store, cursor, from.isBefore(Instant.EPOCH) ? Instant.EPOCH : from,
                    settings.getPageSize()));
        }
        return polls;
    }

    /** Route step: the next page of the store's orders, oldest first, from the keyset (updated_at, then entity_id). */
    public StorePoll readPage(StorePoll poll) {
        Correlation.flow(Flow.ORDERS_IMPORT.id());
        UpdatedAtKeyset keyset = poll.keyset;
        poll.page = !keyset.tied()
                ? orders.updatedSince(poll.store, CanonicalOrderMapper.formatTime(keyset.from()), keyset.pageSize())
                : orders.updatedAtAfterId(poll.store, CanonicalOrderMapper.formatTime(keyset.tie()), keyset.afterId(),
                        keyset.pageSize());
        return poll;
    }

    /**
     * Route step: every order of the page upserted and the store's cursor moved, in one transaction; then the keyset
     * moves on. One page is recorded at a time in this process, so a poll ops started and a scheduled one never insert
     * the same new order at once.
     */
    public synchronized StorePoll recordPage(StorePoll poll) {
        JsonNode items = poll.page.path("items");
        poll.page = null;
        if (items.isEmpty()) {
            poll.keyset.read(0, null, 0);
            return poll;
        }
        poll.pages++;
        poll.read += items.size();
        int[] page = new int[COUNTS];
        PageEnd end = transaction.execute(status -> storePage(poll.store, items, page));
        for (int i = 0; i < COUNTS; i++) {
            poll.counts[i] += page[i];
        }
        countCommitted(items.size(), page);
        if (end.newest() != null && end.newest().isAfter(poll.cursor)) {
            poll.cursor = end.newest();
        }
        if (end.lastUpdatedAt() == null) {
            LOG.error("order import {}: a page of orders without a readable updated_at; stopping this poll", poll.store);
        }
        poll.keyset.read(items.size(), end.lastUpdatedAt(), end.lastEntityId());
        return poll;
    }

    /** Route step: what the store's poll did (logged when it changed anything). */
    public PollResult closePoll(StorePoll poll) {
        PollResult result = new PollResult(poll.store, poll.pages, poll.read, poll.counts[CREATED], poll.counts[UPDATED],
                poll.counts[UNCHANGED] + poll.counts[SUPERSEDED], poll.counts[UNREADABLE], poll.cursor);
        if (result.created() + result.updated() + result.unreadable() > 0) {
            LOG.info("order import {}: {} read in {} pages, {} new, {} updated, {} unchanged, {} unreadable; cursor {}",
                    poll.store, result.read(), result.pages(), result.created(), result.updated(), result.unchanged(),
                    result.unreadable(), result.cursor());
        }
        return result;
    }

    /** A committed page in bridge_messages_total: an unchanged re-read is a duplicate, an unreadable order failed. */
    private void countCommitted(int read, int[] page) {
        metrics.count(Flow.ORDERS_IMPORT.id(), FlowMetrics.Result.RECEIVED, read);
        metrics.count(Flow.ORDERS_IMPORT.id(), FlowMetrics.Result.APPLIED, page[CREATED] + page[UPDATED]);
        metrics.count(Flow.ORDERS_IMPORT.id(), FlowMetrics.Result.DUPLICATE, page[UNCHANGED]);
        metrics.count(Flow.ORDERS_IMPORT.id(), FlowMetrics.Result.SUPERSEDED, page[SUPERSEDED]);
        metrics.count(Flow.ORDERS_IMPORT.id(), FlowMetrics.Result.FAILED, page[UNREADABLE]);
    }

    /** The newest readable updated_at of a page, and the last item's updated_at and entity_id (the keyset). */
    private record PageEnd(Instant newest, Instant lastUpdatedAt, long lastEntityId) { }

    /**
     * One page in one transaction: every readable order upserted, then the cursor. An unreadable order is logged and
     * counted, and the keyset still moves past it (its updated_at is read on its own when it is readable).
     */
    private PageEnd storePage(String store, JsonNode items, int[] counts) {
        Instant newest = null;
        Instant lastUpdatedAt = null;
        long lastEntityId = 0;
        for (JsonNode raw : items) {
            Instant stamped = lenientTime(raw.path("updated_at").asText(null));
            lastUpdatedAt = stamped;
            lastEntityId = raw.path("entity_id").asLong(0);
            CanonicalOrder order;
            try {
                order = CanonicalOrderMapper.map(raw);
            } catch (RuntimeException e) {
                counts[UNREADABLE]++;
                LOG.error("order import {}: order {} (entity {}) is unreadable and was skipped: {}", store,
                        raw.path("increment_id").asText("?"), raw.path("entity_id").asText("?"), e.getMessage());
                if (stamped != null && (newest == null || stamped.isAfter(newest))) {
                    newest = stamped;
                }
                continue;
            }
            switch (apply(store, order)) {
                case CREATED -> counts[CREATED]++;
                case UPDATED -> counts[UPDATED]++;
                case SUPERSEDED -> counts[SUPERSEDED]++;
                default -> counts[UNCHANGED]++;
            }
            newest = newest == null || order.updatedAt().isAfter(newest) ? order.updatedAt() : newest;
        }
        if (newest != null) {
            ledger.advanceCursor(store, newest);
        }
        return new PageEnd(newest, lastUpdatedAt, lastEntityId);
    }

    private static Instant lenientTime(String text) {
        try {
            return CanonicalOrderMapper.parseTime(text);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    enum Applied { CREATED, UPDATED, UNCHANGED, SUPERSEDED }

    Applied apply(String store, CanonicalOrder order) {
        String payload = write(order);
        String fingerprint = fingerprint(payload);
        OrderLedger.Entry existing = ledger.find(order.entityId()).orElse(null);
        if (existing != null && existing.updatedAt().equals(order.updatedAt())
                && fingerprint.equals(existing.fingerprint())) {
            return Applied.UNCHANGED;
        }
        if (existing == null) {
            ExportDecision decision = rules.decide(order);
            ledger.recordVersion(order.entityId(), order.updatedAt(), fingerprint, order.status(), "imported with status "
                    + order.status() + (order.edit() == null ? "" : ", an edit of order "
                    + order.edit().originalIncrementId() + " (entity " + order.edit().relationParentId() + ")")
                    + "; export: " + decision.state() + (decision.reason() == null ? "" : " (" + decision.reason() + ")"));
            ledger.insert(store, order, payload, decision);
            ledger.replaceOpenUnits(order.entityId(), OrderExportRules.openUnits(order));
            return Applied.CREATED;
        }
        if (order.updatedAt().isBefore(existing.updatedAt())) {
            ledger.recordVersion(order.entityId(), order.updatedAt(), fingerprint, order.status(),
                    "older version read after a newer one: ledger kept");
            return Applied.SUPERSEDED;
        }
        String summary = changes(existing, order);
        ExportDecision decision = null;
        boolean exported = ExportDecision.EXPORTED.equals(existing.exportState())
                || ExportDecision.UPDATE.equals(existing.exportState())
                || ExportDecision.QUEUED_UPDATE.equals(existing.exportState());
        if (ExportDecision.QUEUED_UPDATE.equals(existing.exportState())) {
            summary += "; a status update is being sent: the newer status follows when it is settled";
        } else if (exported) {
            if (!Objects.equals(existing.exportedStatus(), order.status())) {
                if (backOffice.supportsStatusUpdates()) {
                    decision = new ExportDecision(ExportDecision.UPDATE, "status " + existing.exportedStatus() + " → "
                            + order.status() + " to be sent to the back office");
                    summary += "; status update queued for the back office";
                } else {
                    summary += "; status change not sent: the " + backOffice.type()
                            + " adapter takes no order status updates";
                }
            }
        } else if (!ExportDecision.QUEUED.equals(existing.exportState())) {
            decision = rules.decide(order);
            summary += "; export: " + decision.state() + (decision.reason() == null ? "" : " (" + decision.reason() + ")");
        }
        ledger.recordVersion(order.entityId(), order.updatedAt(), fingerprint, order.status(), summary);
        ledger.update(store, order, payload, decision);
        ledger.replaceOpenUnits(order.entityId(), OrderExportRules.openUnits(order));
        return Applied.UPDATED;
    }

    private String changes(OrderLedger.Entry existing, CanonicalOrder order) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(existing.status(), order.status())) {
            changes.add("status " + existing.status() + " → " + order.status());
        }
        try {
            CanonicalOrder before = json.readValue(existing.payload(), CanonicalOrder.class);
            if (!Objects.equals(before.lines(), order.lines())) {
                changes.add("items changed");
            }
            if (!Objects.equals(before.shippingAddress(), order.shippingAddress())) {
                changes.add("shipping address changed");
            }
            if (!Objects.equals(before.billingAddress(), order.billingAddress())) {
                changes.add("billing address changed");
            }
            if (!Objects.equals(before.totals(), order.totals())) {
                changes.add("totals changed");
            }
        } catch (JsonProcessingException e) {
            changes.add("previous version unreadable");
        }
        return changes.isEmpty() ? "updated (no change to status, items, addresses or totals)" : String.join(", ", changes);
    }

    /** SHA-256 of the canonical JSON: tells apart two versions Magento stamped with the same second. */
    static String fingerprint(String payload) {
        return com.magentobridge.storage.ContentFingerprint.of(payload);
    }

    private String write(CanonicalOrder order) {
        try {
            return json.writeValueAsString(order);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise order " + order.incrementId(), e);
        }
    }
}
