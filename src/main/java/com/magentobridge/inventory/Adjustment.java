package com.magentobridge.inventory;

/** Units subtracted from what the back office sent for a SKU: held by orders not exported yet, and by active carts. */
public record Adjustment(long queued, long quotes) {

    public static final Adjustment NONE = new Adjustment(0, 0);
}
