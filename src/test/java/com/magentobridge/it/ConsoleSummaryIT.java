package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The ops console over plain HTTP: the page and who may read its data, and the per-flow summary it shows
 * ({@code GET /ops/summary}) after real messages went through the bridge.
 */
class ConsoleSummaryIT extends AbstractBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();


    private JsonNode summary() throws Exception {
        BridgeClient.Reply reply = bridge().opsGet("/ops/summary");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return json.readTree(reply.body());
    }

    private static JsonNode flow(JsonNode summary, String name) {
        for (JsonNode flow : summary.get("flows")) {
            if (flow.get("flow").asText().equals(name)) {
                return flow;
            }
        }
        throw new AssertionError("no flow " + name + " in " + summary);
    }

    private static long total(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }

    private long requestId(long messageSeqId) {
        return jdbc.queryForObject("SELECT id FROM inbound_request WHERE message_seq_id = ?", Long.class, messageSeqId);
    }

    @Test
    void summaryShowsEachFlowsResultsLastRunsFailuresAndOpenDeadLetters() throws Exception {
        String applied = "IT-console-ok-" + nextMessageId();
        String failing = "IT-console-failing-" + nextMessageId();
        MAGENTO.addProduct(applied);
        MAGENTO.addProduct(failing);
        long good = nextMessageId();
        bridge().soap("/soap/default", BridgeClient.m2Envelope(good, BridgeClient.line(applied, 4, 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(good, applied)).isEqualTo("Success"));
        MAGENTO.faults().onlyForPathContaining("source-items").failNext(100, 500);
        long bad = nextMessageId();
        bridge().soap("/soap/default", BridgeClient.m2Envelope(bad, BridgeClient.line(failing, 5, 1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(lineResult(bad, failing)).isEqualTo("Failed"));

        JsonNode summary = summary();

        List<String> names = new ArrayList<>();
        summary.get("flows").forEach(flow -> names.add(flow.get("flow").asText()));
        assertThat(names).containsExactly("inventory", "shipment", "orderstatus", "orders-import", "orders-export",
                "products-export");
        JsonNode inventory = flow(summary, "inventory");
        assertThat(inventory.get("processing").asText()).isEqualTo("Started");
        assertThat(inventory.get("inboxDepth").asLong()).isNotNegative();
        assertThat(inventory.at("/results/Success").asLong()).isPositive();
        assertThat(inventory.at("/results/Failed").asLong()).isPositive();
        assertThat(inventory.get("openDeadLetters").asLong()).isPositive();
        assertThat(inventory.get("deadLetterFlow").asText()).isEqualTo("inventory");
        JsonNode latestFailure = inventory.at("/recentFailures/0");
        assertThat(latestFailure.get("subject").asText()).isEqualTo(failing);
        assertThat(latestFailure.get("ref").asText()).isEqualTo(Long.toString(requestId(bad)));
        assertThat(latestFailure.get("message").asText()).startsWith("Dead-lettered as #").contains("500");
        JsonNode goodRun = null;
        for (JsonNode run : inventory.get("lastRuns")) {
            if (run.get("ref").asText().equals(Long.toString(requestId(good)))) {
                goodRun = run;
            }
        }
        assertThat(goodRun).as("the applied message among the last runs: " + inventory.get("lastRuns")).isNotNull();
        assertThat(goodRun.get("label").asText()).isEqualTo("message " + good);
        assertThat(goodRun.at("/counts/Success").asInt()).isEqualTo(1);
        assertThat(goodRun.get("finishedAt").asText()).isNotBlank();

        assertThat(flow(summary, "orders-import").has("deadLetterFlow"))
                .as("a failed poll is retried, never parked").isFalse();
        assertThat(flow(summary, "orders-export").get("deadLetterFlow").asText()).isEqualTo("orders-export");
        assertThat(flow(summary, "products-export").get("deadLetterFlow").asText()).isEqualTo("products-export");
    }

    @Test
    void importedOrdersShowInTheImportAndExportSummaries() throws Exception {
        String number = String.format("%09d", nextMessageId() % 1_000_000_000L);
        MAGENTO.newOrder(number).item("CONSOLE-SKU", 1).create();

        BridgeClient.Reply polled = bridge().opsPost("/ops/orders/import", "");
        assertThat(polled.status()).as(polled.body()).isEqualTo(200);

        JsonNode summary = summary();
        JsonNode imports = flow(summary, "orders-import");
        assertThat(total(imports.get("results"))).as("versions imported in the window").isPositive();
        assertThat(imports.get("lastRuns")).as("the store polled").isNotEmpty();
        assertThat(imports.at("/lastRuns/0/note").asText()).startsWith("orders read up to ");
        JsonNode exports = flow(summary, "orders-export");
        assertThat(total(exports.get("states"))).as("orders in the ledger by export state").isPositive();
        assertThat(exports.get("inboxDepth").asLong()).isEqualTo(
                exports.at("/states/PENDING").asLong() + exports.at("/states/QUEUED").asLong());
    }

    @Test
    void summaryRefusesAWindowItDoesNotOffer() {
        BridgeClient.Reply none = bridge().opsGet("/ops/summary?hours=0");
        BridgeClient.Reply tooMany = bridge().opsGet("/ops/summary?rows=51");

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("hours must be between 1 and 720: 0");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("rows must be between 1 and 50: 51");
    }

    @Test
    void pageCarriesNoDataAndItsDataNeedsTheOpsCredentials() throws Exception {
        HttpResponse<String> redirect = get("/console", null);
        HttpResponse<String> page = get("/console/", null);
        HttpResponse<String> script = get("/console/console.js", null);

        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                policy -> assertThat(policy).contains("script-src 'self'").contains("connect-src 'self'"));
        assertThat(page.body()).contains("id=\"login-form\"").contains("src=\"console.js\"");
        assertThat(script.statusCode()).isEqualTo(200);

        assertThat(get("/ops/summary", null).statusCode()).isEqualTo(401);
        assertThat(get("/ops/summary", BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD))
                .statusCode()).as("the back office's credentials are not the ops credentials").isEqualTo(403);
        assertThat(get("/ops/summary", BridgeClient.basic(BridgeClient.OPS_USER, "wrong")).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(bridge().base() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
