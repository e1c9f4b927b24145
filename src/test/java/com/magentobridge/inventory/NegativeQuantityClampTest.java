package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NegativeQuantityClampTest {

    @Test
    void writesNegativeAvailabilityAsZeroByDefault() {
        NegativeQuantityClamp clamp = new NegativeQuantityClamp(false);

        assertThat(clamp.apply(-1)).isZero();
        assertThat(clamp.apply(Long.MIN_VALUE)).isZero();
        assertThat(clamp.apply(0)).isZero();
        assertThat(clamp.apply(12)).isEqualTo(12);
    }

    @Test
    void keepsNegativeAvailabilityWhenAllowed() {
        NegativeQuantityClamp clamp = new NegativeQuantityClamp(true);

        assertThat(clamp.apply(-5)).isEqualTo(-5);
        assertThat(clamp.apply(12)).isEqualTo(12);
    }
}
