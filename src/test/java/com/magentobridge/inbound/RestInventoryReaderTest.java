package com.magentobridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RestInventoryReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestInventoryReader reader = new RestInventoryReader(new InventoryMessageAssembler());

    private InventoryMessage read(String json) {
        return reader.read(tree(json));
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void readsCamelCaseKeys() {
        InventoryMessage message = read("""
                {"productQtys": [{"sku": "hdd000", "qty": "10.0000", "source": "warehouse_uk"},
                                 {"sku": "ssd-512", "qty": "0"}],
                 "productSeqs": [{"sku": "hdd000", "seq": "10", "lastOrderExported": "2017-03-23 03:37:32"},
                                 {"sku": "ssd-512", "seq": "11"}],
                 "messageSeqId": 71}""");

        assertThat(message.operation()).isEqualTo(RestInventoryReader.OPERATION).isEqualTo("POST /V1/orderflow/inventory");
        assertThat(message.messageSeqId()).isEqualTo(71);
        assertThat(message.lines()).containsExactly(
                new InventoryLineInput("hdd000", "warehouse_uk", 10, 10, "2017-03-23 03:37:32"),
                new InventoryLineInput("ssd-512", null, 0, 11, null));
    }

    @Test
    void readsSnakeCaseKeysLikeMagentosInputProcessor() {
        InventoryMessage message = read("""
                {"product_qtys": [{"sku": "hdd000", "qty": 4, "source": "default"}],
                 "product_seqs": [{"sku": "hdd000", "seq": 12, "last_order_exported": "2024-02-01 12:00:00"}],
                 "message_seq_id": "33"}""");

        assertThat(message.messageSeqId()).isEqualTo(33);
        assertThat(message.lines()).containsExactly(
                new InventoryLineInput("hdd000", "default", 4, 12, "2024-02-01 12:00:00"));
    }

    @Test
    void readsMixedCamelAndSnakeCaseKeys() {
        InventoryMessage message = read("""
                {"productQtys": [{"sku": "A", "qty": 1}],
                 "product_seqs": [{"sku": "A", "seq": 2, "lastOrderExported": "t1"}],
                 "message_seq_id": 3}""");

        assertThat(message.messageSeqId()).isEqualTo(3);
        assertThat(message.lines()).containsExactly(new InventoryLineInput("A", null, 1, 2, "t1"));
    }

    @ParameterizedTest(name = "qty {0}")
    @ValueSource(strings = {"7", "\"7\"", "7.0", "\"7.0000\"", "\" 7 \""})
    void acceptsNumbersAndNumericStringsForQuantities(String qtyJson) {
        InventoryMessage message = read("""
                {"productQtys": [{"sku": "A", "qty": %s}],
                 "productSeqs": [{"sku": "A", "seq": 1}],
                 "messageSeqId": 1}""".formatted(qtyJson));

        assertThat(message.lines()).singleElement().extracting(InventoryLineInput::qty).isEqualTo(7L);
    }

    @ParameterizedTest(name = "seq {0}")
    @ValueSource(strings = {"9007199254740993", "\"9007199254740993\""})
    void keepsLargeSequencesExact(String seqJson) {
        InventoryMessage message = read("""
                {"productQtys": [{"sku": "A", "qty": 1}],
                 "productSeqs": [{"sku": "A", "seq": %s}],
                 "messageSeqId": "9007199254740993"}""".formatted(seqJson));

        assertThat(message.messageSeqId()).isEqualTo(9_007_199_254_740_993L);
        assertThat(message.lines()).singleElement().extracting(InventoryLineInput::seq).isEqualTo(9_007_199_254_740_993L);
    }

    @Test
    void treatsNullSourceAndLastOrderExportedAsAbsent() {
        InventoryMessage message = read("""
                {"productQtys": [{"sku": "A", "qty": 1, "source": null}],
                 "productSeqs": [{"sku": "A", "seq": 2, "lastOrderExported": null}],
                 "messageSeqId": 1}""");

        assertThat(message.lines()).containsExactly(new InventoryLineInput("A", null, 1, 2, null));
    }

    @Test
    void acceptsAMessageWithoutListsOrWithNullLists() {
        assertThat(read("{\"messageSeqId\": 5}").lines()).isEmpty();
        assertThat(read("{\"productQtys\": null, \"productSeqs\": null, \"messageSeqId\": 5}").lines()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"productQtys\": {\"sku\": \"A\", \"qty\": 1}, \"messageSeqId\": 1}       | productQtys must be a list",
            "{\"product_qtys\": \"A=1\", \"messageSeqId\": 1}                           | productQtys must be a list",
            "{\"productSeqs\": 5, \"messageSeqId\": 1}                                  | productSeqs must be a list",
            "{\"productQtys\": [1, 2], \"messageSeqId\": 1}                             | Every item of productQtys must be an object",
            "{\"productSeqs\": [[\"A\", 1]], \"messageSeqId\": 1}                       | Every item of productSeqs must be an object"})
    void rejectsListsThatAreNotListsOfObjects(String json, String expectedMessage) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void rejectsANestedObjectWhereAQuantityIsExpected() {
        assertThatThrownBy(() -> read("""
                {"productQtys": [{"sku": "A", "qty": {"value": 1}}],
                 "productSeqs": [{"sku": "A", "seq": 1}],
                 "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageStartingWith("Expected a value, found object")
                .hasMessageContaining("{\"value\":1}");
    }

    @Test
    void rejectsAnArrayWhereASkuIsExpected() {
        assertThatThrownBy(() -> read("""
                {"productQtys": [{"sku": ["A", "B"], "qty": 1}],
                 "productSeqs": [{"sku": "A", "seq": 1}],
                 "messageSeqId": 1}"""))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage("Expected a value, found array [\"A\",\"B\"]");
    }

    @Test
    void rejectsAnObjectAsMessageSeqId() {
        assertThatThrownBy(() -> read("{\"messageSeqId\": {\"id\": 1}}"))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessageStartingWith("Expected a value, found object");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"productQtys\": [{\"sku\": \"A\", \"qty\": 1}], \"productSeqs\": [{\"sku\": \"A\", \"seq\": 1}]}                    | messageSeqId is missing",
            "{\"productQtys\": [{\"sku\": \"A\", \"qty\": 1.5}], \"productSeqs\": [{\"sku\": \"A\", \"seq\": 1}], \"messageSeqId\": 1}  | qty '1.5' for SKU A is not an integer",
            "{\"productQtys\": [{\"sku\": \"A\", \"qty\": \"ten\"}], \"productSeqs\": [{\"sku\": \"A\", \"seq\": 1}], \"messageSeqId\": 1} | qty 'ten' for SKU A is not an integer",
            "{\"productQtys\": [{\"sku\": \"A\", \"qty\": true}], \"productSeqs\": [{\"sku\": \"A\", \"seq\": 1}], \"messageSeqId\": 1}  | qty 'true' for SKU A is not an integer",
            "{\"productQtys\": [{\"sku\": \"A\", \"qty\": 1}], \"productSeqs\": [{\"sku\": \"A\", \"seq\": \"x\"}], \"messageSeqId\": 1} | seq 'x' for SKU A is not an integer",
            "{\"productQtys\": [{\"sku\": \"A\", \"qty\": 1}], \"productSeqs\": [], \"messageSeqId\": 1}                          | SKU A has a quantity but no sequence item: every SKU needs one",
            "{\"productQtys\": [{\"sku\": \"\", \"qty\": 1}], \"productSeqs\": [{\"sku\": \"A\", \"seq\": 1}], \"messageSeqId\": 1}     | A quantity item has no sku",
            "{\"productQtys\": [{\"qty\": 1}], \"productSeqs\": [{\"sku\": \"A\", \"seq\": 1}], \"messageSeqId\": 1}                 | A quantity item has no sku"})
    void rejectsInvalidValuesWithTheSameMessagesAsSoap(String json, String expectedMessage) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(InboundRejectedException.class)
                .hasMessage(expectedMessage);
    }
}
