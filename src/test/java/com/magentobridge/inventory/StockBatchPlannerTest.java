package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import com.magentobridge.flow.LineResult;

class StockBatchPlannerTest {

    private static final List<Long> REQUESTS = List.of(1L, 2L);

    private static StockBatchPlanner planner(boolean allowNegative, int chunkSize) {
        return new StockBatchPlanner(new NegativeQuantityClamp(allowNegative), new InventoryAdjuster(0),
                new SourceItemChunker(chunkSize));
    }

    private final StockBatchPlanner planner = planner(false, 20);

    private static PendingLine line(long lineId, long requestId, String sku, String source, long units, long seq) {
        return new PendingLine(lineId, requestId, sku, source, units, seq);
    }

    private static List<StockWrite> writes(StockBatch batch) {
        return batch.chunks().stream().flatMap(chunk -> chunk.writes().stream()).toList();
    }

    @Test
    void supersedesALineNotNewerThanTheLastAppliedSequenceAndNamesBothSequences() {
        List<PendingLine> lines = List.of(
                line(1, 1, "A", "default", 5, 7),
                line(2, 1, "B", "default", 6, 3),
                line(3, 1, "C", "default", 8, 10));
        Map<SkuSource, Long> lastApplied = Map.of(
                new SkuSource("A", "default"), 7L,
                new SkuSource("B", "default"), 9L,
                new SkuSource("C", "default"), 9L);

        StockBatch batch = planner.plan(REQUESTS, lines, lastApplied);

        assertThat(batch.outcomes()).containsOnlyKeys(1L, 2L);
        assertThat(batch.outcomes().get(1L).result()).isEqualTo(LineResult.Superseded);
        assertThat(batch.outcomes().get(1L).updatedQty()).isNull();
        assertThat(batch.outcomes().get(1L).message()).contains("7").contains("already applied");
        assertThat(batch.outcomes().get(2L).message())
                .isEqualTo("Superseded: sequence 3 is not newer than 9 already applied");
        assertThat(writes(batch)).containsExactly(new StockWrite(3, "C", "default", 8, 10));
    }

    @Test
    void writesOnlyTheNewestOfTwoLinesForTheSameSkuAndSource() {
        List<PendingLine> lines = List.of(
                line(10, 1, "A", "default", 5, 8),
                line(11, 2, "A", "default", 3, 6));

        StockBatch batch = planner.plan(REQUESTS, lines, Map.of());

        assertThat(writes(batch)).containsExactly(new StockWrite(10, "A", "default", 5, 8));
        assertThat(batch.outcomes()).containsOnlyKeys(11L);
        assertThat(batch.outcomes().get(11L)).isEqualTo(
                LineOutcome.superseded("Superseded by sequence 8 for the same SKU in request 1"));
    }

    @Test
    void supersedesALineNotNewerThanWhatAnotherRunsClaimHoldsForItsSkuAndSourceAndKeepsTheNewerOnes() {
        // another node claimed request 400345 (seq 1118 for HO-KLH-3) and may have written it before it died unrecorded
        List<PendingLine> lines = List.of(
                line(1, 7, "HO-KLH-3", "default", 30, 1117),
                line(2, 7, "HO-KLH-3", "eu", 31, 1117),
                line(3, 7, "B", "default", 40, 12),
                line(4, 8, "C", "default", 50, 20),
                line(5, 8, "D", "default", 60, 21));
        Map<SkuSource, ClaimedElsewhere> elsewhere = Map.of(
                new SkuSource("HO-KLH-3", "default"), new ClaimedElsewhere(1118, 400345),
                new SkuSource("B", "default"), new ClaimedElsewhere(11, 400346),
                new SkuSource("C", "default"), new ClaimedElsewhere(20, 400347));

        StockBatch batch = planner.guardInFlight(new StockBatch(REQUESTS, lines, Map.of(), elsewhere, Map.of()));

        assertThat(batch.pending()).extracting(PendingLine::lineId).as("newer than any claim, or another source")
                .containsExactly(2L, 3L, 5L);
        assertThat(batch.outcomes()).containsOnlyKeys(1L, 4L);
        assertThat(batch.outcomes().get(1L)).isEqualTo(LineOutcome.superseded(
                "Superseded by sequence 1118 of request 400345, claimed by another run"));
        assertThat(batch.outcomes().get(4L)).as("an equal sequence is not newer").isEqualTo(LineOutcome.superseded(
                "Superseded by sequence 20 of request 400347, claimed by another run"));
    }

