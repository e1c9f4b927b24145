package com.magentobridge.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.config.BridgeProperties;

/**
 * Which imported orders go to the back office and with which values. Eligibility as the OrderFlow extension decides
 * it, per store (by default: fully invoiced, status in the configured list, not virtual, optionally created after a
 * date; bridge.orders.export.stores.{id} overrides any of these for one store); the
 * values come from the ops-edited mappings and are never guessed: an order whose status, payment method or store has
 * no mapping is parked with a reason naming the missing key.
 */
public class OrderExportRules {

    private final BridgeProperties.Export export;
    private final BridgeProperties.Mappings mappings;
    private final BridgeProperties.BackOffice backOffice;

    public OrderExportRules(BridgeProperties properties) {
        this.export = properties.getOrders().getExport();
        this.mappings = properties.getMappings();
        this.backOffice = properties.getBackoffice();
    }

    public ExportDecision decide(CanonicalOrder order) {
        BridgeProperties.StoreEligibility rules = export.eligibilityFor(order.storeId());
        String key = export.getStores().containsKey(Integer.toString(order.storeId()))
                ? "bridge.orders.export.stores." + order.storeId() + "." : "bridge.orders.export.";
        if (!rules.getStatuses().contains(order.status())) {
            return ExportDecision.ineligible("Status '" + order.status() + "' is not one of the statuses exported "
                    + rules.getStatuses() + " (" + key + "statuses)");
        }
        if (order.virtual() || order.lines().stream().allMatch(CanonicalOrder.Line::virtual)) {
            return ExportDecision.ineligible("Virtual order: nothing for the warehouse to ship");
        }
        if (rules.getRequireInvoiced() && !order.fullyInvoiced()) {
            return ExportDecision.ineligible("Not fully invoiced yet (" + key + "require-invoiced)");
        }
        if (rules.getMinCreatedAt() != null && order.createdAt() != null
                && order.createdAt().isBefore(rules.getMinCreatedAt())) {
            return ExportDecision.ineligible("Created " + order.createdAt() + ", before " + rules.getMinCreatedAt()
                    + " (" + key + "min-created-at)");
        }
        List<String> missing = missingMappings(order);
        if (!missing.isEmpty()) {
            return ExportDecision.parked("Not exported until mapped: " + String.join("; ", missing));
        }
        return ExportDecision.pending();
    }

    /** The export values of an order {@link #decide} found exportable. */
    public ExportItem item(CanonicalOrder order) {
        BridgeProperties.StoreMapping store = mappings.getStores().get(Integer.toString(order.storeId()));
        return new ExportItem(order, mappings.getOrderStatuses().get(order.status()),
                mappings.getPaymentMethods().get(order.paymentMethod()),
                store != null && store.getChannel() != null ? store.getChannel() : backOffice.getChannel(),
                store != null && store.getOrganisation() != null ? store.getOrganisation() : backOffice.getOrganisation(),
                store == null ? null : store.getSite());
    }

    private List<String> missingMappings(CanonicalOrder order) {
        List<String> missing = new ArrayList<>();
        if (!mappings.getOrderStatuses().containsKey(order.status())) {
            missing.add("no back-office status for Magento status '" + order.status()
                    + "' (bridge.mappings.order-statuses.[" + order.status() + "])");
        }
        if (order.paymentMethod() == null) {
            missing.add("the order has no payment method to map (bridge.mappings.payment-methods)");
        } else if (!mappings.getPaymentMethods().containsKey(order.paymentMethod())) {
            missing.add("no back-office payment code for '" + order.paymentMethod()
                    + "' (bridge.mappings.payment-methods.[" + order.paymentMethod() + "])");
        }
        BridgeProperties.StoreMapping store = mappings.getStores().get(Integer.toString(order.storeId()));
        if (!(store != null && store.getChannel() != null || backOffice.getChannel() != null)) {
            missing.add("no back-office channel for store " + order.storeId() + " (bridge.mappings.stores."
                    + order.storeId() + ".channel, or BRIDGE_BACKOFFICE_CHANNEL)");
        }
        if (!(store != null && store.getOrganisation() != null || backOffice.getOrganisation() != null)) {
            missing.add("no back-office organisation for store " + order.storeId() + " (bridge.mappings.stores."
                    + order.storeId() + ".organisation, or BRIDGE_BACKOFFICE_ORGANISATION)");
        }
        return missing;
    }

    /** Units per SKU an order still holds back from stock (ordered − shipped − canceled − refunded). */
    public static Map<String, BigDecimal> openUnits(CanonicalOrder order) {
        Map<String, BigDecimal> units = new java.util.HashMap<>();
        for (CanonicalOrder.Line line : order.lines()) {
            BigDecimal open = line.qtyOrdered().subtract(line.qtyShipped()).subtract(line.qtyCanceled())
                    .subtract(line.qtyRefunded());
            if (open.signum() > 0 && !line.virtual()) {
                units.merge(line.sku(), open, BigDecimal::add);
            }
        }
        return units;
    }
}
