package com.magentobridge.product;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.backoffice.BackOfficeRejectedException;
import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.backoffice.ExportReport;
import com.magentobridge.backoffice.ProductItem;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.ExportFence;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.RunTurn;
import com.magentobridge.logging.Correlation;
import com.magentobridge.storage.ContentFingerprint;
import com.magentobridge.storage.ExportLedger;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.NodeName;

/**
 * Product export batches (routes/products-export.camel.yaml): claim pending products (PENDING → QUEUED with a lease),
 * send them in one call per destination through the configured adapter, record the call in the export history
 * (export id, message id, counts, bodies per bridge.products.export.keep-bodies) and each product's result: Success and
 * Duplicate → EXPORTED (with the fingerprint of what was sent), Failed → FAILED with the back office's message. A run
 * sends batch after batch until nothing is pending or a call fails.
 */
public class ProductExportService {

    private static final Logger LOG = LoggerFactory.getLogger(ProductExportService.class);
    static final String RUN_FAILED = "productsRunFailed";

    private final ExportLedger claims;
    private final ProductLedger ledger;
    private final BackOfficeExporter exporter;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final BridgeProperties properties;
    private final FlowMetrics metrics;
    private final String claimant;
    private final ExportFence fence;
    private final RunTurn runs = new RunTurn();
    private final AtomicReference<OffsetDateTime> lastSuccess = new AtomicReference<>();

    public ProductExportService(ExportLedger claims, ProductLedger ledger, BackOfficeExporter exporter,
                                TransactionTemplate transaction, ObjectMapper json, BridgeProperties properties,
                                NodeName node, FlowMetrics metrics, NodeLiveness liveness) {
        this.claims = claims;
        this.ledger = ledger;
        this.exporter = exporter;
        this.transaction = transaction;
        this.json = json;
        this.properties = properties;
        this.metrics = metrics;
        this.claimant = node.value();
        this.fence = new ExportFence(Flow.PRODUCTS_EXPORT, claims, transaction, liveness, claimant);
    }

    /** Route guard: bridge.products.enabled, by default on when a back office is configured. */
    public boolean isOn() {
        return properties.getProducts().isOn(properties.getBackoffice());
    }

    /** Route step at the start of a run of batches: one run at a time on this node (see {@link RunTurn}). */
    public void begin(Exchange exchange) throws InterruptedException {
        runs.take(exchange);
    }

    /** Route step: the next batch of pending products; none once a call of this run failed. */
    public ProductExportBatch claim(Exchange exchange) {
        if (Boolean.TRUE.equals(exchange.getProperty(RUN_FAILED, Boolean.class)) || "none".equals(exporter.type())) {
            return new ProductExportBatch(List.of());
        }
        BridgeProperties.ProductExport settings = properties.getProducts().getExport();
        return fence.claim(() -> ProductExportBatch.claimed(claims.claim(ProductLedger.PENDING, ProductLedger.QUEUED,
                settings.getBatchSize(), claimant, settings.getClaimLease())));
    }

    /** A dead-lettered batch: its products taken again (whatever state they are in now), then exported. */
    public ProductExportBatch reclaim(ProductExportBatch batch) {
        Correlation.flow(Flow.PRODUCTS_EXPORT.id());
        batch.rows(claims.rows(batch.ids()));
        return batch;
    }

