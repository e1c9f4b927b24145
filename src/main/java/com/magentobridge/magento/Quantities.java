package com.magentobridge.magento;

import java.math.BigDecimal;

/** Quantities as Magento and the back office exchange them: decimals compared by value, written without exponent. */
public final class Quantities {

    private Quantities() {
    }

    /** Trailing zeros dropped, never in exponent form: 1.0000 → 1, 10 → 10, 1.50 → 1.5. */
    public static BigDecimal normalized(BigDecimal qty) {
        BigDecimal stripped = qty.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
