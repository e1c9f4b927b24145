package com.magentobridge.simulator.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.magentobridge.backoffice.ExportOutcome.Result;
import com.magentobridge.backoffice.TestOrders;
import com.magentobridge.backoffice.orderflow.OrderFlowImportReport;
import com.magentobridge.backoffice.orderflow.OrderFlowImportsDocument;

/** The simulator over raw HTTP: auth, document checks, answers, fault injection, recording. */
class OrderFlowSimulatorTest {

    private static final String USER = "remote-importer";
    private static final String PASSWORD = "pw";
    private static final String QUERY = "?channel=magento&organisation=ACME";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static OrderFlowSimulator sim;

    @BeforeAll
    static void start() {
        sim = new OrderFlowSimulator(USER, PASSWORD).start(0);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void reset() {
        sim.reset();
    }

    @Test
    void answersLikeOrderFlowAndRecordsTheKeyValueLines() throws Exception {
        String document = OrderFlowImportsDocument.build(List.of(TestOrders.item("000000401")));
        String twice = document.replace("</imports>", document.substring(document.indexOf("<import "),
                document.indexOf("</imports>")) + "</imports>");

        HttpResponse<String> response = post(OrderFlowSimulator.IMPORT_PATH + QUERY, twice, USER, PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        OrderFlowImportReport report = OrderFlowImportReport.parse(response.body());
        assertThat(report.messageId()).isEqualTo("sim-1");
        assertThat(report.lines()).extracting(OrderFlowImportReport.Line::result)
                .containsExactly(Result.Success, Result.Duplicate);
        assertThat(report.lines().get(0).fields()).containsEntry("type", "order").containsEntry("operation", "insert")
                .containsKey("queryTime");
        assertThat(sim.importCount()).isEqualTo(1);
        assertThat(sim.imported("000000401"))
                .isEqualTo(OrderFlowImportsDocument.keyValues(TestOrders.item("000000401")));
        assertThat(sim.received()).singleElement().satisfies(call -> {
            assertThat(call.body()).isEqualTo(twice);
            assertThat(call.status()).isEqualTo(200);
            assertThat(call.channel()).isEqualTo("magento");
        });
    }

    @Test
    void importsTheBackOfficeWouldRefuseAreFailures() throws Exception {
        String xml = "<imports>"
                + "<import type=\"product\" operation=\"merge\" externalReference=\"P1\"><![CDATA[externalReference=P1\n]]></import>"
                + "<import type=\"order\" operation=\"insert\" externalReference=\"A\"><![CDATA[externalReference=B\n]]></import>"
                + "<import type=\"order\" operation=\"insert\" externalReference=\"C\"><![CDATA[externalReference=C\n]]></import>"
                + "</imports>";

        HttpResponse<String> response = post(OrderFlowSimulator.IMPORT_PATH + QUERY, xml, USER, PASSWORD);

        assertThat(OrderFlowImportReport.parse(response.body()).outcomes()).allSatisfy((ref, outcome) ->
                assertThat(outcome.result()).isEqualTo(Result.Failed));
        assertThat(OrderFlowImportReport.parse(response.body()).outcomes().get("C").message())
                .startsWith("Order has no order lines");
        assertThat(sim.importCount()).isZero();
    }

    @Test
    void refusesCallsWithoutTheRightCredentials() throws Exception {
        String document = OrderFlowImportsDocument.build(List.of(TestOrders.item("000000411")));

        HttpResponse<String> none = post(OrderFlowSimulator.IMPORT_PATH + QUERY, document, null, null);
        HttpResponse<String> wrong = post(OrderFlowSimulator.JSON_PATH, "{\"orders\":[]}", USER, "x");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"OrderFlow\"");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(sim.received()).isEmpty();
        assertThat(sim.importCount()).isZero();
    }

    @Test
    void malformedDocumentsAreBadRequests() throws Exception {
        List<String> malformed = List.of(
                "not xml",
                "<?xml version=\"1.0\"?><!DOCTYPE imports [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<imports><import type=\"order\" operation=\"insert\" externalReference=\"&x;\"/></imports>",
                "<orders/>",
                "<imports><import type=\"order\" operation=\"insert\"><![CDATA[a=b]]></import></imports>",
                "<imports><import type=\"order\" operation=\"insert\" externalReference=\"1\"><![CDATA[no equals sign]]>"
                        + "</import></imports>",
                "<imports><other/></imports>");

        for (String body : malformed) {
            HttpResponse<String> response = post(OrderFlowSimulator.IMPORT_PATH + QUERY, body, USER, PASSWORD);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).startsWith("Malformed import document: ");
        }
        HttpResponse<String> noChannel = post(OrderFlowSimulator.IMPORT_PATH + "?organisation=ACME",
                "<imports/>", USER, PASSWORD);
        assertThat(noChannel.statusCode()).isEqualTo(400);
        assertThat(post(OrderFlowSimulator.JSON_PATH, "{oops", USER, PASSWORD).statusCode()).isEqualTo(400);
        assertThat(post(OrderFlowSimulator.JSON_PATH, "{\"orders\":{}}", USER, PASSWORD).statusCode()).isEqualTo(400);
        assertThat(sim.importCount()).isZero();
    }

