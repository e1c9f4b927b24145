package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import com.magentobridge.flow.LineResult;

class StockWriteChunkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StockWrite a = new StockWrite(1, "A", "default", 5, 10);
    private final StockWrite b = new StockWrite(2, "B", "eu", 0, 11);
    private final StockWrite c = new StockWrite(3, "C", "default", 7, 12);

    @Test
    void pendingShrinksAsOutcomesAreRecorded() {
        StockWriteChunk chunk = new StockWriteChunk(List.of(a, b, c));
        assertThat(chunk.pending()).containsExactly(a, b, c);

        chunk.record(b, LineOutcome.success(0));
        assertThat(chunk.pending()).containsExactly(a, c);

        chunk.record(a, LineOutcome.failed("Magento rejected the quantity"));
        chunk.record(c, LineOutcome.success(7));
        assertThat(chunk.pending()).isEmpty();
        assertThat(chunk.writes()).containsExactly(a, b, c);
        assertThat(chunk.outcomes()).containsOnlyKeys(1L, 2L, 3L);
    }

    @Test
    void deadLetteringFailsOnlyThePendingWritesNamingTheDeadLetter() {
        StockWriteChunk chunk = new StockWriteChunk(List.of(a, b, c));
        chunk.record(a, LineOutcome.success(5));

        chunk.deadLettered(42, "after 6 attempts: Read timed out");

        assertThat(chunk.deadLetterId()).isEqualTo(42L);
        assertThat(chunk.pending()).isEmpty();
        assertThat(chunk.outcomes().get(1L)).isEqualTo(LineOutcome.success(5));
        assertThat(chunk.outcomes().get(2L)).isEqualTo(
                LineOutcome.failed("Dead-lettered as #42: after 6 attempts: Read timed out"));
        assertThat(chunk.outcomes().get(3L).result()).isEqualTo(LineResult.Failed);
        assertThat(chunk.outcomes().get(3L).message()).contains("#42");
    }

    @Test
    void isReplayedThroughTheInventoryReplayRoute() {
        assertThat(new StockWriteChunk(List.of(a)).replayUri()).isEqualTo("direct:inventory-replay");
    }

    @Test
    void deadLetterCopyKeepsOnlyTheWritesStillWithoutAResult() throws Exception {
        StockWriteChunk chunk = new StockWriteChunk(List.of(a, b, c));
        chunk.record(a, LineOutcome.success(5));

        String json = JSON.writeValueAsString(chunk);
        chunk.deadLettered(42, "timeout");
        StockWriteChunk copy = JSON.readValue(json, StockWriteChunk.class);

        assertThat(copy.writes()).as("a succeeded before the chunk was parked: not replayed").containsExactly(b, c);
        assertThat(copy.outcomes()).isEmpty();
        assertThat(copy.pending()).containsExactly(b, c);
        assertThat(copy.deadLetterId()).isNull();
        JsonNode tree = JSON.readTree(json);
        assertThat(tree.fieldNames()).toIterable().containsExactly("writes");
        assertThat(tree.get("writes")).hasSize(2);
    }

    @Test
    void keepsItsOwnCopyOfTheWrites() {
        ArrayList<StockWrite> writes = new ArrayList<>(List.of(a, b));
        StockWriteChunk chunk = new StockWriteChunk(writes);

        writes.add(c);

        assertThat(chunk.writes()).containsExactly(a, b);
    }
}
