package com.magentobridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InventoryMessageAssemblerTest {

    private final InventoryMessageAssembler assembler = new InventoryMessageAssembler();

    private static RawInventoryItems raw(String messageSeqId) {
        RawInventoryItems raw = new RawInventoryItems("op");
        raw.messageSeqId(messageSeqId);
        return raw;
    }

    @Test
    void pairsEachQuantityWithTheSequenceItemOfTheSameSkuWhateverTheOrder() {
        RawInventoryItems raw = raw("1");
        raw.addQuantity("A", "1", null);
        raw.addQuantity("B", "2", "eu");
        raw.addSequence("B", "20", "2024-01-01");
        raw.addSequence("A", "10", null);

        InventoryMessage message = assembler.assemble(raw);

        assertThat(message.operation()).isEqualTo("op");
        assertThat(message.lines()).containsExactly(
                new InventoryLineInput("A", null, 1, 10, null),
                new InventoryLineInput("B", "eu", 2, 20, "2024-01-01"));
    }

    @Test
    void givesOneSkusSequenceToEveryOneOfItsSources() {
        RawInventoryItems raw = raw("1");
        raw.addQuantity("A", "1", "eu");
        raw.addQuantity("A", "2", "us");
        raw.addSequence("A", "10", null);

        assertThat(assembler.assemble(raw).lines()).containsExactly(
                new InventoryLineInput("A", "eu", 1, 10, null),
                new InventoryLineInput("A", "us", 2, 10, null));
    }

    @Test
    void ignoresSequenceItemsWithoutAQuantity() {
        RawInventoryItems raw = raw("1");
        raw.addQuantity("A", "1", null);
        raw.addSequence("A", "10", null);
        raw.addSequence("ORPHAN", "11", null);

        assertThat(assembler.assemble(raw).lines()).extracting(InventoryLineInput::sku).containsExactly("A");
    }

    @Test
    void acceptsSkuAndSourceAtTheirMaximumLengths() {
        String sku = "S".repeat(InventoryMessageAssembler.MAX_SKU_LENGTH);
        String source = "s".repeat(InventoryMessageAssembler.MAX_SOURCE_LENGTH);
        RawInventoryItems raw = raw("1");
        raw.addQuantity(sku, "1", source);
        raw.addSequence(sku, "1", null);

        assertThat(assembler.assemble(raw).lines()).containsExactly(new InventoryLineInput(sku, source, 1, 1, null));
    }

    @Test
    void rejectsASourceLongerThan64Characters() {
        RawInventoryItems raw = raw("1");
        raw.addQuantity("A", "1", "s".repeat(65));
        raw.addSequence("A", "1", null);

        assertThatThrownBy(() -> assembler.assemble(raw))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("source for SKU A is longer than 64 characters");
    }

    @Test
    void abbreviatesLongOffendingValuesInRejections() {
        RawInventoryItems raw = raw("1");
        raw.addQuantity("A", "x".repeat(1000), null);
        raw.addSequence("A", "1", null);

        assertThatThrownBy(() -> assembler.assemble(raw))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("qty '" + "x".repeat(40) + "…' for SKU A is not an integer");
    }

    @Test
    void rejectsAQuantityBeyondTheRangeOfALong() {
        RawInventoryItems raw = raw("1");
        raw.addQuantity("A", "99999999999999999999", null);
        raw.addSequence("A", "1", null);

        assertThatThrownBy(() -> assembler.assemble(raw))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("qty '99999999999999999999' for SKU A is not an integer");
    }
}
