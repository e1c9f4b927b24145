package com.magentobridge.shipment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One Magento shipment to create (one per MSI source): the order items and quantities, the message lines it
 * carries, and what is known of it so far — created (its id), or possibly created by a call whose answer was lost.
 */
public final class PlannedShipment {

    /** An order item to ship, with its qty_shipped as read before shipping (to tell whether a lost call committed). */
    public record Item(long orderItemId, String sku, BigDecimal qty, BigDecimal qtyShippedBefore) { }

    private final String sourceCode;
    private final List<Item> items;
    private final List<Integer> lineNos;
    private Long shipmentId;
    private boolean uncertain;

    @JsonCreator
    public PlannedShipment(@JsonProperty("sourceCode") String sourceCode, @JsonProperty("items") List<Item> items,
                           @JsonProperty("lineNos") List<Integer> lineNos, @JsonProperty("shipmentId") Long shipmentId,
                           @JsonProperty("uncertain") boolean uncertain) {
        this.sourceCode = sourceCode;
        this.items = new ArrayList<>(items);
        this.lineNos = new ArrayList<>(lineNos);
        this.shipmentId = shipmentId;
        this.uncertain = uncertain;
    }

    PlannedShipment(String sourceCode) {
        this(sourceCode, List.of(), List.of(), null, false);
    }

    /** Adds qty of an order item, merged with what this shipment already carries of it. */
    void add(long orderItemId, String sku, BigDecimal qty, BigDecimal qtyShippedBefore) {
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            if (item.orderItemId() == orderItemId) {
                items.set(i, new Item(orderItemId, sku, item.qty().add(qty), qtyShippedBefore));
                return;
            }
        }
        items.add(new Item(orderItemId, sku, qty, qtyShippedBefore));
    }

    void carries(int lineNo) {
        if (!lineNos.contains(lineNo)) {
            lineNos.add(lineNo);
        }
    }

    @JsonProperty public String sourceCode() { return sourceCode; }
    @JsonProperty public List<Item> items() { return items; }
    @JsonProperty public List<Integer> lineNos() { return lineNos; }
    @JsonProperty public Long shipmentId() { return shipmentId; }
    @JsonProperty public boolean uncertain() { return uncertain; }

    void shipped(long id) {
        shipmentId = id;
        uncertain = false;
    }

    /** The ship call failed in a way where Magento may have committed: check before calling again. */
    void markUncertain() {
        uncertain = true;
    }

    boolean done() {
        return shipmentId != null;
    }
}
