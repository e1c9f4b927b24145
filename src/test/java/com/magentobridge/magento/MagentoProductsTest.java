package com.magentobridge.magento;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The items of a product search whatever {@code fields=} made of the list (DESIGN: Magento facts, products). */
class MagentoProductsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void itemsAreReadFromAListAnObjectKeyedByPositionOrNull() throws Exception {
        assertThat(MagentoProducts.items(json.readTree("{\"items\": [{\"sku\": \"A\"}, {\"sku\": \"B\"}]}")))
                .extracting(item -> item.get("sku").asText()).containsExactly("A", "B");
        assertThat(MagentoProducts.items(json.readTree("{\"items\": {\"0\": {\"sku\": \"A\"}, \"2\": {\"sku\": \"C\"}}}")))
                .extracting(item -> item.get("sku").asText()).containsExactly("A", "C");
        assertThat(MagentoProducts.items(json.readTree("{\"items\": null, \"total_count\": 0}"))).isEmpty();
        assertThat(MagentoProducts.items(json.readTree("{\"total_count\": 0}"))).isEmpty();
    }
}
