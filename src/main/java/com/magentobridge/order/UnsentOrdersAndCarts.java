package com.magentobridge.order;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.inventory.Adjustment;
import com.magentobridge.inventory.AdjustmentSource;
import com.magentobridge.magento.MagentoOrders;

/**
 * The adjustment of inventory levels 1 and 2: units of orders imported but not exported yet (statuses and cutoff from
 * bridge.inventory.unsent-order-*), and at level 2 units in Magento carts active within
 * bridge.inventory.active-quote-cutoff (one cart search per batch).
 */
public class UnsentOrdersAndCarts implements AdjustmentSource {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UnsentOrdersAndCarts.class);

    /** Carts read per batch at most (100 per page). */
    private static final int MAX_CART_PAGES = 20;

    private final OrderLedger ledger;
    private final MagentoOrders magento;
    private final BridgeProperties.Inventory settings;

    public UnsentOrdersAndCarts(OrderLedger ledger, MagentoOrders magento, BridgeProperties properties) {
        this.ledger = ledger;
        this.magento = magento;
        this.settings = properties.getInventory();
    }

    /** Carts Magento will not show (ACL Magento_Cart::manage missing, Magento down) must not stop stock updates. */
    private Map<String, Long> activeCarts(Set<String> skus, Instant now) {
        try {
            return magento.activeCartUnits(skus, now.minus(settings.getActiveQuoteCutoff()), MAX_CART_PAGES);
        } catch (com.magentobridge.magento.MagentoException e) {
            LOG.warn("inventory adjustment level 2: active carts could not be read, this batch subtracts no cart units: {}",
                    e.getMessage());
            return Map.of();
        }
    }

    @Override
    public Map<String, Adjustment> lookup(Set<String> skus) {
        Instant now = Instant.now();
        Map<String, Long> queued = ledger.unsentUnits(skus, settings.getUnsentOrderStatuses(),
                now.minus(settings.getUnsentOrderCutoff()));
        Map<String, Long> quotes = settings.getAdjustLevel() >= 2 ? activeCarts(skus, now) : Map.of();
        Map<String, Adjustment> adjustments = new HashMap<>();
        for (String sku : skus) {
            long q = queued.getOrDefault(sku, 0L);
            long c = quotes.getOrDefault(sku, 0L);
            if (q != 0 || c != 0) {
                adjustments.put(sku, new Adjustment(q, c));
            }
        }
        return adjustments;
    }
}
