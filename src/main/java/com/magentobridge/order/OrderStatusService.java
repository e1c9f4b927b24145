package com.magentobridge.order;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.inbound.OrderStatusMessage;
import com.magentobridge.inbound.SoapInbound;
import com.magentobridge.inventory.LineResult;
import com.magentobridge.logging.Correlation;
import com.magentobridge.magento.MagentoOrder;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.magento.MagentoRejectedException;
import com.magentobridge.metrics.FlowMetrics;
import com.magentobridge.ops.NotApplicableException;
import com.magentobridge.storage.Inbox;
import com.magentobridge.storage.InboxStore;

/**
 * Back office → Magento status changes: received into the inbox (acknowledged after commit, a repeated messageSeqId is
 * a Duplicate), then applied oldest first: an older message than one already applied for the order is Superseded; the
 * back-office status is mapped to an action (cancel, hold, unhold, comment, comment with a Magento status) and carried
 * out on the order found by increment id. Magento's refusal is recorded as Failed with its message.
 */
public class OrderStatusService {

    private static final Logger LOG = LoggerFactory.getLogger(OrderStatusService.class);

    /** The messages claimed in one run. */
    public record Batch(List<StatusJob> jobs) {
        public boolean hasWork() {
            return !jobs.isEmpty();
        }
    }

    private final Inbox inbox;
    private final InboxStore inboxStore;
    private final OrderStatusStore store;
    private final MagentoOrders orders;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Map<String, String> actions;
    private final BridgeProperties.Shipment settings;
    private final FlowMetrics metrics;

    public OrderStatusService(Inbox inbox, InboxStore inboxStore, OrderStatusStore store, MagentoOrders orders,
                              TransactionTemplate transaction, ObjectMapper json, BridgeProperties properties,
                              FlowMetrics metrics) {
        this.metrics = metrics;
        this.inbox = inbox;
        this.inboxStore = inboxStore;
        this.store = store;
        this.orders = orders;
        this.transaction = transaction;
        this.json = json;
        this.actions = properties.getMappings().getBackOfficeStatuses();
        this.settings = properties.getShipment();
    }

    public String accept(@Body OrderStatusMessage message, @Header(SoapInbound.STORE_CODE) String storeCode,
                         @Header(SoapInbound.CHANNEL) String channel, @Header(SoapInbound.AUDIT_BODY) String auditBody)
            throws JsonProcessingException {
        Correlation.order(message.orderIncrementId());
        Inbox.Receipt receipt = inbox.accept(new InboxStore.NewRequest(OrderStatusStore.FLOW, message.operation(), channel,
                        storeCode, message.messageSeqId(), 1, auditBody, json.writeValueAsString(message)),
                (requestId, original) -> store.recordResult(requestId, message.orderIncrementId(), message.status(), null,
                        LineResult.Duplicate.name(), "Duplicate Status Request Ignored: message " + message.messageSeqId()
                                + " was already received as request " + original));
        LOG.info("order status message {} for order {} ({}) received over {}{}", message.messageSeqId(),
                message.orderIncrementId(), message.status(), channel,
                receipt.duplicate() ? " (duplicate: not applied again)" : "");
        return "Success - Message " + message.messageSeqId() + " Received";
    }

    public Batch claim() {
        Correlation.flow(OrderStatusStore.FLOW);
        return new Batch(transaction.execute(status -> {
            List<Long> ids = inbox.claim(OrderStatusStore.FLOW, settings.getBatchSize(), settings.getClaimLease());
            List<StatusJob> jobs = new ArrayList<>(ids.size());
            inboxStore.contents(ids).forEach((id, content) -> jobs.add(new StatusJob(id, read(content))));
            return jobs;
        }));
    }

    /** Whether this process still holds the job's claim (renewed for another lease); a job it lost is skipped. */
    public boolean stillClaimed(StatusJob job) {
        return inbox.renew(job.requestId());
    }

