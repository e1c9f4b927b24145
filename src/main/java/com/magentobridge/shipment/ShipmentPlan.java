package com.magentobridge.shipment;

import java.util.List;
import java.util.Map;

/**
 * What a shipment message means for the order as Magento has it now: refused (with the reason), or the
 * shipments to create (one per source) plus the lines that have nothing left to ship.
 */
public record ShipmentPlan(String refusal, List<PlannedShipment> shipments, Map<Integer, String> nothingLeft) {

    static ShipmentPlan refused(String reason) {
        return new ShipmentPlan(reason, List.of(), Map.of());
    }

    public boolean isRefused() {
        return refusal != null;
    }
}
