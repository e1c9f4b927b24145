package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.TestPropertySource;

import com.magentobridge.ops.RequestAudit;

/**
 * Issue 15, point 4: MSI answers a deadlocked stock save with HTTP 400 "Could not save Source Item", the words it also
 * uses for a save it refuses. Against a Magento that deadlocks beyond 2 concurrent saves, 4 writers and quick traffic
 * over many SKUs end with every SKU at its newest quantity, every line applied (or superseded by coalescing) and nothing
 * dead-lettered.
 */
@TestPropertySource(properties = {
        "camel.servlet.mapping.servlet-name=CamelServletDeadlock",
        // the default, stated: more writers than the store can take at once
        "bridge.magento.max-concurrent-writes=4"
})
class InventoryDeadlockIT extends AbstractBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int SKUS = 200;
    private static final int MESSAGES = 50;
    private static final int LINES_PER_MESSAGE = 80;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void deadlockAnswersAreRetriedWithFewerWritesInFlightUntilEverySkuHasItsNewestQuantity() throws Exception {
        String prefix = "DEADLOCK-" + nextMessageId() + "-";
        List<String> skus = IntStream.range(0, SKUS).mapToObj(i -> prefix + i).toList();
        skus.forEach(MAGENTO::addProduct);
        // each save holds its transaction 50 ms; a third one started meanwhile is the deadlock's victim
        MAGENTO.faults().deadlockBeyond(2, Duration.ofMillis(50));

        Random random = new Random(15);
        Map<String, Long> newest = new LinkedHashMap<>();
        List<Long> messageIds = new ArrayList<>();
        long firstSeq = nextMessageId();
        for (int m = 1; m <= MESSAGES; m++) {
            List<String> picked = new ArrayList<>(skus);
            Collections.shuffle(picked, random);
            Map<String, long[]> lines = new LinkedHashMap<>();
            for (String sku : picked.subList(0, LINES_PER_MESSAGE)) {
                long qty = m * 1000L + skus.indexOf(sku);
                lines.put(sku, new long[] {qty, firstSeq + m});
                newest.put(sku, qty);
            }
            long msg = nextMessageId();
            messageIds.add(msg);
            BridgeClient.Reply reply = bridge().soap("/soap/default", BridgeClient.m2Envelope(msg, lines));
            assertThat(reply.body()).contains("Success - Message " + msg + " Received");
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(unfinishedRequests(messageIds)).isZero());

        int deadlocks = MAGENTO.faults().deadlocks();
        List<RequestAudit.Line> lines = messageIds.stream().flatMap(msg -> inventoryRequests(msg).stream())
                .flatMap(request -> inventoryLines(request).stream()).toList();
        List<String> notApplied = lines.stream().filter(line -> !List.of("Success", "Superseded").contains(line.result()))
                .map(line -> line.sku() + " " + line.result() + ": " + line.message()).toList();
        Map<String, String> wrongQuantities = new LinkedHashMap<>();
        newest.forEach((sku, qty) -> {
            BigDecimal actual = MAGENTO.sourceQuantity(sku, "default");
            if (actual == null || actual.compareTo(BigDecimal.valueOf(qty)) != 0) {
                wrongQuantities.put(sku, actual + " instead of " + qty);
            }
        });
        List<JsonNode> deadLetters = openDeadLettersHolding(prefix);
        String figures = ("%d deadlock answers; %d of %d lines neither Success nor Superseded; %d of %d SKUs not at "
                + "their newest quantity; %d dead letters").formatted(deadlocks, notApplied.size(), lines.size(),
                wrongQuantities.size(), newest.size(), deadLetters.size());

        LoggerFactory.getLogger(InventoryDeadlockIT.class).info("deadlock traffic: {}", figures);

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(deadlocks).as("deadlock answers Magento gave (%s)", figures).isPositive();
        softly.assertThat(lines).as("every line sent").hasSize(MESSAGES * LINES_PER_MESSAGE);
        softly.assertThat(notApplied).as("lines neither applied nor superseded (%s)", figures).isEmpty();
        softly.assertThat(wrongQuantities).as("SKUs not at their newest quantity (%s)", figures).isEmpty();
        softly.assertThat(deadLetters).as("dead letters (%s)", figures).isEmpty();
        softly.assertAll();
    }

    private List<JsonNode> openDeadLettersHolding(String text) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode letter : json.readTree(bridge().opsGet("/ops/dead-letters?flow=inventory&state=open&limit=500").body())) {
            if (letter.get("body").asText().contains(text)) {
                found.add(letter);
            }
        }
        return found;
    }
}
