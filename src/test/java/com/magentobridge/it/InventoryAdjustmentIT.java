package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Inventory adjustment over real HTTP: orders imported from Magento but not exported yet (level 1) and units in
 * active carts (level 2) are subtracted from what the back office sends; the audit line shows each part.
 */
class InventoryAdjustmentIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    abstract static class Scenario extends AbstractBridgeIT {

        /** An order for 3 units (not exported: no back office here), a cart with 2, then stock 10 from the back office. */
        JsonNode sendTenWithAnOpenOrderOfThreeAndACartOfTwo(String name) throws Exception {
            String sku = "ADJ-" + name + "-" + nextMessageId();
            MAGENTO.addProduct(sku);
            MAGENTO.newOrder(String.format("%09d", nextMessageId() % 1_000_000_000L)).item(sku, 3).create();
            MAGENTO.addCart(true, Instant.now(), Map.of(sku, 2));
            MAGENTO.addCart(false, Instant.now(), Map.of(sku, 50));
            assertThat(bridge().opsPost("/ops/orders/import", "").status()).isEqualTo(200);
            long msg = nextMessageId();

            bridge().soap("/soap/default", BridgeClient.m2Envelope(msg, BridgeClient.line(sku, 10, 1)));

            await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(msg, sku)).isEqualTo("Success"));
            JsonNode line = auditLine(msg, sku);
            line = ((com.fasterxml.jackson.databind.node.ObjectNode) line).put("magentoQty",
                    MAGENTO.sourceQuantity(sku, "default").longValue());
            return line;
        }
    }

    @Nested
    @TestPropertySource(properties = {"bridge.inventory.adjust-level=1", "bridge.orders.import.enabled=true",
            "bridge.orders.import.cron=0 0 0 1 1 ? 2099",
            "camel.servlet.mapping.servlet-name=CamelServletAdjust1"})
    class LevelOne extends Scenario {
        @Test
        void subtractsOrdersNotExportedYet() throws Exception {
            JsonNode line = sendTenWithAnOpenOrderOfThreeAndACartOfTwo("L1");

            assertThat(line.get("unitsReceived").asLong()).isEqualTo(10);
            assertThat(line.get("adjustedQueued").asLong()).isEqualTo(3);
            assertThat(line.get("adjustedQuotes").asLong()).isZero();
            assertThat(line.get("updatedQty").asLong()).isEqualTo(7);
            assertThat(line.get("magentoQty").asLong()).isEqualTo(7);
        }
    }

    @Nested
    @TestPropertySource(properties = {"bridge.inventory.adjust-level=2", "bridge.orders.import.enabled=true",
            "bridge.orders.import.cron=0 0 0 1 1 ? 2099",
            "camel.servlet.mapping.servlet-name=CamelServletAdjust2"})
    class LevelTwo extends Scenario {
        @Test
        void alsoSubtractsUnitsInActiveCarts() throws Exception {
            JsonNode line = sendTenWithAnOpenOrderOfThreeAndACartOfTwo("L2");

            assertThat(line.get("adjustedQueued").asLong()).isEqualTo(3);
            assertThat(line.get("adjustedQuotes").asLong()).as("the inactive cart does not count").isEqualTo(2);
            assertThat(line.get("updatedQty").asLong()).isEqualTo(5);
            assertThat(line.get("magentoQty").asLong()).isEqualTo(5);
        }
    }
}
