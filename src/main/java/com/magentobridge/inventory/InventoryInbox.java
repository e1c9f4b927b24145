package com.magentobridge.inventory;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.inbound.InventoryLineInput;
import com.magentobridge.inbound.InventoryMessage;
import com.magentobridge.inbound.SoapInbound;
import com.magentobridge.storage.Inbox;
import com.magentobridge.storage.InboxStore;

/**
 * The durable half of "ack only what is durable": the request and its lines are committed in one
 * transaction, and only then is the acknowledgement text returned. A repeated messageSeqId is stored
 * too, with every line recorded as Duplicate, so nothing is silently dropped.
 */
@Component
public class InventoryInbox {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryInbox.class);

    private final InventoryStore store;
    private final Inbox inbox;
    private final BridgeProperties.Magento magento;

    public InventoryInbox(InventoryStore store, Inbox inbox, BridgeProperties properties) {
        this.store = store;
        this.inbox = inbox;
        this.magento = properties.getMagento();
    }

    public String accept(@Body InventoryMessage message,
                         @Header(SoapInbound.STORE_CODE) String storeCode,
                         @Header(SoapInbound.CHANNEL) String channel,
                         @Header(SoapInbound.AUDIT_BODY) String auditBody) {
        List<InventoryLines.LineRow> rows = message.lines().stream().map(this::row).toList();
        Inbox.Receipt receipt = inbox.accept(new InboxStore.NewRequest(InventoryStore.FLOW, message.operation(), channel,
                        storeCode, message.messageSeqId(), rows.size(), auditBody, InventoryLines.encode(rows)),
                (requestId, original) -> recordDuplicate(message, requestId, original, rows));
        LOG.info("inventory message {} received over {} with {} lines{}", message.messageSeqId(), channel, rows.size(),
                receipt.duplicate() ? " (duplicate: not applied again)" : "");
        return "Success - Message " + message.messageSeqId() + " Received";
    }

    private void recordDuplicate(InventoryMessage message, long requestId, Long original,
                                 List<InventoryLines.LineRow> rows) {
        LineOutcome duplicate = new LineOutcome(LineResult.Duplicate, null, "Duplicate Inventory Request Ignored: message "
                + message.messageSeqId() + " was already received as request " + original);
        List<PendingLine> lines = InventoryLines.pending(requestId, rows);
        store.insertDecided(lines, lines.stream().collect(Collectors.toMap(PendingLine::lineId, line -> duplicate)));
    }

    private InventoryLines.LineRow row(InventoryLineInput line) {
        String source = line.source() != null ? line.source() : magento.getSourceCode();
        return new InventoryLines.LineRow(line.sku(), source, line.qty(), line.seq(), line.lastOrderExported());
    }
}