    public StatusJob apply(StatusJob job) {
        job.attempted();
        OrderStatusMessage message = job.message();
        Correlation.flow(OrderStatusStore.FLOW);
        Correlation.message(message.messageSeqId());
        Correlation.order(message.orderIncrementId());
        String number = message.orderIncrementId();
        Long last = store.lastApplied(number);
        if (last != null && message.messageSeqId() <= last) {
            job.decide(null, LineResult.Superseded, "Message " + message.messageSeqId() + " is not newer than message "
                    + last + " already applied for order " + number + ": not applied");
            return job;
        }
        String mapped = actions.get(message.status());
        String action = mapped == null ? null : mapped.trim();
        if (action == null) {
            throw refuse(job, null, "No Magento action for back-office status '" + message.status()
                    + "' (bridge.mappings.back-office-statuses.[" + message.status() + "])");
        }
        MagentoOrder order = orders.findByIncrementId(number)
                .orElseThrow(() -> refuse(job, action, "Order " + number + " not found"));
        if (job.uncertain() && alreadyApplied(order, action, message)) {
            job.uncertain(false);
            job.decide(action, LineResult.Success, "Order " + number + ": " + action + " applied for back-office status '"
                    + message.status() + "' (by a call whose answer was lost)");
            return job;
        }
        try {
            boolean done;
            if (action.startsWith("comment")) {
                String status = action.startsWith("comment:") ? action.substring("comment:".length()).trim() : null;
                done = orders.comment(order.entityId(), commentText(message), status);
            } else {
                done = orders.act(order.entityId(), action);
            }
            if (!done) {
                throw refuse(job, action, "Magento refused to " + action + " order " + number + " (state "
                        + order.state() + ", status " + order.status() + ")");
            }
        } catch (MagentoRejectedException e) {
            // a 5xx the flow does not retry may still have committed: a replay checks the order first
            if (e.status() >= 500) {
                job.uncertain(true);
            }
            throw refuse(job, action, "Magento refused to " + action + " order " + number + ": " + e.getMessage());
        } catch (com.magentobridge.magento.MagentoTransientException e) {
            job.uncertain(true);
            throw e;
        }
        job.decide(action, LineResult.Success, "Order " + number + ": " + action + " applied for back-office status '"
                + message.status() + "'");
        return job;
    }

    /** After a lost answer: whether the order already shows the action (so calling again would double it or fail). */
    private static boolean alreadyApplied(MagentoOrder order, String action, OrderStatusMessage message) {
        return switch (action) {
            case "cancel" -> "canceled".equals(order.state());
            case "hold" -> "holded".equals(order.state());
            case "unhold" -> !"holded".equals(order.state());
            default -> order.comments().contains(commentText(message));
        };
    }

    private static String commentText(OrderStatusMessage message) {
        return message.comment() != null ? message.comment() : "Back-office status: " + message.status();
    }

    public StatusJob replay(StatusJob job) {
        job.replaying();
        return apply(job);
    }

    /** Records the job's result (and moves the order's sequence on success); returns a one-line summary. */
    public String record(StatusJob job) {
        OrderStatusMessage message = job.message();
        LineResult result = job.result() == null ? LineResult.Failed : job.result();
        transaction.executeWithoutResult(status -> {
            store.recordResult(job.requestId(), message.orderIncrementId(), message.status(), job.action(),
                    result.name(), job.outcome());
            if (result == LineResult.Success) {
                store.advance(message.orderIncrementId(), message.messageSeqId());
            }
            inbox.markProcessed(List.of(job.requestId()));
        });
        metrics.countLines(OrderStatusStore.FLOW, List.of(result));
        String summary = "order " + message.orderIncrementId() + ", message " + message.messageSeqId() + ": " + result
                + " — " + job.outcome();
        if (result == LineResult.Failed) {
            LOG.warn("order status {}", summary);
        } else {
            LOG.info("order status {}", summary);
        }
        return summary;
    }

    private static NotApplicableException refuse(StatusJob job, String action, String reason) {
        job.decide(action, LineResult.Failed, reason);
        return new NotApplicableException(reason);
    }

    private OrderStatusMessage read(String content) {
        try {
            return json.readValue(content, OrderStatusMessage.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored status message is not readable", e);
        }
    }
}
