package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InventoryAdjusterTest {

    @Test
    void levelZeroWritesWhatTheBackOfficeSent() {
        InventoryAdjuster adjuster = new InventoryAdjuster(0);

        assertThat(adjuster.adjust("A", 17)).isEqualTo(17);
        assertThat(adjuster.adjust("A", 0)).isZero();
        assertThat(adjuster.adjust("A", -3)).isEqualTo(-3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void refusesLevelsThatNeedTheOrderLedger(int level) {
        assertThatThrownBy(() -> new InventoryAdjuster(level))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bridge.inventory.adjust-level " + level)
                .hasMessageContaining("order ledger")
                .hasMessageEndingWith("use 0");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, -1, 100})
    void refusesLevelsThatDoNotExist(int level) {
        assertThatThrownBy(() -> new InventoryAdjuster(level))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bridge.inventory.adjust-level must be 0, 1 or 2, not " + level);
    }
}
