package com.magentobridge.shipment;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowJobs;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.Inbox;
import com.magentobridge.flow.LineResult;
import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.storage.InboxStore;

/**
 * The scheduled side of the shipment flow: messages are claimed oldest first (so several messages for one order are
 * applied in the order they came); a message claimed again after its process died continues from its committed
 * progress; each message's line results are recorded as soon as it is decided.
 */
@Component
public class ShipmentBatchService extends FlowJobs<ShipmentJob> {

    private final ShipmentStore store;
    private final ObjectMapper json;
    private final ShipmentProgress progress;

    public ShipmentBatchService(Inbox inbox, InboxStore inboxStore, ShipmentStore store, TransactionTemplate transaction,
                                ObjectMapper json, BridgeProperties properties, ShipmentProgress progress,
                                FlowMetrics metrics) {
        super(Flow.SHIPMENT, inbox, inboxStore, transaction, metrics, () -> new Batching(
                properties.getShipment().getBatchSize(), properties.getShipment().getClaimLease()));
        this.store = store;
        this.json = json;
        this.progress = progress;
    }

    @Override
    protected String subject(ShipmentJob job) {
        return job.message().orderIncrementId();
    }

    @Override
    protected ShipmentJob job(long requestId, String content) {
        return progress.load(requestId).orElseGet(() -> new ShipmentJob(requestId, read(content)));
    }

    @Override
    protected List<LineResult> results(ShipmentJob job) {
        return job.results().values().stream().map(ShipmentOutcome::result).toList();
    }

    @Override
    protected void writeResults(ShipmentJob job) {
        store.replaceLines(job.requestId(), job.message(), job.results());
    }

    @Override
    protected String summary(ShipmentJob job, Map<LineResult, Long> counts) {
        return "order " + job.message().orderIncrementId() + ", message " + job.message().messageSeqId() + ": "
                + counts + (job.failure() == null ? "" : " — " + job.failure());
    }

    private ShipmentMessage read(String content) {
        try {
            return json.readValue(content, ShipmentMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored shipment message is not readable", e);
        }
    }
}
