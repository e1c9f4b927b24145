package com.magentobridge.shipment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.inventory.LineResult;
import com.magentobridge.logging.Correlation;
import com.magentobridge.metrics.FlowMetrics;
import com.magentobridge.storage.Inbox;
import com.magentobridge.storage.InboxStore;

/**
 * The scheduled side of the shipment flow: claims received messages oldest first (so several messages for one
 * order are applied in the order they came), and records each message's line results as soon as it is decided.
 */
@Component
public class ShipmentBatchService {

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentBatchService.class);

    private final Inbox inbox;
    private final InboxStore inboxStore;
    private final ShipmentStore store;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final BridgeProperties.Shipment settings;
    private final ShipmentProgress progress;
    private final FlowMetrics metrics;

    public ShipmentBatchService(Inbox inbox, InboxStore inboxStore, ShipmentStore store, TransactionTemplate transaction,
                                ObjectMapper json, BridgeProperties properties, ShipmentProgress progress,
                                FlowMetrics metrics) {
        this.progress = progress;
        this.metrics = metrics;
        this.inbox = inbox;
        this.inboxStore = inboxStore;
        this.store = store;
        this.transaction = transaction;
        this.json = json;
        this.settings = properties.getShipment();
    }

    /** The messages claimed in one run, applied one by one in the order they were received. */
    public record Batch(List<ShipmentJob> jobs) {
        public boolean hasWork() {
            return !jobs.isEmpty();
        }
    }

    public Batch claim() {
        Correlation.flow(ShipmentStore.FLOW);
        return new Batch(transaction.execute(status -> {
            List<Long> ids = inbox.claim(ShipmentStore.FLOW, settings.getBatchSize(), settings.getClaimLease());
            List<ShipmentJob> jobs = new ArrayList<>(ids.size());
            // a message claimed again (its process died mid-way) continues from its committed progress
            inboxStore.contents(ids).forEach((requestId, content) -> jobs.add(
                    progress.load(requestId).orElseGet(() -> new ShipmentJob(requestId, read(content)))));
            return jobs;
        }));
    }

    /** Whether this process still holds the job's claim (renewed for another lease); a job it lost is skipped. */
    public boolean stillClaimed(ShipmentJob job) {
        return inbox.renew(job.requestId());
    }

    /** Records the job's line results and completes its request; returns a one-line summary. */
    public String record(ShipmentJob job) {
        Map<Integer, ShipmentOutcome> results = job.results();
        transaction.executeWithoutResult(status -> {
            store.replaceLines(job.requestId(), job.message(), results);
            inbox.markProcessed(List.of(job.requestId()));
        });
        metrics.countLines(ShipmentStore.FLOW, results.values().stream().map(ShipmentOutcome::result).toList());
        Map<LineResult, Long> counts = results.values().stream()
                .collect(Collectors.groupingBy(ShipmentOutcome::result, Collectors.counting()));
        String summary = "order " + job.message().orderIncrementId() + ", message " + job.message().messageSeqId() + ": "
                + counts + (job.failure() == null ? "" : " — " + job.failure());
        if (job.failure() == null) {
            LOG.info("shipment {}", summary);
        } else {
            LOG.warn("shipment {}", summary);
        }
        return summary;
    }

    private ShipmentMessage read(String content) {
        try {
            return json.readValue(content, ShipmentMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored shipment message is not readable", e);
        }
    }
}