    @Test
    void thePlanRunsTheInFlightGuardBetweenTheSequenceGuardAndTheCoalescing() {
        List<PendingLine> lines = List.of(
                line(1, 1, "A", "default", 5, 7),      // older than applied
                line(2, 1, "A", "default", 6, 9),      // newer than applied, older than the other claim
                line(3, 2, "A", "default", 7, 10),     // older than the other claim
                line(4, 2, "B", "default", 8, 3),
                line(5, 2, "B", "default", 9, 4));     // coalesced: the newest of B
        StockBatch batch = planner.plan(new StockBatch(REQUESTS, lines, Map.of(new SkuSource("A", "default"), 8L),
                Map.of(new SkuSource("A", "default"), new ClaimedElsewhere(11, 99)), Map.of()));

        assertThat(writes(batch)).containsExactly(new StockWrite(5, "B", "default", 9, 4));
        assertThat(batch.outcomes().get(1L).message()).contains("already applied");
        assertThat(batch.outcomes().get(2L).message()).contains("of request 99, claimed by another run");
        assertThat(batch.outcomes().get(3L).message()).contains("of request 99, claimed by another run");
        assertThat(batch.outcomes().get(4L).message()).contains("for the same SKU in request 2");
    }

    @Test
    void theNewestValueClaimedElsewhereIsTheHighestSequenceOfTheStoredLinesPerSkuAndSourceOfTheBatch() {
        Map<Long, String> claimed = new java.util.LinkedHashMap<>();
        claimed.put(400345L, InventoryLines.encode(List.of(
                new InventoryLines.LineRow("HO-KLH-3", "default", 5, 1118, null),
                new InventoryLines.LineRow("OTHER", "default", 5, 99, null))));
        claimed.put(400350L, InventoryLines.encode(List.of(
                new InventoryLines.LineRow("HO-KLH-3", "default", 6, 1116, null),
                new InventoryLines.LineRow("HO-KLH-3", "eu", 6, 1200, "000000042"))));
        claimed.put(400351L, InventoryLines.encode(List.of(
                new InventoryLines.LineRow("HO-KLH-3", "eu", 7, 1200, null))));

        Map<SkuSource, ClaimedElsewhere> highest = ClaimedElsewhere.highest(claimed,
                List.of(new SkuSource("HO-KLH-3", "default"), new SkuSource("HO-KLH-3", "eu"),
                        new SkuSource("NONE", "x")));

        assertThat(highest).containsOnly(
                Map.entry(new SkuSource("HO-KLH-3", "default"), new ClaimedElsewhere(1118, 400345)),
                Map.entry(new SkuSource("HO-KLH-3", "eu"), new ClaimedElsewhere(1200, 400351)));
    }

    @Test
    void replanSupersedesAParkedWriteOlderThanWhatAClaimNotRecordedYetHolds() {
        StockWrite older = new StockWrite(1, "A", "default", 5, 7);
        StockWrite newer = new StockWrite(2, "B", "default", 6, 30);
        StockWriteChunk parked = new StockWriteChunk(List.of(older, newer));

        StockWriteChunk replanned = planner.replan(parked, Map.of(), Map.of(
                new SkuSource("A", "default"), new ClaimedElsewhere(8, 77),
                new SkuSource("B", "default"), new ClaimedElsewhere(29, 78)));

        assertThat(replanned.pending()).containsExactly(newer);
        assertThat(replanned.outcomes().get(1L)).isEqualTo(
                LineOutcome.superseded("Superseded by sequence 8 of request 77, claimed by another run"));
    }

    @Test
    void writesTheLaterLineWhenTwoLinesCarryTheSameSequence() {
        List<PendingLine> lines = List.of(
                line(21, 2, "A", "default", 4, 5),
                line(20, 1, "A", "default", 9, 5));

        StockBatch batch = planner.plan(REQUESTS, lines, Map.of());

        assertThat(writes(batch)).containsExactly(new StockWrite(21, "A", "default", 4, 5));
        assertThat(batch.outcomes()).containsOnlyKeys(20L);
        assertThat(batch.outcomes().get(20L).result()).isEqualTo(LineResult.Superseded);
    }

