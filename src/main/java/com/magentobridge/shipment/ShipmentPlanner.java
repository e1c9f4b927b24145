package com.magentobridge.shipment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.magento.MagentoOrder;

/**
 * Maps a shipment message's SKU lines onto the order's items, the rules in one place:
 * <ul>
 *   <li>a SKU ships through exactly one kind of line: for a configurable product the parent (which Magento accepts)
 *       and never its child with the same SKU; bundle children through their own item ids;</li>
 *   <li>a SKU the order does not have fails the whole shipment (nothing partially shipped);</li>
 *   <li>quantities beyond what is left to ship are refused, not sent; a line with nothing left to ship (already
 *       shipped by another message, in whatever order they came) is a duplicate, not a failure;</li>
 *   <li>lines are grouped by source: one Magento shipment per MSI source.</li>
 * </ul>
 */
public class ShipmentPlanner {

    private static final Set<String> CANNOT_SHIP = Set.of("canceled", "closed", "holded", "payment_review");

    private final String defaultSource;

    /** {@code defaultSource}: the MSI source for lines naming none; null when Magento has no MSI (legacy stock). */
    public ShipmentPlanner(String defaultSource) {
        this.defaultSource = defaultSource;
    }

    public ShipmentPlan plan(ShipmentMessage message, MagentoOrder order) {
        String number = order.incrementId();
        if (CANNOT_SHIP.contains(order.state())) {
            return ShipmentPlan.refused("Order " + number + " is " + order.state()
                    + ": the order does not allow a shipment to be created");
        }
        Map<Long, BigDecimal> left = new HashMap<>();
        order.items().forEach(item -> left.put(item.itemId(), item.qtyToShip()));
        Map<String, PlannedShipment> bySource = new LinkedHashMap<>();
        Map<Integer, String> nothingLeft = new LinkedHashMap<>();
        for (int i = 0; i < message.lines().size(); i++) {
            int lineNo = i + 1;
            ShipmentMessage.Line line = message.lines().get(i);
            List<MagentoOrder.Item> candidates = shippableItems(order, line.sku());
            if (candidates.isEmpty()) {
                return ShipmentPlan.refused("Order item with SKU " + line.sku() + " does not exist on order " + number);
            }
            List<MagentoOrder.Item> physical = candidates.stream().filter(item -> !item.virtual()).toList();
            if (physical.isEmpty()) {
                return ShipmentPlan.refused("SKU " + line.sku() + " is a virtual item on order " + number
                        + ": there is nothing to ship");
            }
            BigDecimal available = physical.stream().map(item -> left.get(item.itemId()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (available.signum() == 0) {
                nothingLeft.put(lineNo, "Nothing left to ship: SKU " + line.sku() + " is already fully shipped on order "
                        + number);
                continue;
            }
            if (line.qty().compareTo(available) > 0) {
                return ShipmentPlan.refused("Cannot ship " + line.qty().toPlainString() + " of SKU " + line.sku()
                        + " on order " + number + ": only " + available.stripTrailingZeros().toPlainString()
                        + " left to ship");
            }
            String source = line.source() != null && defaultSource != null ? line.source() : defaultSource;
            PlannedShipment shipment = bySource.computeIfAbsent(Objects.toString(source, ""),
                    key -> new PlannedShipment(source));
            BigDecimal wanted = line.qty();
            for (MagentoOrder.Item item : physical) {
                BigDecimal take = wanted.min(left.get(item.itemId()));
                if (take.signum() > 0) {
                    shipment.add(item.itemId(), item.sku(), take, item.qtyShipped());
                    left.put(item.itemId(), left.get(item.itemId()).subtract(take));
                    wanted = wanted.subtract(take);
                }
                if (wanted.signum() == 0) {
                    break;
                }
            }
            shipment.carries(lineNo);
        }
        return new ShipmentPlan(null, new ArrayList<>(bySource.values()), nothingLeft);
    }

    /**
     * Order items a SKU ships through: exact SKU first, then ignoring case (Magento's SKUs are case-insensitive);
     * never the child line of a configurable product, which shares the parent's SKU but ships with it.
     */
    static List<MagentoOrder.Item> shippableItems(MagentoOrder order, String sku) {
        List<MagentoOrder.Item> exact = new ArrayList<>();
        List<MagentoOrder.Item> ignoringCase = new ArrayList<>();
        for (MagentoOrder.Item item : order.items()) {
            if (isConfigurableChild(order, item)) {
                continue;
            }
            if (item.sku().equals(sku)) {
                exact.add(item);
            } else if (item.sku().equalsIgnoreCase(sku)) {
                ignoringCase.add(item);
            }
        }
        return exact.isEmpty() ? ignoringCase : exact;
    }

    private static boolean isConfigurableChild(MagentoOrder order, MagentoOrder.Item item) {
        if (item.parentItemId() == null) {
            return false;
        }
        MagentoOrder.Item parent = order.item(item.parentItemId());
        return parent != null && "configurable".equals(parent.productType());
    }
}
