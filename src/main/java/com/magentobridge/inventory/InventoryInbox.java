package com.magentobridge.inventory;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.inbound.InboundNotStoredException;
import com.magentobridge.inbound.InventoryLineInput;
import com.magentobridge.inbound.InventoryMessage;
import com.magentobridge.inbound.SoapInbound;
import com.magentobridge.storage.IdempotencyKeys;

/**
 * The durable half of "ack only what is durable": the request and its lines are committed in one
 * transaction, and only then is the acknowledgement text returned. A repeated messageSeqId is stored
 * too, with every line recorded as Duplicate, so nothing is silently dropped.
 */
@Component
public class InventoryInbox {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryInbox.class);

    private final InventoryStore store;
    private final IdempotencyKeys keys;
    private final TransactionTemplate transaction;
    private final BridgeProperties.Magento magento;

    public InventoryInbox(InventoryStore store, IdempotencyKeys keys, TransactionTemplate transaction,
                          BridgeProperties properties) {
        this.store = store;
        this.keys = keys;
        this.transaction = transaction;
        this.magento = properties.getMagento();
    }

    public String accept(@Body InventoryMessage message,
                         @Header(SoapInbound.STORE_CODE) String storeCode,
                         @Header(SoapInbound.CHANNEL) String channel,
                         @Header(SoapInbound.AUDIT_BODY) String auditBody) {
        List<InventoryLines.LineRow> rows = message.lines().stream().map(this::row).toList();
        boolean first;
        try {
            first = Boolean.TRUE.equals(transaction.execute(status -> store(message, storeCode, channel, auditBody, rows)));
        } catch (DataAccessException | TransactionException e) {
            LOG.error("inventory message {} not stored: {}", message.messageSeqId(), e.getMessage());
            throw new InboundNotStoredException(e);
        }
        LOG.info("inventory message {} received over {} with {} lines{}", message.messageSeqId(), channel, rows.size(),
                first ? "" : " (duplicate: not applied again)");
        return "Success - Message " + message.messageSeqId() + " Received";
    }

    /** Inside the transaction: true for a first receipt, false for a repeated messageSeqId (stored as Duplicate). */
    private boolean store(InventoryMessage message, String storeCode, String channel, String auditBody,
                          List<InventoryLines.LineRow> rows) {
        long requestId = store.insertRequest(message.operation(), channel, storeCode, message.messageSeqId(),
                "RECEIVED", auditBody, rows);
        String key = Long.toString(message.messageSeqId());
        if (keys.claim(InventoryStore.FLOW, key, requestId)) {
            return true;
        }
        Long original = keys.owner(InventoryStore.FLOW, key);
        store.markDuplicate(requestId);
        LineOutcome duplicate = new LineOutcome(LineResult.Duplicate, null,
                "Duplicate Inventory Request Ignored: message " + key + " was already received as request " + original);
        List<PendingLine> lines = InventoryLines.pending(requestId, rows);
        store.insertDecided(lines, lines.stream().collect(Collectors.toMap(PendingLine::lineId, line -> duplicate)));
        return false;
    }

    private InventoryLines.LineRow row(InventoryLineInput line) {
        String source = line.source() != null ? line.source() : magento.getSourceCode();
        return new InventoryLines.LineRow(line.sku(), source, line.qty(), line.seq(), line.lastOrderExported());
    }
}
