package com.magentobridge.shipment;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.inbound.SoapInbound;
import com.magentobridge.logging.Correlation;
import com.magentobridge.storage.Inbox;
import com.magentobridge.storage.InboxStore;

/**
 * Receipt of a shipment message: committed to the inbox (the parsed message as JSON) before the acknowledgement.
 * A repeated messageSeqId is stored with every line recorded as Duplicate and is never sent to Magento.
 */
@Component
public class ShipmentInbox {

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentInbox.class);

    private final Inbox inbox;
    private final ShipmentStore store;
    private final ObjectMapper json;

    public ShipmentInbox(Inbox inbox, ShipmentStore store, ObjectMapper json) {
        this.inbox = inbox;
        this.store = store;
        this.json = json;
    }

    public String accept(@Body ShipmentMessage message,
                         @Header(SoapInbound.STORE_CODE) String storeCode,
                         @Header(SoapInbound.CHANNEL) String channel,
                         @Header(SoapInbound.AUDIT_BODY) String auditBody) throws JsonProcessingException {
        Correlation.order(message.orderIncrementId());
        String content = json.writeValueAsString(message);
        Inbox.Receipt receipt = inbox.accept(new InboxStore.NewRequest(ShipmentStore.FLOW, message.operation(), channel,
                        storeCode, message.messageSeqId(), message.lines().size(), auditBody, content),
                (requestId, original) -> {
                    Map<Integer, ShipmentOutcome> duplicates = new TreeMap<>();
                    ShipmentOutcome duplicate = ShipmentOutcome.duplicate("Duplicate Shipment Request Ignored: message "
                            + message.messageSeqId() + " was already received as request " + original);
                    for (int lineNo = 1; lineNo <= message.lines().size(); lineNo++) {
                        duplicates.put(lineNo, duplicate);
                    }
                    store.replaceLines(requestId, message, duplicates);
                });
        LOG.info("shipment message {} for order {} received over {} with {} lines{}", message.messageSeqId(),
                message.orderIncrementId(), channel, message.lines().size(),
                receipt.duplicate() ? " (duplicate: not applied again)" : "");
        return "Success - Message " + message.messageSeqId() + " Received";
    }
}
