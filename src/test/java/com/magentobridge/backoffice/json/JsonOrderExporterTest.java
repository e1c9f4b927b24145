package com.magentobridge.backoffice.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.magentobridge.backoffice.BackOfficeRejectedException;
import com.magentobridge.backoffice.BackOfficeTransientException;
import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.ExportOutcome.Result;
import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.backoffice.ExportReport;
import com.magentobridge.backoffice.TestOrders;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.retry.TransientStatuses;
import com.magentobridge.simulator.backoffice.OrderFlowSimulator;

/** {@link JsonOrderExporter} against the simulator's JSON endpoint over real HTTP, plus the answer contract. */
class JsonOrderExporterTest {

    /** The statuses bridge.retry.default retries out of the box. */
    private static final TransientStatuses DEFAULT_STATUSES =
            new RetryPolicies(new BridgeProperties().getRetry()).defaults().transientStatuses();
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    private static final String USER = "erp";
    private static final String PASSWORD = "erp-Pa55word";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static OrderFlowSimulator backOffice;
    private JsonOrderExporter exporter;

    @BeforeAll
    static void start() {
        backOffice = new OrderFlowSimulator(USER, PASSWORD).start(0);
    }

    @AfterAll
    static void stop() {
        backOffice.stop();
    }

    @BeforeEach
    void setUp() {
        backOffice.reset();
        exporter = new JsonOrderExporter(backOffice.jsonUrl(), USER, PASSWORD, TIMEOUT, TIMEOUT, DEFAULT_STATUSES, METERS);
    }

    @AfterEach
    void tearDown() {
        exporter.close();
    }

    @Test
    void sendsTheCanonicalOrderWithItsBackOfficeValues() throws Exception {
        ExportItem item = TestOrders.item("000000301");

        ExportReport report = exporter.export(List.of(item));

        assertThat(exporter.type()).isEqualTo("json");
        assertThat(report.outcomes()).containsExactly(Map.entry("000000301", new ExportOutcome(Result.Success, null)));
        JsonNode sent = backOffice.jsonOrder("000000301");
        assertThat(sent.get("incrementId").asText()).isEqualTo("000000301");
        assertThat(sent.get("entityId").asLong()).isEqualTo(501);
        assertThat(sent.get("updatedAt").asText()).isEqualTo("2024-03-01T10:05:00Z");
        assertThat(sent.at("/totals/grandTotal").decimalValue()).isEqualByComparingTo("126");
        assertThat(sent.at("/lines/0/sku").asText()).isEqualTo("TEE-RED-M");
        assertThat(sent.at("/lines/1/qtyOrdered").asText()).isEqualTo("1.5");
        assertThat(sent.at("/shippingAddress/street/0").asText()).isEqualTo("12 High Street");
        assertThat(sent.has("edit")).isTrue();
        assertThat(sent.get("edit").isNull()).isTrue();
        assertThat(sent.get("backOffice")).isEqualTo(TestOrders.JSON.readTree(
                "{\"status\":\"new\",\"paymentMethod\":\"CHECKMO\",\"channel\":\"magento\","
                        + "\"organisation\":\"ACME\",\"site\":\"WH1\"}"));
        OrderFlowSimulator.Received call = backOffice.received().get(0);
        assertThat(call.path()).isEqualTo("/erp/orders");
        assertThat(call.contentType()).isEqualTo("application/json");
        assertThat(call.body()).isEqualTo(report.requestBody()).startsWith("{\"orders\":[{\"entityId\":501,");
        assertThat(report.responseBody()).contains("\"results\"");
    }

