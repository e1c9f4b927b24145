package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class StockCoalescerTest {

    private final StockCoalescer coalescer = new StockCoalescer();

    private static PendingLine line(long lineId, long requestId, String sku, String source, long seq) {
        return new PendingLine(lineId, requestId, sku, source, 1, seq);
    }

    @Test
    void keepsTheHighestSequencePerSkuAndSourceWhateverTheArrivalOrder() {
        PendingLine newest = line(1, 1, "A", "default", 9);
        PendingLine middle = line(2, 2, "A", "default", 5);
        PendingLine oldest = line(3, 3, "A", "default", 1);

        StockCoalescer.Result result = coalescer.coalesce(List.of(middle, newest, oldest));

        assertThat(result.winners()).containsExactly(newest);
        assertThat(result.superseded()).containsOnlyKeys(2L, 3L);
        assertThat(result.superseded().get(3L)).isEqualTo(
                LineOutcome.superseded("Superseded by sequence 9 for the same SKU in request 1"));
    }

    @Test
    void keepsTheHigherLineIdForEqualSequences() {
        PendingLine first = line(5, 1, "A", "default", 4);
        PendingLine resent = line(6, 2, "A", "default", 4);

        assertThat(coalescer.coalesce(List.of(first, resent)).winners()).containsExactly(resent);
        assertThat(coalescer.coalesce(List.of(resent, first)).winners()).containsExactly(resent);
    }

    @Test
    void keepsOneWinnerPerSource() {
        PendingLine eu = line(1, 1, "A", "eu", 1);
        PendingLine us = line(2, 1, "A", "us", 1);
        PendingLine other = line(3, 1, "B", "eu", 1);

        StockCoalescer.Result result = coalescer.coalesce(List.of(eu, us, other));

        assertThat(result.winners()).containsExactly(eu, us, other);
        assertThat(result.superseded()).isEmpty();
    }

    @Test
    void coalescesNothingToNothing() {
        StockCoalescer.Result result = coalescer.coalesce(List.of());

        assertThat(result.winners()).isEmpty();
        assertThat(result.superseded()).isEmpty();
    }
}
