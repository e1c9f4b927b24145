package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class InventoryLinesTest {

    @Test
    void linesSurviveARoundTripWithAwkwardSkusAndTheOptionalExportTime() {
        List<InventoryLines.LineRow> rows = List.of(
                new InventoryLines.LineRow("A\"quoted\\sku", "default", -3, 1, null),
                new InventoryLines.LineRow("ünï-çødé <b>", "eu_wh", 12, 9_000_000_000L, "2026-11-24 10:00:00"));

        assertThat(InventoryLines.decode(InventoryLines.encode(rows))).isEqualTo(rows);
    }

    @Test
    void theStoredShapeIsCompactAndUnchanged() {
        String stored = InventoryLines.encode(List.of(new InventoryLines.LineRow("SKU-1", "default", 5, 7, null),
                new InventoryLines.LineRow("SKU-2", "eu", 6, 8, "2026-01-01 00:00:00")));

        // requests received by earlier versions are stored like this and must still be read
        assertThat(stored).isEqualTo("[[\"SKU-1\",\"default\",5,7],[\"SKU-2\",\"eu\",6,8,\"2026-01-01 00:00:00\"]]");
    }

    @Test
    void pendingLinesGetIdsFromTheirRequestAndLineNumber() {
        List<PendingLine> lines = InventoryLines.pending(42, "[[\"A\",\"default\",5,7],[\"B\",\"eu\",6,8]]");

        assertThat(lines).containsExactly(new PendingLine(4_200_001, 42, "A", "default", 5, 7),
                new PendingLine(4_200_002, 42, "B", "eu", 6, 8));
        assertThat(InventoryLines.requestId(4_200_002)).isEqualTo(42);
        assertThat(InventoryLines.lineNo(4_200_002)).isEqualTo(2);
    }

    @Test
    void anUnreadableValueSaysWhatItIs() {
        assertThatThrownBy(() -> InventoryLines.decode("{\"sku\":\"A\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inventory lines are not readable");
        assertThatThrownBy(() -> InventoryLines.decode("[[null,\"default\",1,1]]"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inventory lines are not readable");
        assertThatThrownBy(() -> InventoryLines.decode("[null]"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inventory lines are not readable");
        assertThatThrownBy(() -> InventoryLines.decode("[[\"A\",\"default\",\"five\",1]]"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inventory lines are not readable");
    }
}
