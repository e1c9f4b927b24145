package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SourceItemChunkerTest {

    private static List<Integer> numbers(int count) {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }

    @ParameterizedTest(name = "{0} items of {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "45 | 20 | 20,20,5",
            "40 | 20 | 20,20",
            "1  | 20 | 1",
            "3  | 1  | 1,1,1",
            "7  | 3  | 3,3,1"})
    void cutsItemsIntoChunksOfAtMostTheChunkSizeInOrder(int count, int chunkSize, String expectedSizes) {
        List<Integer> items = numbers(count);

        List<List<Integer>> chunks = new SourceItemChunker(chunkSize).chunks(items);

        assertThat(chunks).extracting(List::size).containsExactly(
                Arrays.stream(expectedSizes.split(",")).map(Integer::valueOf).toArray(Integer[]::new));
        assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(items);
    }

    @Test
    void cutsNothingIntoNoChunks() {
        assertThat(new SourceItemChunker(20).chunks(List.of())).isEmpty();
    }

    @Test
    void chunksAreIndependentOfTheInputList() {
        List<Integer> items = new ArrayList<>(numbers(5));
        List<List<Integer>> chunks = new SourceItemChunker(2).chunks(items);

        items.set(0, 99);

        assertThat(chunks.get(0)).containsExactly(1, 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void refusesAChunkSizeBelowOne(int chunkSize) {
        assertThatThrownBy(() -> new SourceItemChunker(chunkSize))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk size must be at least 1");
    }

    @Test
    void halvesAnEvenChunkIntoTwoEqualHalves() {
        assertThat(SourceItemChunker.halves(numbers(6))).containsExactly(List.of(1, 2, 3), List.of(4, 5, 6));
    }

    @Test
    void halvesAnOddChunkWithTheLargerHalfSecond() {
        assertThat(SourceItemChunker.halves(numbers(5))).containsExactly(List.of(1, 2), List.of(3, 4, 5));
    }

    @Test
    void halvesTwoItemsIntoOneEach() {
        assertThat(SourceItemChunker.halves(numbers(2))).containsExactly(List.of(1), List.of(2));
    }

    @Test
    void halvingIsolatesOneItemInLog2Steps() {
        List<Integer> chunk = numbers(20);
        int steps = 0;
        while (chunk.size() > 1) {
            List<List<Integer>> halves = SourceItemChunker.halves(chunk);
            assertThat(halves.get(0).size() + halves.get(1).size()).isEqualTo(chunk.size());
            assertThat(halves).allSatisfy(half -> assertThat(half).isNotEmpty());
            chunk = halves.get(0).contains(13) ? halves.get(0) : halves.get(1);
            steps++;
        }
        assertThat(chunk).containsExactly(13);
        assertThat(steps).isLessThanOrEqualTo(5);
    }
}
