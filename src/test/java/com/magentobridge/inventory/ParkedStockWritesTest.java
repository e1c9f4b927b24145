package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import com.magentobridge.flow.Flow;
import com.magentobridge.flow.LineResult;
import com.magentobridge.storage.DeadLetterStore;

/** What unsettled inventory dead letters hold back: the newest parked value per SKU and source. */
class ParkedStockWritesTest {

    private static final SkuSource A = new SkuSource("A", "default");
    private static final SkuSource B = new SkuSource("B", "default");

    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, String> unsettled = new LinkedHashMap<>();
    private final Set<Long> replaying = new java.util.HashSet<>();
    private final ParkedStockWrites parked = new ParkedStockWrites(new DeadLetterStore(null) {
        @Override
        public Map<Long, String> unsettledBodies(String flow) {
            assertThat(flow).isEqualTo(Flow.INVENTORY.id());
            return unsettled;
        }

        @Override
        public Map<Long, String> replayingBodies(String flow) {
            assertThat(flow).isEqualTo(Flow.INVENTORY.id());
            Map<Long, String> bodies = new LinkedHashMap<>(unsettled);
            bodies.keySet().retainAll(replaying);
            return bodies;
        }
    }, json);

    private static long line(long requestId, int lineNo) {
        return InventoryLines.lineId(requestId, lineNo);
    }

    private void letter(long id, StockWrite... writes) throws Exception {
        unsettled.put(id, json.writeValueAsString(new StockWriteChunk(List.of(writes))));
    }

    @Test
    void theNewestParkedValuePerSkuAndSourceHoldsItsSkuNamingItsLetter() throws Exception {
        letter(4, new StockWrite(line(900, 1), "A", "default", 30, 20),
                new StockWrite(line(900, 2), "C", "default", 1, 99));
        letter(6, new StockWrite(line(901, 1), "A", "default", 12, 25),
                new StockWrite(line(901, 2), "B", "default", 3, 7));

        Map<SkuSource, ClaimedElsewhere> held = parked.highest(List.of(A, B), Set.of());

        assertThat(held).containsOnly(Map.entry(A, new ClaimedElsewhere(25, 901, 6L)),
                Map.entry(B, new ClaimedElsewhere(7, 901, 6L)));
        assertThat(held.get(A).supersedingReason())
                .isEqualTo("Superseded by sequence 25 of request 901, parked as dead letter #6 (it may be in Magento "
                        + "already): replay it");
    }

    @Test
    void aReplayedChunkIsNotHeldBackByItsOwnLetterButByANewerOne() throws Exception {
        letter(4, new StockWrite(line(900, 1), "A", "default", 30, 20));
        letter(6, new StockWrite(line(901, 1), "A", "default", 12, 25));

        assertThat(parked.highest(List.of(A), Set.of(line(901, 1)))).containsOnly(
                Map.entry(A, new ClaimedElsewhere(20, 900, 4L)));
        assertThat(parked.highest(List.of(A), Set.of(line(900, 1)))).containsOnly(
                Map.entry(A, new ClaimedElsewhere(25, 901, 6L)));

        StockBatchPlanner planner = new StockBatchPlanner(new NegativeQuantityClamp(false), new InventoryAdjuster(0),
                new SourceItemChunker(20));
        StockWriteChunk olderReplayed = planner.replan(
                new StockWriteChunk(List.of(new StockWrite(line(900, 1), "A", "default", 30, 20))), Map.of(),
                parked.highest(List.of(A), Set.of(line(900, 1))));
        assertThat(olderReplayed.outcomes().get(line(900, 1)).result()).isEqualTo(LineResult.Superseded);
    }

    @Test
    void aLetterThatCannotBeReadBackHoldsNothing() throws Exception {
        unsettled.put(3L, "{not json");
        letter(5, new StockWrite(line(902, 1), "B", "default", 3, 7));

        assertThat(parked.highest(List.of(A, B), Set.of()))
                .containsOnly(Map.entry(B, new ClaimedElsewhere(7, 902, 5L)));
    }

    @Test
    void aClaimAndAParkedValueMergeToTheNewer() {
        Map<SkuSource, ClaimedElsewhere> merged = ClaimedElsewhere.merge(
                Map.of(A, new ClaimedElsewhere(20, 900, 4L), B, new ClaimedElsewhere(3, 900, 4L)),
                Map.of(A, new ClaimedElsewhere(21, 950)));

        assertThat(merged).containsOnly(Map.entry(A, new ClaimedElsewhere(21, 950)),
                Map.entry(B, new ClaimedElsewhere(3, 900, 4L)));
        assertThat(merged.get(A).supersedingReason()).endsWith("claimed by another run");
    }

    @Test
    void onlyLettersBeingReplayedCountAsWritesInFlight() throws Exception {
        letter(4, new StockWrite(line(900, 1), "A", "default", 30, 20));
        letter(6, new StockWrite(line(901, 1), "A", "default", 12, 25),
                new StockWrite(line(901, 2), "B", "default", 3, 7));
        replaying.add(4L);

        assertThat(parked.replaying(List.of(A, B))).as("letter 6 is OPEN: it holds older values back, nothing newer")
                .containsOnly(Map.entry(A, new ClaimedElsewhere(20, 900, 4L)));
        replaying.clear();
        assertThat(parked.replaying(List.of(A, B))).isEmpty();
    }
}
