package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The legacy stock-item API (Magento without MSI): item id looked up once, then PUT per SKU. */
@TestPropertySource(properties = {
        "bridge.magento.inventory-api=legacy",
        // a second Spring context in this JVM needs its own Camel servlet name
        "camel.servlet.mapping.servlet-name=CamelServletLegacy"
})
class LegacyInventoryIT extends AbstractBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void quantitiesAreWrittenThroughStockItemsWithTheItemIdLookedUpOnce() {
        String sku = "IT-LEGACY-" + nextMessageId();
        int itemId = MAGENTO.addProduct(sku);
        long first = nextMessageId();
        long second = nextMessageId();

        bridge().soap("/soap/default", BridgeClient.m2Envelope(first, BridgeClient.line(sku, 30, 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(first, sku)).isEqualTo("Success"));
        bridge().soap("/soap/default", BridgeClient.m2Envelope(second, BridgeClient.line(sku, 0, 2)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(second, sku)).isEqualTo("Success"));

        assertThat(MAGENTO.legacyQty(sku)).isEqualByComparingTo("0");
        assertThat(MAGENTO.legacyInStock(sku)).isFalse();
        var calls = MAGENTO.calls(sku);
        assertThat(calls.stream().filter(c -> c.method().equals("GET"))).hasSize(1);
        assertThat(calls.stream().filter(c -> c.method().equals("PUT")))
                .hasSize(2)
                .allSatisfy(put -> {
                    assertThat(put.decodedPath()).endsWith("/V1/products/" + sku + "/stockItems/" + itemId);
                    assertThat(put.body()).startsWith("{\"stockItem\":{\"qty\":");
                });
    }

    @Test
    void unknownSkuFailsWithMagentosReasonAndOthersAreApplied() {
        String known = "IT-LEGACY-K-" + nextMessageId();
        MAGENTO.addProduct(known);
        String unknown = "IT-LEGACY-U-" + nextMessageId();
        Map<String, long[]> lines = new LinkedHashMap<>();
        lines.put(unknown, new long[] {1, 1});
        lines.put(known, new long[] {9, 1});
        long msg = nextMessageId();

        bridge().soap("/soap/default", BridgeClient.m2Envelope(msg, lines));

        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(msg, known)).isEqualTo("Success"));
        assertThat(lineResult(msg, unknown)).isEqualTo("Failed");
        assertThat(lineMessage(msg, unknown)).contains(unknown);
        assertThat(MAGENTO.legacyQty(known)).isEqualByComparingTo("9");
    }

    @Test
    void skuWithCharactersNeedingEncodingReachesTheRightProduct() {
        String sku = "IT LEGACY/" + nextMessageId();
        MAGENTO.addProduct(sku);
        long msg = nextMessageId();

        bridge().soap("/soap/default", BridgeClient.m2Envelope(msg, BridgeClient.line(sku, 3, 1)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(msg, sku)).isEqualTo("Success"));
        assertThat(MAGENTO.legacyQty(sku)).isEqualByComparingTo("3");
    }
}
