package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import com.magentobridge.flow.LineResult;

class PackedLineResultsTest {

    @Test
    void entriesSurviveARoundTripWithUndecidedLinesAndAwkwardText() {
        List<PackedLineResults.Entry> entries = new ArrayList<>();
        PackedLineResults.put(entries, 1, PackedLineResults.entry(LineOutcome.success(42), null));
        PackedLineResults.put(entries, 3, PackedLineResults.entry(
                LineOutcome.failed("Magento said \"no\" \\ <b>héllo</b>\n"), new Adjustment(2, 0)));
        PackedLineResults.put(entries, 4, PackedLineResults.entry(LineOutcome.superseded("older"), null).withTime(1234L));

        String packed = PackedLineResults.encode(entries);

        assertThat(PackedLineResults.decode(packed)).containsExactly(
                new PackedLineResults.Entry(LineResult.Success, 42L, null, null, null, null),
                null,
                new PackedLineResults.Entry(LineResult.Failed, null, "Magento said \"no\" \\ <b>héllo</b>\n", 2L, 0L, null),
                new PackedLineResults.Entry(LineResult.Superseded, null, "older", null, null, 1234L));
    }

    @Test
    void aSuccessIsStoredAsItsQuantityOnly() {
        String packed = PackedLineResults.encode(List.of(PackedLineResults.entry(LineOutcome.success(7), null)));

        assertThat(packed).isEqualTo("[[\"Success\",7]]");
    }

    @Test
    void countsHaveEveryResultAndSkipUndecidedLines() {
        List<PackedLineResults.Entry> entries = Arrays.asList(
                PackedLineResults.entry(LineOutcome.success(1), null), null,
                PackedLineResults.entry(LineOutcome.failed("x"), null),
                PackedLineResults.entry(LineOutcome.success(2), null));

        assertThat(PackedLineResults.counts(entries)).isEqualTo(Map.of(LineResult.Success, 2, LineResult.Duplicate, 0,
                LineResult.Superseded, 0, LineResult.Failed, 1));
    }

    @Test
    void anUnreadableValueSaysWhatItIs() {
        assertThatThrownBy(() -> PackedLineResults.decode("[[\"Bogus\",1]]"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line results are not readable");
        assertThatThrownBy(() -> PackedLineResults.decode("{\"a\":1}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("line results are not readable");
    }

    @Test
    void aLongMessageIsCutToTheStoredWidth() {
        PackedLineResults.Entry entry = PackedLineResults.entry(LineOutcome.failed("x".repeat(5000)), null);

        assertThat(entry.message()).hasSizeLessThanOrEqualTo(1000);
    }
}