    /** Sends the batch; returns a one-line summary. Transient failures propagate for the route to retry. */
    public String export(ProductExportBatch batch) {
        Correlation.flow(Flow.PRODUCTS_EXPORT.id());
        // a run that lost its claims neither settles nor sends anything: whoever holds the products does
        batch.ensureOwned();
        batch.attempted();
        fence.keepStillClaimed(batch, ProductLedger.QUEUED);
        OffsetDateTime started = InboxStore.now();
        List<ProductItem> items = new ArrayList<>();
        Map<String, ExportLedger.Claimed> bySku = new LinkedHashMap<>();
        for (ExportLedger.Claimed row : batch.rows()) {
            JsonNode payload = read(row);
            if (payload.hasNonNull("failure")) {
                // a replayed product whose mapping fails now: not sent
                transaction.executeWithoutResult(status -> claims.settle(row.id(), ProductLedger.FAILED,
                        "Not sent: " + payload.get("failure").asText()));
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            payload.path("fields").fields().forEachRemaining(field -> fields.put(field.getKey(),
                    field.getValue().asText()));
            items.add(new ProductItem(row.reference(), text(payload, "organisation"), text(payload, "channel"),
                    fields));
            bySku.put(row.reference() + "\n" + payload.path("organisation").asText("") + "/"
                    + payload.path("channel").asText(""), row);
        }
        batch.sending(bySku.values().stream().map(ExportLedger.Claimed::id).toList());
        if (items.isEmpty()) {
            return "nothing to export";
        }
        List<ExportReport> reports = sendPerSku(batch, items);
        List<ExportLedger.Line> lines = new ArrayList<>();
        Map<Long, String> sent = new LinkedHashMap<>();
        int call = 0;
        for (ExportReport report : reports) {
            for (ProductItem item : callItems(items, call++)) {
                ExportLedger.Claimed row = bySku.get(item.sku() + "\n" + (item.organisation() == null ? ""
                        : item.organisation()) + "/" + (item.channel() == null ? "" : item.channel()));
                lines.add(new ExportLedger.Line(row.id(), row.reference(), report.outcomes().getOrDefault(item.sku(),
                        new ExportOutcome(ExportOutcome.Result.Failed, "Not mentioned in the back office's answer"))));
                sent.put(row.id(), ContentFingerprint.of(row.payload()));
            }
        }
        boolean keep = properties.getProducts().getExport().isKeepBodies();
        Long exportId = transaction.execute(status -> {
            if (!fence.stillHeld(status, batch, ProductLedger.QUEUED)) {
                return null;
            }
            long id = claims.recordExport(exporter.type(), messageIds(reports), lines, null, started,
                    keep ? join(reports, true) : null, keep ? join(reports, false) : null);
            Map<Long, String> refused = new LinkedHashMap<>();
            List<ProductLedger.Accepted> accepted = new ArrayList<>();
            for (ExportLedger.Line line : lines) {
                ExportOutcome outcome = line.outcome();
                String message = outcome.message() == null ? "" : ": " + outcome.message();
                if (outcome.result() == ExportOutcome.Result.Failed) {
                    refused.put(line.id(), "Refused by the back office in export #" + id + message);
                } else {
                    accepted.add(new ProductLedger.Accepted(line.id(), sent.get(line.id()),
                            outcome.result() + " in export #" + id + message));
                }
            }
            claims.settle(refused, ProductLedger.FAILED);
            ledger.settleExported(accepted);
            return id;
        });
        if (exportId == null) {
            return fence.notRecorded(batch);
        }
        long successes = count(lines, ExportOutcome.Result.Success);
        long duplicates = count(lines, ExportOutcome.Result.Duplicate);
        long failures = count(lines, ExportOutcome.Result.Failed);
        metrics.countLines(Flow.PRODUCTS_EXPORT.id(),
                lines.stream().map(line -> line.outcome().result().line()).toList());
        if (successes + duplicates > 0) {
            lastSuccess.set(InboxStore.now());
        }
        String summary = "product export #" + exportId + " (" + exporter.type() + "): " + successes + " exported, "
                + duplicates + " duplicates, " + failures + " failed";
        LOG.info(summary);
        return summary;
    }

    /**
     * A SKU goes to the back office once per call: a product with several destinations (and an adapter that sends one
     * call per destination anyway) is split over calls that each hold a SKU once.
     */
    private List<ExportReport> sendPerSku(ProductExportBatch batch, List<ProductItem> items) {
        List<ExportReport> reports = new ArrayList<>();
        for (int call = 0; ; call++) {
            List<ProductItem> these = callItems(items, call);
            if (these.isEmpty()) {
                return reports;
            }
            batch.ensureOwned();
            reports.add(exporter.exportProducts(these));
        }
    }

    /** The items of the n-th call: the n-th occurrence of each SKU. */
    private static List<ProductItem> callItems(List<ProductItem> items, int call) {
        Map<String, Integer> seen = new LinkedHashMap<>();
        List<ProductItem> these = new ArrayList<>();
        for (ProductItem item : items) {
            int occurrence = seen.merge(item.sku(), 1, Integer::sum) - 1;
            if (occurrence == call) {
                these.add(item);
            }
        }
        return these;
    }

    /**
     * The call failed for good. Transient (the back office unreachable through every retry, or the database while
     * recording): the products go back to PENDING for a later run, and this run stops. Refused as a whole: FAILED with
     * the reason, parked as a dead letter for ops to replay.
     */
    public void failed(Exchange exchange) {
        ProductExportBatch batch = exchange.getMessage().getBody(ProductExportBatch.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        boolean transientFailure = !(cause instanceof BackOfficeRejectedException);
        String reason = (transientFailure ? "Back office unavailable, sent again by a later run: "
                : "Refused by the back office: ") + (cause == null ? "unknown" : cause.getMessage());
        exchange.setProperty(RUN_FAILED, true);
        boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!fence.stillHeld(status, batch, ProductLedger.QUEUED)) {
                return false;
            }
            List<ExportLedger.Line> lines = new ArrayList<>();
            Map<Long, String> reasons = new LinkedHashMap<>();
            for (ExportLedger.Claimed row : batch.rows()) {
                if (!batch.wasSending(row.id())) {
                    continue;   // settled before the call (its mapping fails now)
                }
                lines.add(new ExportLedger.Line(row.id(), row.reference(),
                        new ExportOutcome(ExportOutcome.Result.Failed, reason)));
                reasons.put(row.id(), reason);
            }
            claims.settle(reasons, transientFailure ? ProductLedger.PENDING : ProductLedger.FAILED);
            claims.recordExport(exporter.type(), null, lines, reason, InboxStore.now(), null, null);
            return true;
        }));
        if (!recorded) {
            fence.notRecorded(batch);
            return;
        }
        int failed = batch.sentIds().size();
        if (!transientFailure) {
            metrics.count(Flow.PRODUCTS_EXPORT.id(), FlowMetrics.Result.FAILED, failed);
        }
        LOG.warn("product export of {} products failed: {}", failed, reason);
    }

    /** Route step at the end of a run: whether another batch is to be claimed. */
    public boolean more(Exchange exchange) {
        ProductExportBatch batch = exchange.getProperty("productsBatch", ProductExportBatch.class);
        return batch != null && batch.hasWork() && !Boolean.TRUE.equals(exchange.getProperty(RUN_FAILED, Boolean.class));
    }

    /** When products were last accepted by the back office on this node; null if never since start. */
    public OffsetDateTime lastSuccess() {
        return lastSuccess.get();
    }

    private static long count(List<ExportLedger.Line> lines, ExportOutcome.Result result) {
        return lines.stream().filter(line -> line.outcome().result() == result).count();
    }

    private static String messageIds(List<ExportReport> reports) {
        List<String> ids = reports.stream().map(ExportReport::messageId).filter(id -> id != null).toList();
        return ids.isEmpty() ? null : String.join(",", ids);
    }

    private static String join(List<ExportReport> reports, boolean requests) {
        return String.join("\n", reports.stream().map(report -> requests ? report.requestBody()
                : report.responseBody()).toList());
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private JsonNode read(ExportLedger.Claimed row) {
        try {
            return json.readTree(row.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Ledger payload of product " + row.reference() + " is unreadable", e);
        }
    }
}
