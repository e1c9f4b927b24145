package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The batch loop every retention step runs: bounded batches until one comes back short. */
class RetentionDrainTest {

    private static RetentionStore.Batch batch(int selected, long lastId, int deleted) {
        return new RetentionStore.Batch(selected, lastId, Map.of("inbound_request", deleted));
    }

    @Test
    void batchesFollowEachOtherUntilOneComesBackShortAndTheirCountsAddUp() {
        Iterator<RetentionStore.Batch> batches = List.of(batch(2, 10, 2), batch(2, 14, 2), batch(1, 15, 1)).iterator();
        List<Long> startedAfter = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>(Map.of("inbound_request", 0L));

        Retention.drain(2, after -> {
            startedAfter.add(after);
            return batches.next();
        }, totals);

        assertThat(startedAfter).as("each batch continues after the last id of the one before").containsExactly(0L, 10L, 14L);
        assertThat(totals).containsEntry("inbound_request", 5L);
    }

    @Test
    void aFullLastBatchIsFollowedByAnEmptyOne() {
        Iterator<RetentionStore.Batch> batches = List.of(batch(2, 7, 2), new RetentionStore.Batch(0, 7, Map.of())).iterator();
        List<Long> startedAfter = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();

        Retention.drain(2, after -> {
            startedAfter.add(after);
            return batches.next();
        }, totals);

        assertThat(startedAfter).containsExactly(0L, 7L);
        assertThat(totals).containsEntry("inbound_request", 2L);
    }

    @Test
    void rowsTakenOnButKeptStillMoveTheNextBatchOn() {
        // a batch may select rows and change fewer (e.g. another node deleted them meanwhile): the walk still moves on
        Iterator<RetentionStore.Batch> batches = List.of(batch(2, 5, 0), batch(0, 5, 0)).iterator();
        Map<String, Long> totals = new LinkedHashMap<>();

        Retention.drain(2, after -> batches.next(), totals);

        assertThat(batches).isExhausted();
        assertThat(totals).containsEntry("inbound_request", 0L);
    }
}
