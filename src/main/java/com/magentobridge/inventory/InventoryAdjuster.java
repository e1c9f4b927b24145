package com.magentobridge.inventory;

/**
 * The extension's "Adjust Inventory" step. Level 0 writes what the back office sent; level 1 subtracts the units of
 * orders received from Magento but not exported to the back office yet (the warehouse does not know them, so its
 * figure still counts them as available); level 2 also subtracts units in active carts.
 */
public final class InventoryAdjuster {

    private final int level;

    public InventoryAdjuster(int level) {
        if (level < 0 || level > 2) {
            throw new IllegalArgumentException("bridge.inventory.adjust-level must be 0, 1 or 2, not " + level);
        }
        this.level = level;
    }

    public int level() {
        return level;
    }

    /** The adjustment this level applies (parts of higher levels zeroed). */
    public Adjustment applied(Adjustment found) {
        if (level == 0 || found == null) {
            return Adjustment.NONE;
        }
        return new Adjustment(found.queued(), level >= 2 ? found.quotes() : 0);
    }

    public long adjust(long unitsReceived, Adjustment applied) {
        return unitsReceived - applied.queued() - applied.quotes();
    }
}