    @Test
    void treatsTheSameSkuInDifferentSourcesIndependently() {
        List<PendingLine> lines = List.of(
                line(1, 1, "A", "eu", 5, 8),
                line(2, 1, "A", "us", 3, 2),
                line(3, 1, "A", "eu", 1, 4));
        Map<SkuSource, Long> lastApplied = Map.of(new SkuSource("A", "eu"), 6L, new SkuSource("B", "us"), 100L);

        StockBatch batch = planner.plan(REQUESTS, lines, lastApplied);

        assertThat(writes(batch)).containsExactlyInAnyOrder(
                new StockWrite(1, "A", "eu", 5, 8),
                new StockWrite(2, "A", "us", 3, 2));
        assertThat(batch.outcomes()).containsOnlyKeys(3L);
        assertThat(batch.outcomes().get(3L).message())
                .isEqualTo("Superseded: sequence 4 is not newer than 6 already applied");
    }

    @Test
    void writesNegativeAvailabilityAsZero() {
        StockBatch batch = planner.plan(REQUESTS, List.of(line(1, 1, "A", "default", -4, 1)), Map.of());

        assertThat(writes(batch)).containsExactly(new StockWrite(1, "A", "default", 0, 1));
        assertThat(writes(batch).get(0).inStock()).isFalse();
    }

    @Test
    void writesNegativeAvailabilityAsIsWhenAllowed() {
        StockBatch batch = planner(true, 20).plan(REQUESTS, List.of(line(1, 1, "A", "default", -4, 1)), Map.of());

        assertThat(writes(batch)).containsExactly(new StockWrite(1, "A", "default", -4, 1));
    }

    @Test
    void cutsFortyFiveWritesIntoChunksOfTwentyTwentyAndFive() {
        List<PendingLine> lines = new ArrayList<>();
        for (int i = 1; i <= 45; i++) {
            lines.add(line(i, 1, "SKU-" + i, "default", i, i));
        }

        StockBatch batch = planner.plan(REQUESTS, lines, Map.of());

        assertThat(batch.chunks()).extracting(chunk -> chunk.writes().size()).containsExactly(20, 20, 5);
        assertThat(writes(batch)).extracting(StockWrite::lineId)
                .containsExactlyElementsOf(lines.stream().map(PendingLine::lineId).toList());
        assertThat(batch.chunks()).allSatisfy(chunk -> assertThat(chunk.pending()).isEqualTo(chunk.writes()));
        assertThat(batch.outcomes()).isEmpty();
    }

    @Test
    void keepsTheRequestIdsAndLineCountOfTheBatch() {
        StockBatch batch = planner.plan(List.of(4L, 5L), List.of(
                line(1, 4, "A", "default", 1, 1),
                line(2, 5, "A", "default", 2, 2)), Map.of());

        assertThat(batch.requestIds()).containsExactly(4L, 5L);
        assertThat(batch.lineCount()).isEqualTo(2);
        assertThat(batch.hasWork()).isTrue();
    }

    @Test
    void plansAnEmptyBatchWithoutChunks() {
        StockBatch batch = planner.plan(List.of(3L), List.of(), Map.of());

        assertThat(batch.chunks()).isEmpty();
        assertThat(batch.outcomes()).isEmpty();
        assertThat(batch.lineCount()).isZero();
    }

    @Test
    void replanSupersedesWritesThatAreNoLongerNewerAndLeavesTheOthersPending() {
        StockWrite equal = new StockWrite(1, "A", "default", 5, 7);
        StockWrite older = new StockWrite(2, "B", "default", 6, 3);
        StockWrite newer = new StockWrite(3, "C", "default", 8, 10);
        StockWrite unseen = new StockWrite(4, "D", "default", 9, 1);
        StockWriteChunk deadLettered = new StockWriteChunk(List.of(equal, older, newer, unseen));
        deadLettered.deadLettered(42, "after 6 attempts: timeout");
        Map<SkuSource, Long> lastApplied = Map.of(
                new SkuSource("A", "default"), 7L,
                new SkuSource("B", "default"), 4L,
                new SkuSource("C", "default"), 9L,
                new SkuSource("D", "eu"), 50L);

        StockWriteChunk replanned = planner.replan(deadLettered, lastApplied);

        assertThat(replanned).isNotSameAs(deadLettered);
        assertThat(replanned.writes()).containsExactly(equal, older, newer, unseen);
        assertThat(replanned.pending()).containsExactly(newer, unseen);
        assertThat(replanned.outcomes()).containsOnlyKeys(1L, 2L);
        assertThat(replanned.outcomes().get(1L)).isEqualTo(
                LineOutcome.superseded("Superseded: sequence 7 is not newer than 7 already applied"));
        assertThat(replanned.outcomes().get(2L)).isEqualTo(
                LineOutcome.superseded("Superseded: sequence 3 is not newer than 4 already applied"));
        assertThat(deadLettered.outcomes().values()).allSatisfy(o -> assertThat(o.result()).isEqualTo(LineResult.Failed));
    }

