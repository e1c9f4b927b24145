package com.magentobridge.inventory;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowReceipt;
import com.magentobridge.flow.Inbox;
import com.magentobridge.flow.LineResult;
import com.magentobridge.inbound.InventoryLineInput;
import com.magentobridge.inbound.InventoryMessage;

/** Receipt of an inventory message: its lines are stored packed (source filled in), a duplicate's lines recorded. */
@Component
public class InventoryInbox extends FlowReceipt<InventoryMessage> {

    private final InventoryStore store;
    private final BridgeProperties.Magento magento;

    public InventoryInbox(InventoryStore store, Inbox inbox, BridgeProperties properties) {
        super(Flow.INVENTORY, "Inventory", inbox);
        this.store = store;
        this.magento = properties.getMagento();
    }

    @Override
    protected String content(InventoryMessage message) {
        return InventoryLines.encode(rows(message));
    }

    @Override
    protected void recordDuplicate(InventoryMessage message, long requestId, String reason) {
        LineOutcome duplicate = new LineOutcome(LineResult.Duplicate, null, reason);
        List<PendingLine> lines = InventoryLines.pending(requestId, rows(message));
        store.insertDecided(lines, lines.stream().collect(Collectors.toMap(PendingLine::lineId, line -> duplicate)));
    }

    private List<InventoryLines.LineRow> rows(InventoryMessage message) {
        return message.lines().stream().map(this::row).toList();
    }

    private InventoryLines.LineRow row(InventoryLineInput line) {
        String source = line.source() != null ? line.source() : magento.getSourceCode();
        return new InventoryLines.LineRow(line.sku(), source, line.qty(), line.seq(), line.lastOrderExported());
    }
}
