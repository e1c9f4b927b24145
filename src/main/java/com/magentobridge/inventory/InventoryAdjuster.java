package com.magentobridge.inventory;

/**
 * The extension's "Adjust Inventory" step: level 0 writes what the back office sent; level 1 would subtract
 * unsent orders, level 2 also active quotes. Levels 1 and 2 need the order ledger (order import), so they are
 * refused at start-up until it exists rather than silently ignored.
 */
public final class InventoryAdjuster {

    public InventoryAdjuster(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("bridge.inventory.adjust-level must be 0, 1 or 2, not " + level);
        }
        if (level > 0) {
            throw new IllegalArgumentException("bridge.inventory.adjust-level " + level
                    + " needs the order ledger of the order import flow, which this version does not have yet; use 0");
        }
    }

    /** Level 0: the quantity received is the quantity written. */
    public long adjust(String sku, long unitsReceived) {
        return unitsReceived;
    }
}