    @Test
    void duplicatesAndFailuresComeBackPerOrder() {
        exporter.export(List.of(TestOrders.item("000000311")));
        backOffice.failReference("000000313", "customer account is blocked");

        ExportReport report = exporter.export(List.of(TestOrders.item("000000311"), TestOrders.item("000000312"),
                TestOrders.item("000000313")));

        assertThat(report.outcomes()).containsExactly(
                Map.entry("000000311", new ExportOutcome(Result.Duplicate, "Order 000000311 already received")),
                Map.entry("000000312", new ExportOutcome(Result.Success, null)),
                Map.entry("000000313", new ExportOutcome(Result.Failed, "customer account is blocked")));
        assertThat(backOffice.jsonOrderCount()).isEqualTo(2);
    }

    @Test
    void errorsAreClassifiedLikeOrderFlows() {
        try (JsonOrderExporter wrong = new JsonOrderExporter(backOffice.jsonUrl(), USER, "nope", TIMEOUT, TIMEOUT,
                DEFAULT_STATUSES, METERS)) {
            assertThatThrownBy(() -> wrong.export(List.of(TestOrders.item("000000321"))))
                    .isInstanceOf(BackOfficeRejectedException.class)
                    .hasMessageStartingWith("credentials refused by the back office (HTTP 401)");
        }
        backOffice.failNext(1, 502).failNext(1, 422);
        assertThatThrownBy(() -> exporter.export(List.of(TestOrders.item("000000321"))))
                .isInstanceOf(BackOfficeTransientException.class).hasMessageContaining("HTTP 502");
        assertThatThrownBy(() -> exporter.export(List.of(TestOrders.item("000000321"))))
                .isInstanceOf(BackOfficeRejectedException.class)
                .hasMessageEndingWith("refused with HTTP 422: Simulated failure 422")
                .hasMessageNotContaining(PASSWORD);
        assertThat(backOffice.jsonOrderCount()).isZero();
    }

    @Test
    void answerContract() {
        Map<String, ExportOutcome> outcomes = JsonOrderExporter.parseResults("""
                {"results": [
                  {"externalReference": "1", "result": "SUCCESS"},
                  {"externalReference": "2", "result": "duplicate", "message": "had it"},
                  {"externalReference": "3", "result": "failed"},
                  {"externalReference": "4", "result": "maybe", "message": "thinking"},
                  {"externalReference": "5", "result": "success"},
                  {"externalReference": "5", "result": "failed", "message": "second thoughts"},
                  {"result": "success"}
                ]}
                """);

        assertThat(outcomes).containsExactly(
                Map.entry("1", new ExportOutcome(Result.Success, null)),
                Map.entry("2", new ExportOutcome(Result.Duplicate, "had it")),
                Map.entry("3", new ExportOutcome(Result.Failed, "failed without a message")),
                Map.entry("4", new ExportOutcome(Result.Failed, "unknown result 'maybe': thinking")),
                Map.entry("5", new ExportOutcome(Result.Failed, "second thoughts")));
    }

    @Test
    void anUnreadableAnswerIsARejection() {
        assertThatThrownBy(() -> JsonOrderExporter.parseResults("<html>oops</html>"))
                .isInstanceOf(BackOfficeRejectedException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> JsonOrderExporter.parseResults("{\"ok\":true}"))
                .isInstanceOf(BackOfficeRejectedException.class).hasMessageContaining("no \"results\" array");
    }

    @Test
    void ordersTheAnswerDoesNotMentionAreFailedAndStrangersAreIgnored() throws Exception {
        HttpServer forgetful = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        forgetful.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"results\":[{\"externalReference\":\"someone-else\",\"result\":\"success\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        forgetful.start();
        try (JsonOrderExporter toForgetful = new JsonOrderExporter(
                "http://127.0.0.1:" + forgetful.getAddress().getPort() + "/orders", USER, PASSWORD, TIMEOUT, TIMEOUT,
                DEFAULT_STATUSES, METERS)) {
            ExportReport report = toForgetful.export(List.of(TestOrders.item("000000331")));

            assertThat(report.outcomes()).containsExactly(Map.entry("000000331",
                    new ExportOutcome(Result.Failed, "not mentioned in the back office's answer")));
        } finally {
            forgetful.stop(0);
        }
    }
}
