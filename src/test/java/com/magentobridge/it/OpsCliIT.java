package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** bin/bridge-ops, the command-line form of the ops API, run as ops would run it against a live bridge. */
class OpsCliIT extends AbstractBridgeIT {

    private final ObjectMapper json = new ObjectMapper();

    private String parkedShipmentFor(String order) {
        long msg = nextMessageId();
        bridge().soap("/soap/default", ShipmentEnvelopes.m2(msg, order, ShipmentEnvelopes.line("CLI-SKU", "1"), ""));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM dead_letter WHERE state = 'OPEN' AND exception_message LIKE ?", Integer.class,
                "%" + order + "%") == 1);
        return order;
    }

    @Test
    void listsFindsAndReplaysDeadLettersFromTheCommandLine() throws Exception {
        String order = parkedShipmentFor(String.format("%09d", nextMessageId() % 1_000_000_000L));

        Run list = cli("dead-letters", "list", "--flow", "shipment", "--text", "Order " + order + " not FOUND");
        assertThat(list.exit()).as(list.err()).isZero();
        JsonNode letters = json.readTree(list.out());
        assertThat(letters).hasSize(1);
        long id = letters.get(0).get("id").asLong();

        Run show = cli("dead-letters", "show", Long.toString(id));
        assertThat(json.readTree(show.out()).get("exceptionMessage").asText()).contains(order);

        Run dryRun = cli("dead-letters", "replay-all", "--flow", "shipment", "--text", order, "--dry-run");
        assertThat(json.readTree(dryRun.out()).get("matched").asInt()).isOne();
        assertThat(json.readTree(bridge().opsGet("/ops/dead-letters/" + id).body()).get("state").asText())
                .as("a dry run replays nothing").isEqualTo("OPEN");

        MAGENTO.newOrder(order).item("CLI-SKU", 1).create();
        Run replayAll = cli("dead-letters", "replay-all", "--flow", "shipment", "--text", order);

        assertThat(replayAll.exit()).as(replayAll.err()).isZero();
        assertThat(json.readTree(replayAll.out()).get("replayed").asInt()).isOne();
        assertThat(json.readTree(bridge().opsGet("/ops/dead-letters/" + id).body()).get("state").asText())
                .isEqualTo("REPLAYED");
    }

    @Test
    void discardsWithAReasonAndAnswersErrorsWithANonZeroExit() throws Exception {
        String order = parkedShipmentFor(String.format("%09d", nextMessageId() % 1_000_000_000L));
        long id = json.readTree(cli("dead-letters", "list", "--text", order).out()).get(0).get("id").asLong();

        Run discard = cli("dead-letters", "discard", Long.toString(id), "order", "cancelled", "by", "phone");

        assertThat(discard.exit()).as(discard.err()).isZero();
        JsonNode letter = json.readTree(bridge().opsGet("/ops/dead-letters/" + id).body());
        assertThat(letter.get("state").asText()).isEqualTo("DISCARDED");
        assertThat(letter.get("discardReason").asText()).isEqualTo("order cancelled by phone");
        assertThat(letter.get("discardedBy").asText()).isEqualTo(BridgeClient.OPS_USER);

        Run missing = cli("dead-letters", "show", "987654321");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("HTTP 404");
        assertThat(cli("flows", "status", "shipment").out()).contains("\"flow\":\"shipment\"");
    }
}
