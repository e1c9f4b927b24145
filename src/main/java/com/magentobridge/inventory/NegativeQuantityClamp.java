package com.magentobridge.inventory;

/** Magento takes no negative stock: below-zero availability becomes 0 unless allow-negative is set. */
public final class NegativeQuantityClamp {

    private final boolean allowNegative;

    public NegativeQuantityClamp(boolean allowNegative) {
        this.allowNegative = allowNegative;
    }

    public long apply(long qty) {
        return allowNegative || qty >= 0 ? qty : 0;
    }
}
