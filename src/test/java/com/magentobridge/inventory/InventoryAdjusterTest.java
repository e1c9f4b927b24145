package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryAdjusterTest {

    private final Adjustment found = new Adjustment(3, 5);

    @Test
    void levelZeroWritesWhatTheBackOfficeSent() {
        InventoryAdjuster adjuster = new InventoryAdjuster(0);

        Adjustment applied = adjuster.applied(found);
        assertThat(applied).isEqualTo(Adjustment.NONE);
        assertThat(adjuster.adjust(17, applied)).isEqualTo(17);
        assertThat(adjuster.adjust(-3, applied)).isEqualTo(-3);
    }

    @Test
    void levelOneSubtractsTheUnitsOfOrdersNotExportedYet() {
        InventoryAdjuster adjuster = new InventoryAdjuster(1);

        Adjustment applied = adjuster.applied(found);
        assertThat(applied).isEqualTo(new Adjustment(3, 0));
        assertThat(adjuster.adjust(17, applied)).isEqualTo(14);
    }

    @Test
    void levelTwoAlsoSubtractsUnitsInActiveCarts() {
        InventoryAdjuster adjuster = new InventoryAdjuster(2);

        Adjustment applied = adjuster.applied(found);
        assertThat(applied).isEqualTo(new Adjustment(3, 5));
        assertThat(adjuster.adjust(17, applied)).isEqualTo(9);
        assertThat(adjuster.adjust(4, applied)).as("the clamp decides what a negative becomes").isEqualTo(-4);
    }

    @Test
    void aSkuWithNothingToSubtractIsWrittenAsReceived() {
        assertThat(new InventoryAdjuster(2).applied(null)).isEqualTo(Adjustment.NONE);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, -1, 100})
    void refusesLevelsThatDoNotExist(int level) {
        assertThatThrownBy(() -> new InventoryAdjuster(level))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bridge.inventory.adjust-level must be 0, 1 or 2, not " + level);
    }
}
