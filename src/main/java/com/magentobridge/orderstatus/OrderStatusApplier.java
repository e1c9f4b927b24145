package com.magentobridge.orderstatus;

import java.util.Map;


import com.magentobridge.config.BridgeProperties;
import com.magentobridge.inbound.OrderStatusMessage;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.LineResult;
import com.magentobridge.logging.Correlation;
import com.magentobridge.magento.MagentoOrder;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.magento.MagentoRejectedException;
import com.magentobridge.flow.NotApplicableException;

/**
 * Back office → Magento status changes, applied oldest first: an older message than one already applied for the order
 * is Superseded; the back-office status is mapped to an action (cancel, hold, unhold, comment, comment with a Magento
 * status) and carried out on the order found by increment id. Magento's refusal is recorded as Failed with its
 * message; after a lost answer the order is looked at before calling again.
 */
public class OrderStatusApplier {

    private final OrderStatusStore store;
    private final MagentoOrders orders;
    private final Map<String, String> actions;

    public OrderStatusApplier(OrderStatusStore store, MagentoOrders orders, BridgeProperties properties) {
        this.store = store;
        this.orders = orders;
        this.actions = properties.getMappings().getBackOfficeStatuses();
    }

    public StatusJob apply(StatusJob job) {
        job.attempted();
        OrderStatusMessage message = job.message();
        Correlation.flow(Flow.ORDERSTATUS.id());
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
        // nothing more once the run lost its claim: whoever holds it now applies the message
        job.ensureOwned();
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

    private static NotApplicableException refuse(StatusJob job, String action, String reason) {
        job.decide(action, LineResult.Failed, reason);
        return new NotApplicableException(reason);
    }
}
