package com.magentobridge.inbound;

import java.util.ArrayList;
import java.util.List;

/**
 * Inventory items as read from the wire, still text, before validation. Each reader (SOAP M2, SOAP M1,
 * REST) fills one of these; {@link InventoryMessageAssembler} is the single place that validates them.
 */
public final class RawInventoryItems {

    public record QtyItem(String sku, String qty, String source) { }

    public record SeqItem(String sku, String seq, String lastOrderExported) { }

    private final String operation;
    private final List<QtyItem> quantities = new ArrayList<>();
    private final List<SeqItem> sequences = new ArrayList<>();
    private String messageSeqId;

    public RawInventoryItems(String operation) {
        this.operation = operation;
    }

    public String operation() { return operation; }
    public List<QtyItem> quantities() { return quantities; }
    public List<SeqItem> sequences() { return sequences; }
    public String messageSeqId() { return messageSeqId; }

    public void addQuantity(String sku, String qty, String source) { quantities.add(new QtyItem(sku, qty, source)); }
    public void addSequence(String sku, String seq, String lastOrderExported) { sequences.add(new SeqItem(sku, seq, lastOrderExported)); }
    public void messageSeqId(String value) { this.messageSeqId = value; }
}