    @Test
    void unknownPathsAndMethods() throws Exception {
        assertThat(post("/remoteorder/order/update.xml", "", USER, PASSWORD).statusCode()).isEqualTo(404);
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(sim.baseUrl() + OrderFlowSimulator.IMPORT_PATH)).GET();
        HttpResponse<String> anonymous = HTTP.send(get.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> authenticated = HTTP.send(get.header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).as("credentials are checked before the method").isEqualTo(401);
        assertThat(authenticated.statusCode()).isEqualTo(405);
    }

    @Test
    void failNextAnswersTheStatusesInOrderWithoutApplyingAnything() throws Exception {
        String document = OrderFlowImportsDocument.build(List.of(TestOrders.item("000000421")));
        sim.failNext(2, 503).failNext(1, 500);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            statuses.add(post(OrderFlowSimulator.IMPORT_PATH + QUERY, document, USER, PASSWORD).statusCode());
        }

        assertThat(statuses).containsExactly(503, 503, 500, 200);
        assertThat(sim.importCount()).isEqualTo(1);
        assertThat(sim.received()).extracting(OrderFlowSimulator.Received::status)
                .containsExactly(503, 503, 500, 200);
    }

    @Test
    void latencyDelaysTheAnswer() throws Exception {
        sim.latency(Duration.ofMillis(300));
        long start = System.nanoTime();

        HttpResponse<String> response = post(OrderFlowSimulator.JSON_PATH, "{\"orders\":[]}", USER, PASSWORD);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.body()).isEqualTo("{\"results\":[]}");
        assertThatThrownBy(() -> sim.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void withAnAnswerDelayTheDocumentIsImportedBeforeItIsAnswered() throws Exception {
        sim.answerDelay(Duration.ofSeconds(5));
        String document = OrderFlowImportsDocument.build(List.of(TestOrders.item("000000451")));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> answer = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> {
                    try {
                        return post(OrderFlowSimulator.IMPORT_PATH + QUERY, document, USER, PASSWORD);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sim.imported("000000451") != null);
        assertThat(answer).isNotDone();
        assertThat(sim.received()).hasSize(1);
        assertThatThrownBy(() -> sim.answerDelay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        sim.reset();
    }

    @Test
    void concurrentImportsOfTheSameOrderGiveExactlyOneSuccess() throws Exception {
        String document = OrderFlowImportsDocument.build(List.of(TestOrders.item("000000431")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(() -> post(OrderFlowSimulator.IMPORT_PATH + QUERY, document, USER, PASSWORD).body());
            }
            List<Result> results = new ArrayList<>();
            for (Future<String> answer : pool.invokeAll(calls)) {
                results.add(OrderFlowImportReport.parse(answer.get()).outcomes().get("000000431").result());
            }
            assertThat(results).filteredOn(r -> r == Result.Success).hasSize(1);
            assertThat(results).filteredOn(r -> r == Result.Duplicate).hasSize(15);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.received()).hasSize(16);
    }

    @Test
    void resetForgetsEverything() throws Exception {
        sim.failReference("000000441", "no").failNext(1, 500).latency(Duration.ofMillis(1));
        post(OrderFlowSimulator.JSON_PATH, "{\"orders\":[{\"incrementId\":\"x\"}]}", USER, PASSWORD);

        sim.reset();

        assertThat(sim.received()).isEmpty();
        assertThat(sim.jsonOrderCount()).isZero();
        String document = OrderFlowImportsDocument.build(List.of(TestOrders.item("000000441")));
        HttpResponse<String> response = post(OrderFlowSimulator.IMPORT_PATH + QUERY, document, USER, PASSWORD);
        assertThat(OrderFlowImportReport.parse(response.body()).outcomes().get("000000441").result())
                .isEqualTo(Result.Success);
    }

    private static HttpResponse<String> post(String pathAndQuery, String body, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void productImportsAreMergedAndAnsweredPerProduct() throws Exception {
        sim.failReference("REFUSED", "Unknown product group");
        String document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<imports>"
                + productImport("P-1", "description=Bag\nweight=0\nsellable=0\n")
                + productImport("P-2", "description=" + "x".repeat(121) + "\n")
                + productImport("REFUSED", "description=Hat\n")
                + productImport("P-3", "weight=1\n")
                + "</imports>";

        HttpResponse<String> first = post(OrderFlowSimulator.IMPORT_PATH + QUERY, document, USER, PASSWORD);
        HttpResponse<String> again = post(OrderFlowSimulator.IMPORT_PATH + QUERY, document, USER, PASSWORD);

        assertThat(OrderFlowImportReport.parse(first.body()).lines()).extracting(OrderFlowImportReport.Line::result)
                .containsExactly(Result.Success, Result.Failed, Result.Failed, Result.Failed);
        assertThat(OrderFlowImportReport.parse(first.body()).outcomes().get("P-2").message()).contains("120");
        assertThat(OrderFlowImportReport.parse(again.body()).outcomes().get("P-1").result())
                .as("the same values again").isEqualTo(Result.Duplicate);
        assertThat(sim.product("P-1")).containsEntry("weight", "0").containsEntry("sellable", "0");
        assertThat(sim.productImportCount()).isEqualTo(1);
    }

    private static String productImport(String reference, String lines) {
        return "<import type=\"product\" operation=\"merge\" externalReference=\"" + reference + "\"><![CDATA["
                + "externalReference=" + reference + "\n" + lines + "]]></import>";
    }
}