    @Test
    void replanOfAChunkWithNothingAppliedSinceLeavesEveryWritePending() {
        StockWriteChunk chunk = new StockWriteChunk(List.of(
                new StockWrite(1, "A", "default", 5, 7), new StockWrite(2, "B", "default", 6, 3)));

        StockWriteChunk replanned = planner.replan(chunk, Map.of());

        assertThat(replanned.pending()).isEqualTo(chunk.writes());
        assertThat(replanned.outcomes()).isEmpty();
    }

    /** Every line ends decided or in exactly one chunk; no line lost, none written twice. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2024, 987654321})
    void everyLineOfARandomBatchIsDecidedOrWrittenExactlyOnce(long seed) {
        Random random = new Random(seed);
        String[] sources = {"default", "eu", "us"};
        List<PendingLine> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            long lineId = 1000 + i * 3L + random.nextInt(3);
            lines.add(line(lineId, 1 + i / 50, "SKU-" + random.nextInt(30), sources[random.nextInt(sources.length)],
                    random.nextInt(41) - 10, random.nextInt(60)));
        }
        Map<SkuSource, Long> lastApplied = new HashMap<>();
        for (int sku = 0; sku < 30; sku++) {
            for (String source : sources) {
                if (random.nextBoolean()) {
                    lastApplied.put(new SkuSource("SKU-" + sku, source), (long) random.nextInt(60));
                }
            }
        }

        StockBatch batch = planner.plan(List.of(1L), lines, lastApplied);

        Map<Long, LineOutcome> decided = batch.outcomes();
        List<StockWrite> written = writes(batch);
        Set<Long> writtenIds = written.stream().map(StockWrite::lineId).collect(Collectors.toSet());
        assertThat(written).extracting(StockWrite::lineId).doesNotHaveDuplicates();
        assertThat(writtenIds).doesNotContainAnyElementsOf(decided.keySet());
        Set<Long> all = new HashSet<>(decided.keySet());
        all.addAll(writtenIds);
        assertThat(all).containsExactlyInAnyOrderElementsOf(lines.stream().map(PendingLine::lineId).toList());
        assertThat(decided.size() + written.size()).isEqualTo(500);
        assertThat(batch.lineCount()).isEqualTo(500);
        assertThat(decided.values()).allSatisfy(outcome -> assertThat(outcome.result()).isEqualTo(LineResult.Superseded));

        // One write per SKU and source: the newest line (highest seq, then highest line id) newer than what was applied.
        Map<SkuSource, PendingLine> expectedWinners = lines.stream()
                .filter(l -> !lastApplied.containsKey(l.key()) || l.seq() > lastApplied.get(l.key()))
                .collect(Collectors.toMap(PendingLine::key, Function.identity(),
                        (a, b) -> Comparator.comparingLong(PendingLine::seq).thenComparingLong(PendingLine::lineId)
                                .compare(a, b) >= 0 ? a : b));
        assertThat(written).extracting(StockWrite::key).doesNotHaveDuplicates();
        assertThat(written).containsExactlyInAnyOrderElementsOf(expectedWinners.values().stream()
                .map(l -> new StockWrite(l.lineId(), l.sku(), l.source(), Math.max(0, l.unitsReceived()), l.seq()))
                .toList());

        // Chunks of 20 except the last.
        List<Integer> sizes = batch.chunks().stream().map(chunk -> chunk.writes().size()).toList();
        assertThat(sizes).isNotEmpty();
        assertThat(sizes.subList(0, sizes.size() - 1)).allSatisfy(size -> assertThat(size).isEqualTo(20));
        assertThat(sizes.get(sizes.size() - 1)).isBetween(1, 20);
    }
}
