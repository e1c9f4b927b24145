package com.magentobridge.flow;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.magentobridge.logging.Correlation;
import com.magentobridge.storage.InboxStore;

/**
 * The receipt step of an inbound flow: the request (its masked body and what the processing side reads) and its
 * idempotency key are committed in one transaction; a repeated messageSeqId is stored too, its lines recorded as
 * Duplicate in the same transaction. Only then does the route acknowledge ({@link Acknowledgement}): the headers
 * {@link FlowHeaders#MESSAGE_SEQ_ID} and, for a duplicate, {@link FlowHeaders#DUPLICATE_OF} say what was committed.
 * A flow supplies only what it stores and how it records a duplicate's lines.
 */
public abstract class FlowReceipt<M extends InboundMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(FlowReceipt.class);

    private final Flow flow;
    private final String noun;
    private final Inbox inbox;

    /** {@code noun}: what the extension calls the request in its duplicate message ("Inventory", "Shipment"). */
    protected FlowReceipt(Flow flow, String noun, Inbox inbox) {
        this.flow = flow;
        this.noun = noun;
        this.inbox = inbox;
    }

    /** Route step: commits the request the reader put in the body. */
    @SuppressWarnings("unchecked")
    public void accept(Exchange exchange) {
        Message in = exchange.getIn();
        M message = (M) in.getBody();
        correlate(message);
        String channel = in.getHeader(FlowHeaders.CHANNEL, String.class);
        Inbox.Receipt receipt = inbox.accept(new InboxStore.NewRequest(flow.id(), message.operation(), channel,
                        in.getHeader(FlowHeaders.STORE_CODE, String.class), message.messageSeqId(), message.lineCount(),
                        in.getHeader(FlowHeaders.AUDIT_BODY, String.class), content(message)),
                (requestId, original) -> recordDuplicate(message, requestId, "Duplicate " + noun
                        + " Request Ignored: message " + message.messageSeqId() + " was already received as request "
                        + original));
        LOG.info("{} message {}{} received over {} with {} lines{}", flow.id(), message.messageSeqId(), describe(message),
                channel, message.lineCount(), receipt.duplicate() ? " (duplicate: not applied again)" : "");
        in.setHeader(FlowHeaders.MESSAGE_SEQ_ID, message.messageSeqId());
        if (receipt.duplicate()) {
            in.setHeader(FlowHeaders.DUPLICATE_OF, receipt.duplicateOf());
        }
    }

    /** What the processing side reads back from the inbox. */
    protected abstract String content(M message);

    /** Records every line of a repeated message with this reason (inside the receipt's transaction). */
    protected abstract void recordDuplicate(M message, long requestId, String reason);

    /** Extra words for the receipt's log line: " for order 000000042" for a message about an order. */
    protected String describe(M message) {
        return message.orderIncrementId() == null ? "" : " for order " + message.orderIncrementId();
    }

    private static void correlate(InboundMessage message) {
        if (message.orderIncrementId() != null) {
            Correlation.order(message.orderIncrementId());
        }
    }
}
