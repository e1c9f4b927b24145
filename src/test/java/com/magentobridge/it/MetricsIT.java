package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What ops read at /actuator/prometheus while messages flow: the per-flow counters, the inbox and dead-letter gauges
 * and the latency histograms. The context is shared with other tests, so counters are compared before and after.
 */
class MetricsIT extends AbstractBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INVENTORY = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    private static final String SHIPMENT = "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";
    private static final Map<String, String> OPEN_SHIPMENTS = Map.of("flow", "shipment", "state", "OPEN");
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void resumeInventory() {
        bridge().opsPost("/ops/flows/inventory/resume", "");
    }

    private static String sku(String name) {
        String sku = "METRICS-" + name + "-" + nextMessageId();
        MAGENTO.addProduct(sku);
        return sku;
    }

    private PrometheusScrape scrape() {
        return PrometheusScrape.of(bridge());
    }

    private static Map<String, long[]> lines(Object... skuQtySeq) {
        Map<String, long[]> lines = new LinkedHashMap<>();
        for (int i = 0; i < skuQtySeq.length; i += 3) {
            lines.put((String) skuQtySeq[i], new long[] {(Integer) skuQtySeq[i + 1], (Integer) skuQtySeq[i + 2]});
        }
        return lines;
    }

    @Test
    void inventoryCountersMoveAsLinesAreReceivedAndDecided() {
        String bag = sku("bag");
        String mug = sku("mug");
        long first = nextMessageId();
        long stale = nextMessageId();
        PrometheusScrape before = scrape();

        bridge().soap(INVENTORY, BridgeClient.m2Envelope(first, lines(bag, 5, 20, mug, 3, 20)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(first, mug)).isEqualTo("Success"));
        bridge().soap(INVENTORY, BridgeClient.m2Envelope(first, lines(bag, 5, 20, mug, 3, 20)));
        bridge().soap(INVENTORY, BridgeClient.m2Envelope(stale, lines(bag, 1, 19)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(stale, bag)).isEqualTo("Superseded"));

        PrometheusScrape after = scrape();
        assertThat(after.messages("inventory", "received") - before.messages("inventory", "received")).isEqualTo(5);
        assertThat(after.messages("inventory", "applied") - before.messages("inventory", "applied")).isEqualTo(2);
        assertThat(after.messages("inventory", "duplicate") - before.messages("inventory", "duplicate")).isEqualTo(2);
        assertThat(after.messages("inventory", "superseded") - before.messages("inventory", "superseded")).isEqualTo(1);
        assertThat(after.messages("inventory", "failed") - before.messages("inventory", "failed")).isZero();
    }

    @Test
    void shipmentCountersCountTheDeadLetterAndItsReplay() throws Exception {
        String order = String.format("%09d", nextMessageId() % 1_000_000_000L);
        String hat = "METRICS-hat-" + nextMessageId();
        long msg = nextMessageId();
        PrometheusScrape before = scrape();

        bridge().soap(SHIPMENT, ShipmentEnvelopes.m2(msg, order, ShipmentEnvelopes.line(hat, "1"), ""));
        await().atMost(WAIT).untilAsserted(() -> assertThat(shipmentResult(msg)).isEqualTo("Failed"));

        PrometheusScrape parked = scrape();
        assertThat(parked.messages("shipment", "received") - before.messages("shipment", "received")).isEqualTo(1);
        assertThat(parked.messages("shipment", "failed") - before.messages("shipment", "failed")).isEqualTo(1);
        assertThat(parked.messages("shipment", "dead_lettered") - before.messages("shipment", "dead_lettered"))
                .isEqualTo(1);
        // the gauge follows the table (reused for a few seconds per scrape); other tests' letters count too
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(scrape().value("bridge_dead_letters", OPEN_SHIPMENTS)).isEqualTo(openShipmentLetters()));
        long open = openShipmentLetters();

        MAGENTO.newOrder(order).item(hat, 1).create();
        long letter = openShipmentDeadLetter(order);
        assertThat(bridge().opsPost("/ops/dead-letters/" + letter + "/replay", "").status()).isEqualTo(200);

        PrometheusScrape replayed = scrape();
        assertThat(replayed.messages("shipment", "replayed") - parked.messages("shipment", "replayed")).isEqualTo(1);
        assertThat(replayed.messages("shipment", "applied") - parked.messages("shipment", "applied")).isEqualTo(1);
        assertThat(openShipmentLetters()).isEqualTo(open - 1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(scrape().value("bridge_dead_letters", OPEN_SHIPMENTS)).isEqualTo(open - 1.0));
    }

    private long openShipmentLetters() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter WHERE flow = 'shipment' AND state = 'OPEN'",
                Long.class);
    }

    private long openShipmentDeadLetter(String order) throws Exception {
        JsonNode letters = json.readTree(bridge().opsGet("/ops/dead-letters?flow=shipment&state=OPEN&limit=500").body());
        for (JsonNode letter : letters) {
            if (letter.get("body").asText().contains(order)) {
                return letter.get("id").asLong();
            }
        }
        throw new AssertionError("no open shipment dead letter for order " + order + ": " + letters);
    }

    @Test
    void inboxDepthAndOldestAgeShowWhatWaitsWhileTheFlowIsPaused() {
        String sku = sku("waiting");
        long msg = nextMessageId();
        assertThat(bridge().opsPost("/ops/flows/inventory/pause", "").status()).isEqualTo(200);

        bridge().soap(INVENTORY, BridgeClient.m2Envelope(msg, BridgeClient.line(sku, 4, 1)));

        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusScrape waiting = scrape();
            assertThat(waiting.value("bridge_inbox_depth", Map.of("flow", "inventory"))).isGreaterThanOrEqualTo(1);
            assertThat(waiting.value("bridge_inbox_oldest_age_seconds", Map.of("flow", "inventory"))).isPositive();
        });

        bridge().opsPost("/ops/flows/inventory/resume", "");
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(msg, sku)).isEqualTo("Success"));
        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusScrape drained = scrape();
            assertThat(drained.value("bridge_inbox_depth", Map.of("flow", "inventory"))).isZero();
            assertThat(drained.value("bridge_inbox_oldest_age_seconds", Map.of("flow", "inventory"))).isZero();
        });
    }

    @Test
    void magentoCallLatencyIsAHistogramByEndpointAndStatus() {
        String sku = sku("latency");
        long ok = nextMessageId();
        bridge().soap(INVENTORY, BridgeClient.m2Envelope(ok, BridgeClient.line(sku, 2, 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(ok, sku)).isEqualTo("Success"));
        MAGENTO.faults().onlyForPathContaining("source-items").failNext(100, 503);
        long failing = nextMessageId();
        bridge().soap(INVENTORY, BridgeClient.m2Envelope(failing, BridgeClient.line(sku, 3, 2)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(failing, sku)).isEqualTo("Failed"));

        PrometheusScrape scrape = scrape();

        Map<String, String> succeeded = Map.of("method", "POST", "endpoint", "source-items", "status", "200");
        List<PrometheusScrape.Sample> buckets = scrape.samples("bridge_magento_calls_seconds_bucket", succeeded);
        assertThat(buckets).as("latency buckets of successful source-items calls").hasSizeGreaterThan(10);
        assertThat(buckets).anyMatch(bucket -> bucket.labels().get("le").equals("+Inf") && bucket.value() >= 1);
        assertThat(scrape.samples("bridge_magento_calls_seconds_bucket",
                Map.of("endpoint", "source-items", "status", "503"))).isNotEmpty();
        assertThat(scrape.samples("bridge_magento_calls_seconds_count", Map.of()))
                .as("endpoints are names, never paths with SKUs or ids")
                .allSatisfy(sample -> assertThat(sample.labels().get("endpoint")).doesNotContain("/", sku));
    }
}
