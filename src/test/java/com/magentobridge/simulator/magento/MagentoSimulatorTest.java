package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class MagentoSimulatorTest {

    private static final String TOKEN = "integration-token-123";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MagentoSimulator sim;
    private static HttpClient client;

    @BeforeAll
    static void startSimulator() {
        sim = new MagentoSimulator(TOKEN).allowIntegrationTokensAsBearer(true).start(0);
        client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stopSimulator() {
        sim.stop();
    }

    @BeforeEach
    void freshState() {
        sim.reset();
    }

    // ------------------------------------------------------------------ helpers

    private static HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, TOKEN);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String sourceItems(Object[]... items) {
        return "{\"sourceItems\":[" + java.util.Arrays.stream(items)
                .map(i -> "{\"sku\":\"" + i[0] + "\",\"source_code\":\"" + i[1] + "\",\"quantity\":" + i[2]
                        + ",\"status\":" + i[3] + "}")
                .collect(Collectors.joining(",")) + "]}";
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ------------------------------------------------------------------ auth

    @Test
    void missingOrInvalidTokenIsRejectedWithMagentoBodyNamingTheAclResource() throws Exception {
        sim.addProduct("SKU-1");

        HttpResponse<String> noToken = call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 5, 1}), null);
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        JsonNode body = json(noToken);
        assertThat(body.get("message").asText()).isEqualTo("The consumer isn't authorized to access %resources.");
        assertThat(body.at("/parameters/resources").asText())
                .isEqualTo("Magento_InventoryApi::stock_source_item_assign");

        HttpResponse<String> wrongToken = call("GET", "/rest/V1/stockItems/SKU-1", null, "nope");
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(json(wrongToken).at("/parameters/resources").asText())
                .isEqualTo("Magento_CatalogInventory::cataloginventory");

        assertThat(sim.sourceQuantity("SKU-1", "default")).isNull();
        assertThat(sim.stockWrites()).isEmpty();
        assertThat(sim.calls()).extracting(RecordedCall::status).containsExactly(401, 401);
    }

    @Test
    void adminTokenLoginIssuesUsableTokenUntilExpired() throws Exception {
        sim.addAdminUser("admin", "s3cret!");
        sim.addProduct("SKU-1");

        HttpResponse<String> bad = call("POST", "/rest/V1/integration/admin/token",
                "{\"username\":\"admin\",\"password\":\"wrong\"}", null);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(json(bad).get("message").asText()).isEqualTo(
                "The account sign-in was incorrect or your account is disabled temporarily. "
                        + "Please wait and try again later.");

        HttpResponse<String> login = call("POST", "/rest/default/V1/integration/admin/token",
                "{\"username\":\"admin\",\"password\":\"s3cret!\"}", null);
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode tokenNode = json(login);
        assertThat(tokenNode.isTextual()).as("token is a JSON string").isTrue();
        String adminToken = tokenNode.asText();
        assertThat(adminToken).as("a JWT, as 2.4.4+ issues").matches("[^.]+\\.[^.]+\\.[^.]+").isNotEqualTo(TOKEN);

        assertThat(call("GET", "/rest/V1/stockItems/SKU-1", null, adminToken).statusCode()).isEqualTo(200);

        sim.expireAdminTokens();
        HttpResponse<String> expired = call("GET", "/rest/V1/stockItems/SKU-1", null, adminToken);
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).get("message").asText()).contains("isn't authorized");
        // the integration token is unaffected by admin token expiry
        assertThat(call("GET", "/rest/V1/stockItems/SKU-1", null, TOKEN).statusCode()).isEqualTo(200);

        HttpResponse<String> missingPassword = call("POST", "/rest/V1/integration/admin/token",
                "{\"username\":\"admin\"}", null);
        assertThat(missingPassword.statusCode()).isEqualTo(400);
        assertThat(json(missingPassword).at("/parameters/fieldName").asText()).isEqualTo("password");
    }

    // ------------------------------------------------------------------ MSI

    @Test
    void sourceItemsSaveAppliesEveryItemAndAnswersEmptyArray() throws Exception {
        sim.addProduct("24-WB01");
        sim.addProduct("24-WB03");
        sim.addSource("ne_wh");

        HttpResponse<String> r = call("POST", "/rest/V1/inventory/source-items", sourceItems(
                new Object[] {"24-WB01", "ne_wh", 35, 1},
                new Object[] {"24-WB01", "default", "12.5", 1},
                new Object[] {"24-WB03", "ne_wh", 0, 0}));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[]");
        assertThat(sim.sourceQuantity("24-WB01", "ne_wh")).isEqualByComparingTo("35");
        assertThat(sim.sourceStatus("24-WB01", "ne_wh")).isEqualTo(1);
        assertThat(sim.sourceQuantity("24-WB01", "default")).isEqualByComparingTo("12.5");
        assertThat(sim.sourceQuantity("24-WB03", "ne_wh")).isEqualByComparingTo("0");
        assertThat(sim.sourceStatus("24-WB03", "ne_wh")).isZero();
        assertThat(sim.sourceStatus("24-WB03", "default")).isEqualTo(-1);
        // the default source is mirrored into the legacy stock item, like Magento MSI does
        assertThat(sim.legacyQty("24-WB01")).isEqualByComparingTo("12.5");
        assertThat(sim.legacyInStock("24-WB01")).isTrue();
        assertThat(sim.legacyQty("24-WB03")).isEqualByComparingTo("0");
    }

    @Test
    void moreThanTwentyItemsAreRejectedWhileInputLimitIsOnAndAcceptedWhenOff() throws Exception {
        List<Object[]> items = new ArrayList<>();
        for (int i = 1; i <= 21; i++) {
            sim.addProduct("SKU-" + i);
            items.add(new Object[] {"SKU-" + i, "default", i, 1});
        }
        String body21 = sourceItems(items.toArray(new Object[0][]));
        String body20 = sourceItems(items.subList(0, 20).toArray(new Object[0][]));

        HttpResponse<String> rejected = call("POST", "/rest/V1/inventory/source-items", body21);
        assertThat(rejected.statusCode()).isEqualTo(400);
        JsonNode err = json(rejected);
        assertThat(err.get("message").asText()).isEqualTo("Maximum items of type \"%type\" is %max");
        assertThat(err.at("/parameters/max").asInt()).isEqualTo(20);
        assertThat(err.at("/parameters/type").asText()).endsWith("SourceItemInterface");
        assertThat(sim.sourceQuantity("SKU-1", "default")).isNull();

        assertThat(call("POST", "/rest/V1/inventory/source-items", body20).statusCode()).isEqualTo(200);
        assertThat(sim.sourceQuantity("SKU-20", "default")).isEqualByComparingTo("20");
        assertThat(sim.sourceQuantity("SKU-21", "default")).isNull();

        sim.setInputLimitEnabled(false);
        HttpResponse<String> accepted = call("POST", "/rest/V1/inventory/source-items", body21);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(sim.sourceQuantity("SKU-21", "default")).isEqualByComparingTo("21");

        sim.setInputLimitEnabled(true);
        sim.setInputListLimit(2);
        HttpResponse<String> lowered = call("POST", "/rest/V1/inventory/source-items", sourceItems(
                new Object[] {"SKU-1", "default", 1, 1}, new Object[] {"SKU-2", "default", 1, 1},
                new Object[] {"SKU-3", "default", 1, 1}));
        assertThat(lowered.statusCode()).isEqualTo(400);
        assertThat(json(lowered).at("/parameters/max").asInt()).isEqualTo(2);
    }

    @Test
    void unknownSkuOrSourceRejectsTheWholeBatch() throws Exception {
        sim.addProduct("KNOWN");

        HttpResponse<String> unknownSku = call("POST", "/rest/V1/inventory/source-items", sourceItems(
                new Object[] {"KNOWN", "default", 7, 1},
                new Object[] {"GHOST", "default", 3, 1}));
        assertThat(unknownSku.statusCode()).isEqualTo(400);
        JsonNode err = json(unknownSku);
        assertThat(err.get("message").asText()).contains("SKU");
        assertThat(err.get("parameters").toString()).contains("GHOST");
        assertThat(sim.sourceQuantity("KNOWN", "default")).as("nothing applied").isNull();
        assertThat(sim.hasProduct("GHOST")).isFalse();

        HttpResponse<String> unknownSource = call("POST", "/rest/V1/inventory/source-items", sourceItems(
                new Object[] {"KNOWN", "default", 7, 1},
                new Object[] {"KNOWN", "nowhere", 3, 1}));
        assertThat(unknownSource.statusCode()).isEqualTo(400);
        assertThat(json(unknownSource).get("parameters").toString()).contains("nowhere");

        HttpResponse<String> badStatus = call("POST", "/rest/V1/inventory/source-items", sourceItems(
                new Object[] {"KNOWN", "default", 7, 3}));
        assertThat(badStatus.statusCode()).isEqualTo(400);
        HttpResponse<String> badQty = call("POST", "/rest/V1/inventory/source-items", sourceItems(
                new Object[] {"KNOWN", "default", "\"many\"", 1}));
        assertThat(badQty.statusCode()).isEqualTo(400);
        HttpResponse<String> missingList = call("POST", "/rest/V1/inventory/source-items", "{}");
        assertThat(missingList.statusCode()).isEqualTo(400);
        assertThat(json(missingList).at("/parameters/fieldName").asText()).isEqualTo("sourceItems");
        HttpResponse<String> garbage = call("POST", "/rest/V1/inventory/source-items", "{not json");
        assertThat(garbage.statusCode()).isEqualTo(400);

        assertThat(sim.sourceQuantity("KNOWN", "default")).isNull();
        assertThat(sim.stockWrites()).isEmpty();
    }

    // ------------------------------------------------------------------ legacy stock items

    @Test
    void legacyStockItemGetHasMagentoShapeWithRealBooleans() throws Exception {
        int itemId = sim.addProduct("MH09-L-Blue");
        assertThat(itemId).isEqualTo(1);
        assertThat(sim.addProduct("OTHER")).isEqualTo(2);
        sim.setSourceQuantity("MH09-L-Blue", "default", new BigDecimal("30"));

        HttpResponse<String> r = call("GET", "/rest/V1/stockItems/MH09-L-Blue", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode item = json(r);
        assertThat(item.get("item_id").isInt()).isTrue();
        assertThat(item.get("item_id").asInt()).isEqualTo(1);
        assertThat(item.get("product_id").asInt()).isEqualTo(1);
        assertThat(item.get("stock_id").asInt()).isEqualTo(1);
        assertThat(item.get("qty").isIntegralNumber()).isTrue();
        assertThat(item.get("qty").asInt()).isEqualTo(30);
        assertThat(item.get("is_in_stock").isBoolean()).isTrue();
        assertThat(item.get("is_in_stock").booleanValue()).isTrue();
        assertThat(item.get("manage_stock").isBoolean()).isTrue();
        assertThat(item.get("use_config_min_sale_qty").isInt()).isTrue();
        assertThat(item.has("low_stock_date")).isTrue();
        assertThat(item.get("low_stock_date").isNull()).isTrue();

        JsonNode other = json(call("GET", "/rest/V1/stockItems/OTHER", null));
        assertThat(other.get("is_in_stock").isBoolean()).isTrue();
        assertThat(other.get("is_in_stock").booleanValue()).isFalse();
        assertThat(other.get("qty").asInt()).isZero();

        HttpResponse<String> missing = call("GET", "/rest/V1/stockItems/NOPE", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        JsonNode err = json(missing);
        assertThat(err.get("message").asText()).isEqualTo("The Product with the \"%1\" SKU doesn't exist.");
        assertThat(err.get("parameters").get(0).asText()).isEqualTo("NOPE");
    }

    @Test
    void legacyStockItemPutAppliesAndAnswersItemIdAsJsonString() throws Exception {
        sim.addProduct("FIRST");
        sim.addProduct("MH09-L-Blue");
        int itemId = sim.stockItemId("MH09-L-Blue");

        HttpResponse<String> r = call("PUT", "/rest/all/V1/products/MH09-L-Blue/stockItems/" + itemId,
                "{\"stockItem\": {\"qty\": 30.0, \"is_in_stock\": 1}}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"" + itemId + "\"");
        assertThat(sim.legacyQty("MH09-L-Blue")).isEqualByComparingTo("30");
        assertThat(sim.legacyInStock("MH09-L-Blue")).isTrue();
        assertThat(sim.sourceQuantity("MH09-L-Blue", "default")).isEqualByComparingTo("30");

        HttpResponse<String> stringQty = call("PUT", "/rest/V1/products/MH09-L-Blue/stockItems/" + itemId,
                "{\"stockItem\": {\"qty\": \"7.5\", \"is_in_stock\": true}}");
        assertThat(stringQty.statusCode()).isEqualTo(200);
        assertThat(sim.legacyQty("MH09-L-Blue")).isEqualByComparingTo("7.5");
        assertThat(json(call("GET", "/rest/V1/stockItems/MH09-L-Blue", null)).get("qty").decimalValue())
                .isEqualByComparingTo("7.5");

        HttpResponse<String> outOfStock = call("PUT", "/rest/V1/products/MH09-L-Blue/stockItems/" + itemId,
                "{\"stockItem\": {\"qty\": 0, \"is_in_stock\": false}}");
        assertThat(outOfStock.statusCode()).isEqualTo(200);
        assertThat(sim.legacyInStock("MH09-L-Blue")).isFalse();

        HttpResponse<String> wrongItem = call("PUT", "/rest/V1/products/MH09-L-Blue/stockItems/999",
                "{\"stockItem\": {\"qty\": 5, \"is_in_stock\": 1}}");
        assertThat(wrongItem.statusCode()).isEqualTo(400);
        assertThat(json(wrongItem).get("parameters").toString()).contains("999");

        HttpResponse<String> unknownSku = call("PUT", "/rest/V1/products/NOPE/stockItems/1",
                "{\"stockItem\": {\"qty\": 5, \"is_in_stock\": 1}}");
        assertThat(unknownSku.statusCode()).isEqualTo(404);
        assertThat(json(unknownSku).get("parameters").get(0).asText()).isEqualTo("NOPE");

        assertThat(sim.legacyQty("MH09-L-Blue")).isEqualByComparingTo("0");
    }

    @Test
    void skusWithSpacesSlashesAndUnicodeArePercentDecodedPerSegment() throws Exception {
        String sku = "MH09 L/Blue+ü";
        int itemId = sim.addProduct(sku);

        HttpResponse<String> put = call("PUT", "/rest/V1/products/" + encode(sku) + "/stockItems/" + itemId,
                "{\"stockItem\": {\"qty\": 4, \"is_in_stock\": 1}}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(sim.legacyQty(sku)).isEqualByComparingTo("4");

        HttpResponse<String> get = call("GET", "/rest/V1/stockItems/" + encode(sku), null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(json(get).get("qty").asInt()).isEqualTo(4);

        // an unencoded slash splits the path like in Magento: no such route
        assertThat(call("GET", "/rest/V1/stockItems/MH09%20L/Blue", null).statusCode()).isEqualTo(404);
        assertThat(sim.calls().get(0).path()).contains("%2F");
        assertThat(sim.calls().get(0).decodedPath()).contains(sku);
    }

    // ------------------------------------------------------------------ routing

    @Test
    void storeCodeSegmentIsOptional() throws Exception {
        sim.addProduct("SKU-1");
        for (String prefix : List.of("/rest/V1", "/rest/default/V1", "/rest/all/V1", "/rest/fr_store2/V1")) {
            HttpResponse<String> r = call("POST", prefix + "/inventory/source-items",
                    sourceItems(new Object[] {"SKU-1", "default", prefix.length(), 1}));
            assertThat(r.statusCode()).as(prefix).isEqualTo(200);
            assertThat(sim.sourceQuantity("SKU-1", "default")).isEqualByComparingTo(
                    BigDecimal.valueOf(prefix.length()));
            assertThat(call("GET", prefix + "/stockItems/SKU-1", null).statusCode()).as(prefix).isEqualTo(200);
        }
        assertThat(call("GET", "/rest/Bad-Store/V1/stockItems/SKU-1", null).statusCode()).isEqualTo(404);
    }

    @Test
    void unknownRoutesAndWrongMethodsAnswerMagentosRouteNotFound() throws Exception {
        for (HttpResponse<String> r : List.of(
                call("GET", "/rest/V1/nothing/here", null),
                call("DELETE", "/rest/V1/inventory/source-items", null),
                call("GET", "/rest/V1/inventory/source-items", null, null),
                call("GET", "/not-rest/V1/stockItems/x", null))) {
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(json(r).get("message").asText()).isEqualTo("Request does not match any route.");
        }
    }

    // ------------------------------------------------------------------ faults

    @Test
    void failNextFailsWritesWithTheStatusWithoutApplyingThem() throws Exception {
        sim.addProduct("SKU-1");
        sim.faults().failNext(2, 503);

        String body = sourceItems(new Object[] {"SKU-1", "default", 9, 1});
        // rejected by auth before faults apply: does not consume the budget
        assertThat(call("POST", "/rest/V1/inventory/source-items", body, null).statusCode()).isEqualTo(401);
        assertThat(sim.faults().pendingFailures()).isEqualTo(2);
        sim.clearCalls();
        HttpResponse<String> first = call("POST", "/rest/V1/inventory/source-items", body);
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(json(first).get("message").asText())
                .startsWith("Internal Error. Details are available in Magento log file. Report ID: webapi-");
        // reads are not consumed by failNext
        assertThat(call("GET", "/rest/V1/stockItems/SKU-1", null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/rest/V1/inventory/source-items", body).statusCode()).isEqualTo(503);
        assertThat(sim.sourceQuantity("SKU-1", "default")).isNull();
        assertThat(sim.faults().pendingFailures()).isZero();

        assertThat(call("POST", "/rest/V1/inventory/source-items", body).statusCode()).isEqualTo(200);
        assertThat(sim.sourceQuantity("SKU-1", "default")).isEqualByComparingTo("9");
        assertThat(sim.calls()).extracting(RecordedCall::status).containsExactly(503, 200, 503, 200);
    }

    @Test
    void errorRateUsesConfiguredStatusesAndPathFilter() throws Exception {
        sim.addProduct("SKU-1");
        sim.faults().errorRate(1.0).errorStatuses(429).onlyForPathContaining("source-items");

        HttpResponse<String> limited = call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 1, 1}));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).get("message").asText()).isEqualTo("Too Many Requests");
        assertThat(sim.sourceQuantity("SKU-1", "default")).isNull();

        // filtered out: legacy routes keep working
        HttpResponse<String> put = call("PUT", "/rest/V1/products/SKU-1/stockItems/1",
                "{\"stockItem\":{\"qty\":3,\"is_in_stock\":1}}");
        assertThat(put.statusCode()).isEqualTo(200);

        sim.faults().reset();
        assertThat(call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 1, 1})).statusCode()).isEqualTo(200);

        sim.faults().errorRate(1.0).errorStatuses(500);
        HttpResponse<String> read = call("GET", "/rest/V1/stockItems/SKU-1", null);
        assertThat(read.statusCode()).isEqualTo(500);
        assertThat(json(read).get("message").asText()).contains("Report ID: webapi-");
        // the anonymous token route is not affected without an explicit path filter
        sim.addAdminUser("admin", "pw");
        assertThat(call("POST", "/rest/V1/integration/admin/token",
                "{\"username\":\"admin\",\"password\":\"pw\"}", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aSeededErrorRateFailsTheSameCallsWithTheSameStatusesEveryRun() throws Exception {
        sim.addProduct("SKU-1");
        List<Integer> first = seededStatuses(42);
        List<Integer> second = seededStatuses(42);
        assertThat(second).as("the same seed, the same answers in the same order").isEqualTo(first);
        assertThat(first).contains(200).containsAnyOf(500, 503, 429);
        assertThat(seededStatuses(43)).as("another seed").isNotEqualTo(first);
    }

    private static List<Integer> seededStatuses(long seed) throws Exception {
        sim.faults().reset().seed(seed).errorRate(0.5).errorStatuses(500, 503, 429);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            statuses.add(call("GET", "/rest/V1/stockItems/SKU-1", null).statusCode());
        }
        sim.faults().reset();
        return statuses;
    }

    @Test
    void latencyDelaysAffectedRequests() throws Exception {
        sim.addProduct("SKU-1");
        sim.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(call("GET", "/rest/V1/stockItems/SKU-1", null).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void resetAfterCommitAppliesTheWriteButTheClientGetsNoResponse() throws Exception {
        sim.addProduct("SKU-1");
        sim.faults().resetAfterCommitNext(1);

        assertThatThrownBy(() -> call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 42, 1})))
                .isInstanceOf(IOException.class);

        assertThat(sim.sourceQuantity("SKU-1", "default")).isEqualByComparingTo("42");
        assertThat(sim.stockWrites()).hasSize(1);
        assertThat(sim.calls()).singleElement().satisfies(c -> {
            assertThat(c.status()).isZero();
            assertThat(c.answered()).isFalse();
        });
        assertThat(sim.faults().pendingResets()).isZero();

        // the server keeps serving afterwards
        assertThat(call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 43, 1})).statusCode()).isEqualTo(200);
        assertThat(sim.sourceQuantity("SKU-1", "default")).isEqualByComparingTo("43");
    }

    @Test
    void anUnansweredWriteQueuedBeforeFailuresIsAppliedFirstAndTheFailuresFollowInOrder() throws Exception {
        sim.addProduct("SKU-1");
        sim.faults().applyUnansweredNext(1).failNext(2, 503);

        assertThatThrownBy(() -> call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 42, 1})))
                .isInstanceOf(IOException.class);
        assertThat(call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 43, 1})).statusCode()).isEqualTo(503);
        assertThat(call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 44, 1})).statusCode()).isEqualTo(503);

        assertThat(sim.sourceQuantity("SKU-1", "default")).isEqualByComparingTo("42");
        assertThat(sim.calls()).extracting(RecordedCall::status).containsExactly(0, 503, 503);
        assertThat(sim.faults().pendingFailures()).isZero();
    }

    @Test
    void aSaveStartedWhileTheLimitOfOthersHoldTheirsDeadlocksAnswersLikeMsiAndIsNotApplied() throws Exception {
        sim.addProduct("SKU-1");
        sim.addProduct("SKU-2");
        sim.faults().deadlockBeyond(1, Duration.ofSeconds(1));
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<HttpResponse<String>> holding = first.submit(() -> call("POST", "/rest/V1/inventory/source-items",
                    sourceItems(new Object[] {"SKU-1", "default", 5, 1})));
            await().atMost(Duration.ofSeconds(5)).until(() -> sim.faults().savesInFlight() == 1);

            HttpResponse<String> victim = call("POST", "/rest/V1/inventory/source-items",
                    sourceItems(new Object[] {"SKU-2", "default", 6, 1}));

            assertThat(victim.statusCode()).isEqualTo(400);
            assertThat(victim.body()).isEqualTo("{\"message\":\"Could not save Source Item\"}");
            assertThat(sim.sourceQuantity("SKU-2", "default")).as("the victim is rolled back").isNull();
            assertThat(holding.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(sim.sourceQuantity("SKU-1", "default")).isEqualByComparingTo("5");
            assertThat(sim.faults().deadlocks()).isEqualTo(1);
            assertThat(sim.faults().savesInFlight()).isZero();
        } finally {
            first.shutdownNow();
        }

        // alone, a save does not deadlock
        assertThat(call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-2", "default", 6, 1})).statusCode()).isEqualTo(200);
        assertThat(sim.sourceQuantity("SKU-2", "default")).isEqualByComparingTo("6");
        assertThat(sim.stockWrites()).extracting(StockWrite::sku).containsExactly("SKU-1", "SKU-2");
        sim.faults().reset();
        assertThat(sim.faults().deadlocks()).isZero();
    }

    @Test
    void aDeadlockComesAfterValidationAndAnUnsavableSkuFailsWithTheSameWords() throws Exception {
        sim.addProduct("SKU-1");
        sim.addProduct("BROKEN");
        sim.faults().deadlockBeyond(0, Duration.ZERO);

        HttpResponse<String> unknown = call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 1, 1}, new Object[] {"GHOST", "default", 1, 1}));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).get("message").asText()).isEqualTo("The Product with the \"%1\" SKU doesn't exist.");
        HttpResponse<String> deadlocked = call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 1, 1}));
        assertThat(deadlocked.statusCode()).isEqualTo(400);
        assertThat(json(deadlocked).get("message").asText()).isEqualTo("Could not save Source Item");
        assertThat(sim.faults().deadlocks()).isEqualTo(1);

        sim.faults().reset().unsavable("BROKEN");
        HttpResponse<String> broken = call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 2, 1}, new Object[] {"BROKEN", "default", 2, 1}));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("message").asText()).isEqualTo("Could not save Source Item");
        assertThat(sim.faults().deadlocks()).as("not a deadlock").isZero();
        assertThat(call("POST", "/rest/V1/inventory/source-items",
                sourceItems(new Object[] {"SKU-1", "default", 3, 1})).statusCode()).isEqualTo(200);
        assertThat(sim.sourceQuantity("SKU-1", "default")).isEqualByComparingTo("3");
        assertThat(sim.sourceQuantity("BROKEN", "default")).isNull();
    }

    // ------------------------------------------------------------------ logs

    @Test
    void callLogAndStockWritesRecordWhatHappenedInOrder() throws Exception {
        sim.addProduct("A");
        sim.addProduct("B");
        sim.addSource("east");

        call("POST", "/rest/V1/inventory/source-items?x=1", sourceItems(
                new Object[] {"A", "east", 1, 1}, new Object[] {"B", "default", 2, 1}));
        call("PUT", "/rest/V1/products/A/stockItems/1", "{\"stockItem\":{\"qty\":3,\"is_in_stock\":true}}");
        call("POST", "/rest/V1/inventory/source-items", sourceItems(new Object[] {"B", "east", 4, 0}));
        call("GET", "/rest/V1/stockItems/A", null);

        List<StockWrite> writes = sim.stockWrites();
        assertThat(writes).extracting(StockWrite::sku, StockWrite::sourceCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("A", "east"),
                        org.assertj.core.groups.Tuple.tuple("B", "default"),
                        org.assertj.core.groups.Tuple.tuple("A", "default"),
                        org.assertj.core.groups.Tuple.tuple("B", "east"));
        assertThat(writes).extracting(w -> w.quantity().intValue()).containsExactly(1, 2, 3, 4);
        assertThat(writes).extracting(StockWrite::order).isSorted().doesNotHaveDuplicates();
        assertThat(writes.get(0).time()).isBeforeOrEqualTo(writes.get(3).time());

        List<RecordedCall> calls = sim.calls();
        assertThat(calls).extracting(RecordedCall::method).containsExactly("POST", "PUT", "POST", "GET");
        assertThat(calls.get(0).path()).isEqualTo("/rest/V1/inventory/source-items");
        assertThat(calls.get(0).query()).isEqualTo("x=1");
        assertThat(calls.get(0).body()).contains("\"sourceItems\"");
        assertThat(calls.get(3).body()).isEmpty();
        assertThat(calls).extracting(RecordedCall::status).containsOnly(200);
        assertThat(sim.calls("stockItems")).hasSize(2);

        sim.clearCalls();
        assertThat(sim.calls()).isEmpty();
        assertThat(sim.stockWrites()).hasSize(4);

        sim.reset();
        assertThat(sim.stockWrites()).isEmpty();
        assertThat(sim.hasProduct("A")).isFalse();
        assertThat(sim.hasSource("east")).isFalse();
        assertThat(sim.addProduct("C")).isEqualTo(1);
    }

    @Test
    void concurrentKeepAliveWritesAreAllAppliedAndLogged() throws Exception {
        int skus = 40;
        for (int i = 0; i < skus; i++) {
            sim.addProduct("P" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (int i = 0; i < skus; i++) {
                    String body = sourceItems(new Object[] {"P" + i, "default", round, 1});
                    futures.add(pool.submit(() -> call("POST", "/rest/V1/inventory/source-items", body)));
                }
            }
            for (Future<HttpResponse<String>> f : futures) {
                HttpResponse<String> r = f.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isEqualTo("[]");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.stockWrites()).hasSize(skus * 10);
        assertThat(sim.calls()).hasSize(skus * 10);
        assertThat(sim.internalErrors()).isZero();
        for (int i = 0; i < skus; i++) {
            assertThat(sim.sourceQuantity("P" + i, "default")).isNotNull();
        }
    }
}
