package com.magentobridge.orderstatus;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowJobs;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.Inbox;
import com.magentobridge.flow.LineResult;
import com.magentobridge.inbound.OrderStatusMessage;
import com.magentobridge.storage.InboxStore;

/**
 * The scheduled side of the order-status flow: messages claimed oldest first; a message's result is recorded with its
 * request's completion, and on success the order's last applied sequence moves on (newest wins per order).
 */
public class OrderStatusJobs extends FlowJobs<StatusJob> {

    private final OrderStatusStore store;
    private final ObjectMapper json;

    public OrderStatusJobs(Inbox inbox, InboxStore inboxStore, OrderStatusStore store, TransactionTemplate transaction,
                           ObjectMapper json, FlowMetrics metrics, BridgeProperties properties) {
        super(Flow.ORDERSTATUS, inbox, inboxStore, transaction, metrics,
                () -> new Batching(properties.getOrderstatus().getBatchSize(),
                        properties.getOrderstatus().getClaimLease()));
        this.store = store;
        this.json = json;
    }

    @Override
    protected String subject(StatusJob job) {
        return job.message().orderIncrementId();
    }

    @Override
    protected StatusJob job(long requestId, String content) {
        try {
            return new StatusJob(requestId, json.readValue(content, OrderStatusMessage.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored status message is not readable", e);
        }
    }

    @Override
    protected List<LineResult> results(StatusJob job) {
        return List.of(result(job));
    }

    @Override
    protected void writeResults(StatusJob job) {
        OrderStatusMessage message = job.message();
        LineResult result = result(job);
        store.recordResult(job.requestId(), message.orderIncrementId(), message.status(), job.action(), result.name(),
                job.outcome());
        if (result == LineResult.Success) {
            store.advance(message.orderIncrementId(), message.messageSeqId());
        }
    }

    @Override
    protected String summary(StatusJob job, Map<LineResult, Long> counts) {
        return "order " + job.message().orderIncrementId() + ", message " + job.message().messageSeqId() + ": "
                + result(job) + " — " + job.outcome();
    }

    private static LineResult result(StatusJob job) {
        return job.result() == null ? LineResult.Failed : job.result();
    }
}
