package com.magentobridge.order;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.backoffice.BackOfficeTransientException;
import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.backoffice.ExportReport;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.logging.Correlation;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.ExportFence;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.NodeName;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.RunTurn;

/**
 * Order export batches: claim pending orders (PENDING → QUEUED), re-check them against the rules (a mapping removed
 * since import parks the order instead of guessing), send them in one call through the configured adapter, and record
 * the call (export id, message id, counts, bodies per the retention setting) and each order's result: Success and
 * Duplicate → EXPORTED, Failed → FAILED with the back office's message.
 */
public class OrderExportService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderExportService.class);

    private final OrderExportStore store;
    private final OrderExportRules rules;
    private final BackOfficeExporter exporter;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final NamedParameterJdbcTemplate jdbc;
    private final BridgeProperties.Export settings;
    private final FlowMetrics metrics;
    private final String claimant;
    private final ExportFence fence;
    /** This node's turn to run an export (see {@link #begin}). */
    private final RunTurn runs = new RunTurn();

    public OrderExportService(OrderExportStore store, OrderExportRules rules, BackOfficeExporter exporter,
                              TransactionTemplate transaction, ObjectMapper json, NamedParameterJdbcTemplate jdbc,
                              BridgeProperties properties, NodeName node, FlowMetrics metrics, NodeLiveness liveness) {
        this.claimant = node.value();
        this.fence = new ExportFence(Flow.ORDERS_EXPORT, store.ledger(), transaction, liveness, claimant);
        this.metrics = metrics;
        this.store = store;
        this.rules = rules;
        this.exporter = exporter;
        this.transaction = transaction;
        this.json = json;
        this.jdbc = jdbc;
        this.settings = properties.getOrders().getExport();
    }

    /**
     * Route step at the start of a run (scheduled, or asked for by ops while a scheduled one is under way): waits for
     * the run of this node in progress, if any, and holds the node's turn until this run's exchange is done, however it
     * ends. One run at a time per node is what lets a claim take back this node's own queued orders as left-overs
     * (see {@link OrderExportStore#claim}): no batch of this node can still be sending them.
     */
    public void begin(Exchange exchange) throws InterruptedException {
        runs.take(exchange);
    }

    public OrderExportBatch claim() {
        return claim(ExportDecision.PENDING, ExportDecision.QUEUED, false);
    }

    /** Orders already exported whose status changed since, for adapters that take status updates. */
    public OrderExportBatch claimStatusUpdates() {
        return claim(ExportDecision.UPDATE, ExportDecision.QUEUED_UPDATE, true);
    }

    private OrderExportBatch claim(String waiting, String queued, boolean updates) {
        if ("none".equals(exporter.type()) || updates && !exporter.supportsStatusUpdates()) {
            return new OrderExportBatch(List.of(), updates);
        }
        return fence.claim(() -> OrderExportBatch.claimed(
                store.claim(waiting, queued, settings.getBatchSize(), claimant, settings.getClaimLease()), updates));
    }

    /** A dead-lettered batch: its orders claimed again (whatever state they are in now), then exported. */
    public OrderExportBatch reclaim(OrderExportBatch batch) {
        Correlation.flow(Flow.ORDERS_EXPORT.id());
        batch.rows(store.rows(batch.entityIds()));
        return batch;
    }

    /** Sends the batch; returns a one-line summary. Transient failures propagate for the route to retry. */
    public String export(OrderExportBatch batch) {
        Correlation.flow(Flow.ORDERS_EXPORT.id());
        // a run that lost its claims neither settles (re-check) nor sends anything: whoever holds the orders does
        batch.ensureOwned();
        if (batch.statusUpdates()) {
            return sendStatusUpdates(batch);
        }
        batch.attempted();
        fence.keepStillClaimed(batch, ExportDecision.QUEUED);
        OffsetDateTime started = InboxStore.now();
        Map<String, OrderExportStore.Claimed> byNumber = new LinkedHashMap<>();
        List<ExportItem> items = new ArrayList<>();
        Map<OrderExportStore.Claimed, ExportOutcome> parked = new LinkedHashMap<>();
        Map<Long, String> sentStatus = new LinkedHashMap<>();
        for (OrderExportStore.Claimed claimed : batch.rows()) {
            CanonicalOrder order = read(claimed);
            ExportDecision decision = rules.decide(order);
            if (!ExportDecision.PENDING.equals(decision.state())) {
                parked.put(claimed, new ExportOutcome(ExportOutcome.Result.Failed, decision.reason()));
                transaction.executeWithoutResult(status ->
                        store.settle(claimed.entityId(), decision.state(), decision.reason()));
                continue;
            }
            byNumber.put(order.incrementId(), claimed);
            sentStatus.put(claimed.entityId(), order.status());
            items.add(rules.item(order));
        }
        batch.sending(sentStatus.keySet());
        if (items.isEmpty()) {
            return "nothing to export (" + parked.size() + " parked on re-check)";
        }
        batch.ensureOwned();
        ExportReport report = exporter.export(items);
        Map<OrderExportStore.Claimed, ExportOutcome> outcomes = new LinkedHashMap<>();
        byNumber.forEach((number, claimed) -> outcomes.put(claimed, report.outcomes().getOrDefault(number,
                new ExportOutcome(ExportOutcome.Result.Failed, "Not mentioned in the back office's answer"))));
        Long exportId = transaction.execute(status -> {
            if (!fence.stillHeld(status, batch, ExportDecision.QUEUED)) {
                return null;
            }
            long id = store.recordExport(exporter.type(), report.messageId(), outcomes, null, started,
                    settings.isKeepBodies() ? report.requestBody() : null,
                    settings.isKeepBodies() ? report.responseBody() : null);
            outcomes.forEach((claimed, outcome) -> {
                String reason = (outcome.result() != ExportOutcome.Result.Failed ? outcome.result() + " in export #" + id
                        : "Refused by the back office in export #" + id)
                        + (outcome.message() == null ? "" : ": " + outcome.message());
                if (outcome.result() == ExportOutcome.Result.Failed) {
                    store.settle(claimed.entityId(), ExportDecision.FAILED, reason);
                } else {
                    store.settleExported(claimed.entityId(), sentStatus.get(claimed.entityId()), reason, ifChanged());
                }
            });
            return id;
        });
        if (exportId == null) {
            return fence.notRecorded(batch);
        }
        countSent(outcomes);
        String summary = "export #" + exportId + " (" + exporter.type() + "): " + count(outcomes, ExportOutcome.Result.Success)
                + " exported, " + count(outcomes, ExportOutcome.Result.Duplicate) + " duplicates, "
                + count(outcomes, ExportOutcome.Result.Failed) + " failed";
        LOG.info("order {}", summary);
        return summary;
    }

    private String sendStatusUpdates(OrderExportBatch batch) {
        batch.attempted();
        fence.keepStillClaimed(batch, ExportDecision.QUEUED_UPDATE);
        OffsetDateTime started = InboxStore.now();
        Map<String, OrderExportStore.Claimed> byNumber = new LinkedHashMap<>();
        List<ExportItem> items = new ArrayList<>();
        Map<Long, String> sentStatus = new LinkedHashMap<>();
        for (OrderExportStore.Claimed claimed : batch.rows()) {
            CanonicalOrder order = read(claimed);
            ExportItem item = rules.item(order);
            if (item.status() == null) {
                transaction.executeWithoutResult(status -> store.settle(claimed.entityId(), ExportDecision.EXPORTED,
                        "Status update not sent: no back-office status for Magento status '" + order.status()
                                + "' (bridge.mappings.order-statuses.[" + order.status() + "])"));
                continue;
            }
            byNumber.put(order.incrementId(), claimed);
            sentStatus.put(claimed.entityId(), order.status());
            items.add(item);
        }
        batch.sending(sentStatus.keySet());
        if (items.isEmpty()) {
            return "no status update to send";
        }
        batch.ensureOwned();
        ExportReport report = exporter.updateStatuses(items);
        Map<OrderExportStore.Claimed, ExportOutcome> outcomes = new LinkedHashMap<>();
        byNumber.forEach((number, claimed) -> outcomes.put(claimed, report.outcomes().getOrDefault(number,
                new ExportOutcome(ExportOutcome.Result.Failed, "Not mentioned in the back office's answer"))));
        Long exportId = transaction.execute(status -> {
            if (!fence.stillHeld(status, batch, ExportDecision.QUEUED_UPDATE)) {
                return null;
            }
            long id = store.recordExport(exporter.type() + "-status", report.messageId(), outcomes, null, started,
                    settings.isKeepBodies() ? report.requestBody() : null,
                    settings.isKeepBodies() ? report.responseBody() : null);
            outcomes.forEach((claimed, outcome) -> {
                boolean sent = outcome.result() != ExportOutcome.Result.Failed;
                String reason = (sent ? "Status update sent in export #" : "Status update refused by the back office in export #")
                        + id + (outcome.message() == null ? "" : ": " + outcome.message());
                if (sent) {
                    store.settleExported(claimed.entityId(), sentStatus.get(claimed.entityId()), reason, ifChanged());
                } else {
                    store.settle(claimed.entityId(), ExportDecision.EXPORTED, reason);
                }
            });
            return id;
        });
        if (exportId == null) {
            return fence.notRecorded(batch);
        }
        countSent(outcomes);
        String summary = "status updates #" + exportId + " (" + exporter.type() + "): "
                + (count(outcomes, ExportOutcome.Result.Success) + count(outcomes, ExportOutcome.Result.Duplicate))
                + " sent, " + count(outcomes, ExportOutcome.Result.Failed) + " refused";
        LOG.info("order {}", summary);
        return summary;
    }

    /**
     * Route step at the end of a run: per kind of batch, how many orders it sent and the back office's answer (or
     * "nothing pending", or the failure the export history shows) — what ops see after "export now".
     */
    public Map<String, Object> runReport(Exchange exchange) {
        Map<String, Object> report = new LinkedHashMap<>();
        report(report, "orders", "summary", exchange.getProperty("ordersBatch", OrderExportBatch.class),
                exchange.getProperty("ordersSent"));
        report(report, "statusUpdates", "statusUpdatesSummary",
                exchange.getProperty("statusUpdatesBatch", OrderExportBatch.class), exchange.getProperty("statusUpdatesSent"));
        return report;
    }

    private static void report(Map<String, Object> report, String count, String summary, OrderExportBatch batch,
                               Object answer) {
        if (batch == null || !batch.hasWork()) {
            report.put(count, 0);
            report.put(summary, "nothing pending");
            return;
        }
        report.put(count, batch.entityIds().size());
        report.put(summary, answer instanceof String text ? text : "failed: see the export history");
    }

    /**
     * The call failed for good. Transient (the back office was unreachable through every retry): the orders go back to
     * PENDING for the next batch, nothing is lost. Refused as a whole (a status the orders-export policy does not
     * retry, credentials): FAILED with the reason, parked as a dead letter for ops to replay.
     */
    public void failed(Exchange exchange) {
        OrderExportBatch batch = exchange.getMessage().getBody(OrderExportBatch.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // anything but a refusal of the call (an unreachable back office, a database failure while recording) puts the
        // orders back for the next batch: nothing is lost, and the back office answers a re-sent order as a duplicate
        boolean transientFailure = !(cause instanceof com.magentobridge.backoffice.BackOfficeRejectedException);
        String reason = (transientFailure ? "Back office unavailable, retried with the next batch: "
                : "Refused by the back office: ") + (cause == null ? "unknown" : cause.getMessage());
        boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!fence.stillHeld(status, batch,
                    batch.statusUpdates() ? ExportDecision.QUEUED_UPDATE : ExportDecision.QUEUED)) {
                return false;
            }
            Map<OrderExportStore.Claimed, ExportOutcome> outcomes = new LinkedHashMap<>();
            for (OrderExportStore.Claimed claimed : batch.rows()) {
                if (!batch.wasSending(claimed.entityId())) {
                    continue;   // settled before the call (parked or ineligible on re-check)
                }
                outcomes.put(claimed, new ExportOutcome(ExportOutcome.Result.Failed, reason));
                String state = batch.statusUpdates()
                        ? (transientFailure ? ExportDecision.UPDATE : ExportDecision.EXPORTED)
                        : (transientFailure ? ExportDecision.PENDING : ExportDecision.FAILED);
                store.settle(claimed.entityId(), state, reason);
            }
            store.recordExport(exporter.type(), null, outcomes, reason, InboxStore.now(), null, null);
            return true;
        }));
        if (!recorded) {
            fence.notRecorded(batch);
            return;
        }
        if (!transientFailure) {
            // orders put back for the next batch are not failed: they are sent again
            metrics.count(Flow.ORDERS_EXPORT.id(), FlowMetrics.Result.FAILED, batch.sentIds().size());
        }
        exchange.getMessage().setHeader("BridgeExportTransient", transientFailure);
        LOG.warn("order export of {} orders failed: {}", batch.entityIds().size(), reason);
    }

    /** The back office's answer per order in bridge_messages_total: Success is applied, the others as they are. */
    private void countSent(Map<?, ExportOutcome> outcomes) {
        metrics.countLines(Flow.ORDERS_EXPORT.id(),
                outcomes.values().stream().map(outcome -> outcome.result().line()).toList());
    }

    /** Where an order goes when its status changed while it was being exported. */
    private String ifChanged() {
        return exporter.supportsStatusUpdates() ? ExportDecision.UPDATE : ExportDecision.EXPORTED;
    }

    private static long count(Map<?, ExportOutcome> outcomes, ExportOutcome.Result result) {
        return outcomes.values().stream().filter(outcome -> outcome.result() == result).count();
    }

    private CanonicalOrder read(OrderExportStore.Claimed claimed) {
        try {
            return json.readValue(claimed.payload(), CanonicalOrder.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Ledger payload of order " + claimed.incrementId() + " is unreadable", e);
        }
    }
}
