package com.magentobridge.backoffice.orderflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

/** {@link OrderFlowExporter} against {@link OrderFlowSimulator} over real HTTP. */
class OrderFlowExporterTest {

    /** The statuses bridge.retry.default retries out of the box. */
    private static final TransientStatuses DEFAULT_STATUSES =
            new RetryPolicies(new BridgeProperties().getRetry()).defaults().transientStatuses();
    private static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();

    private static final String USER = "magento-exporter";
    private static final String PASSWORD = "s3cret-Pa55";
    private static final Duration CONNECT = Duration.ofSeconds(2);
    private static final Duration READ = Duration.ofSeconds(5);

    private static OrderFlowSimulator orderFlow;
    private OrderFlowExporter exporter;

    @BeforeAll
    static void startSimulator() {
        orderFlow = new OrderFlowSimulator(USER, PASSWORD).start(0);
    }

    @AfterAll
    static void stopSimulator() {
        orderFlow.stop();
    }

    @BeforeEach
    void setUp() {
        orderFlow.reset();
        exporter = new OrderFlowExporter(orderFlow.baseUrl() + "/", USER, PASSWORD, CONNECT, READ, DEFAULT_STATUSES, METERS);
    }

    @AfterEach
    void tearDown() {
        exporter.close();
    }

    @Test
    void everyCallIsAPrometheusLatencyHistogramByEndpointAndStatus() {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (OrderFlowExporter timed = new OrderFlowExporter(orderFlow.baseUrl(), USER, PASSWORD, CONNECT, READ,
                DEFAULT_STATUSES, prometheus)) {
            timed.export(List.of(TestOrders.item("000000209")));
            orderFlow.failNext(1, 503);
            assertThatThrownBy(() -> timed.export(List.of(TestOrders.item("000000210"))))
                    .isInstanceOf(BackOfficeTransientException.class);
        }

        assertThat(prometheus.scrape())
                .contains("bridge_backoffice_calls_seconds_bucket{endpoint=\"orderflow.import\",method=\"POST\","
                        + "status=\"200\",le=")
                .contains("bridge_backoffice_calls_seconds_count{endpoint=\"orderflow.import\",method=\"POST\","
                        + "status=\"503\"} 1");
    }

    @Test
    void importsOrdersAndReportsSuccess() {
        List<ExportItem> items = List.of(TestOrders.item("000000201"), TestOrders.item("000000202"));

        ExportReport report = exporter.export(items);

        assertThat(exporter.type()).isEqualTo("orderflow");
        assertThat(report.outcomes()).containsExactly(
                Map.entry("000000201", new ExportOutcome(Result.Success, null)),
                Map.entry("000000202", new ExportOutcome(Result.Success, null)));
        assertThat(report.messageId()).isEqualTo("sim-1");
        assertThat(report.requestBody()).isEqualTo(OrderFlowImportsDocument.build(items));
        assertThat(report.responseBody()).contains("<importSuccesses>");
        assertThat(orderFlow.importCount()).isEqualTo(2);
        assertThat(orderFlow.imported("000000201"))
                .isEqualTo(OrderFlowImportsDocument.keyValues(items.get(0)))
                .containsEntry("orderLine.2.product.externalReference", "MUG");
        OrderFlowSimulator.Received call = orderFlow.received().get(0);
        assertThat(call.path()).isEqualTo("/remoteorder/imports/importitems.xml");
        assertThat(call.contentType()).isEqualTo("application/xml");
        assertThat(call.organisation()).isEqualTo("ACME");
        assertThat(call.channel()).isEqualTo("magento");
        assertThat(call.body()).isEqualTo(report.requestBody());
    }

    @Test
    void theSecondExportOfAnOrderIsADuplicate() {
        exporter.export(List.of(TestOrders.item("000000211")));

        ExportReport again = exporter.export(List.of(TestOrders.item("000000211"), TestOrders.item("000000212")));

        assertThat(again.outcomes().get("000000211").result()).isEqualTo(Result.Duplicate);
        assertThat(again.outcomes().get("000000211").message()).isEqualTo("Order 000000211 already exists");
        assertThat(again.outcomes().get("000000212").result()).isEqualTo(Result.Success);
        assertThat(orderFlow.importCount()).isEqualTo(2);
    }

    @Test
    void aConfiguredFailureIsReportedWithItsMessage() {
        orderFlow.failReference("000000221", "Product MUG is not active");

        ExportReport report = exporter.export(List.of(TestOrders.item("000000221"), TestOrders.item("000000222")));

        assertThat(report.outcomes().get("000000221")).isEqualTo(new ExportOutcome(Result.Failed,
                "Product MUG is not active - Import of order 000000221 failed"));
        assertThat(report.outcomes().get("000000222").result()).isEqualTo(Result.Success);
        assertThat(orderFlow.imported("000000221")).isNull();
    }

    @Test
    void anOrderTheBackOfficeRefusesAsInvalidIsFailed() {
        ExportItem noLines = TestOrders.item(new com.magentobridge.order.CanonicalOrder(1, "000000231", 1, "s",
                "new", "pending", null, java.time.Instant.EPOCH, "EUR", "EUR", null, "checkmo", null, null, null,
                null, null, null, null, null, List.of(), false, false, null), "magento");

        ExportReport report = exporter.export(List.of(noLines));

        assertThat(report.outcomes().get("000000231").result()).isEqualTo(Result.Failed);
        assertThat(report.outcomes().get("000000231").message()).startsWith("Order has no order lines");
    }

    @Test
    void aWrongPasswordIsACredentialsRejectionThatDoesNotShowThePassword() {
        try (OrderFlowExporter wrong = new OrderFlowExporter(orderFlow.baseUrl(), USER, "not-" + PASSWORD, CONNECT,
                READ, DEFAULT_STATUSES, METERS)) {
            assertThatThrownBy(() -> wrong.export(List.of(TestOrders.item("000000241"))))
                    .isInstanceOf(BackOfficeRejectedException.class)
                    .hasMessageStartingWith("credentials refused by the back office (HTTP 401)")
                    .hasMessageContaining(USER)
                    .hasMessageNotContaining(PASSWORD);
            assertThat(wrong.toString()).doesNotContain(PASSWORD);
        }
        assertThat(orderFlow.received()).isEmpty();
        assertThat(orderFlow.importCount()).isZero();
    }

    @Test
    void serverErrorsAndThrottlingAreTransient() {
        orderFlow.failNext(1, 500).failNext(1, 503).failNext(1, 429);

        for (int status : new int[] {500, 503, 429}) {
            assertThatThrownBy(() -> exporter.export(List.of(TestOrders.item("000000251"))))
                    .isInstanceOf(BackOfficeTransientException.class)
                    .hasMessageContaining("answered HTTP " + status)
                    .hasMessageContaining("Simulated failure " + status)
                    .hasMessageNotContaining(PASSWORD);
        }
        assertThat(orderFlow.importCount()).isZero();

        ExportReport report = exporter.export(List.of(TestOrders.item("000000251")));
        assertThat(report.outcomes().get("000000251").result()).isEqualTo(Result.Success);
    }

    @Test
    void theExportsOwnTransientStatusesDecideWhatIsRetried() {
        try (OrderFlowExporter ownPolicy = new OrderFlowExporter(orderFlow.baseUrl(), USER, PASSWORD, CONNECT, READ,
                TransientStatuses.of(List.of(409, 502)), METERS)) {
            orderFlow.failNext(1, 409).failNext(1, 503);

            assertThatThrownBy(() -> ownPolicy.export(List.of(TestOrders.item("000000255"))))
                    .isInstanceOf(BackOfficeTransientException.class).hasMessageContaining("answered HTTP 409");
            assertThatThrownBy(() -> ownPolicy.export(List.of(TestOrders.item("000000255"))))
                    .isInstanceOf(BackOfficeRejectedException.class).hasMessageContaining("refused with HTTP 503");
        }
        assertThat(orderFlow.importCount()).isZero();
    }

    @Test
    void otherClientErrorsAreRejectionsWithTheBodyText() {
        orderFlow.failNext(1, 404);

        assertThatThrownBy(() -> exporter.export(List.of(TestOrders.item("000000261"))))
                .isInstanceOf(BackOfficeRejectedException.class)
                .hasMessageEndingWith("refused with HTTP 404: Simulated failure 404");
    }

    @Test
    void aBadRequestCarriesTheBackOfficesExplanation() {
        ExportItem noChannel = new ExportItem(TestOrders.smallOrder("000000262"), "new", "CHECKMO", null, "ACME",
                "WH1");

        assertThatThrownBy(() -> exporter.export(List.of(noChannel)))
                .isInstanceOf(BackOfficeRejectedException.class)
                .hasMessageContaining("HTTP 400: organisation and channel are required query parameters");
    }

    @Test
    void aBatchIsSentOncePerOrganisationAndChannelAndTheReportsAreMerged() {
        List<ExportItem> items = List.of(
                TestOrders.item(TestOrders.smallOrder("000000271"), "web"),
                TestOrders.item(TestOrders.smallOrder("000000272"), "b2b"),
                TestOrders.item(TestOrders.smallOrder("000000273"), "web"),
                new ExportItem(TestOrders.smallOrder("000000274"), "new", "CHECKMO", "web", "OTHER ORG", "WH2"));

        ExportReport report = exporter.export(items);

        assertThat(report.outcomes()).containsOnlyKeys("000000271", "000000272", "000000273", "000000274")
                .allSatisfy((reference, outcome) -> assertThat(outcome.result()).isEqualTo(Result.Success));
        assertThat(orderFlow.received()).extracting(OrderFlowSimulator.Received::organisation,
                        OrderFlowSimulator.Received::channel)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACME", "web"),
                        org.assertj.core.groups.Tuple.tuple("ACME", "b2b"),
                        org.assertj.core.groups.Tuple.tuple("OTHER ORG", "web"));
        assertThat(orderFlow.received().get(0).body()).contains("externalReference=\"000000271\"",
                "externalReference=\"000000273\"").doesNotContain("000000272");
        assertThat(report.messageId()).isEqualTo("sim-1,sim-2,sim-3");
        assertThat(report.requestBody()).isEqualTo(String.join("\n",
                orderFlow.received().stream().map(OrderFlowSimulator.Received::body).toList()));
        assertThat(exporter.importUri("OTHER ORG", "web").toString())
                .isEqualTo(orderFlow.baseUrl() + "/remoteorder/imports/importitems.xml?channel=web"
                        + "&organisation=OTHER+ORG");
    }

    @Test
    void aSlowBackOfficeIsTransient() {
        orderFlow.latency(Duration.ofMillis(1500));
        try (OrderFlowExporter impatient = new OrderFlowExporter(orderFlow.baseUrl(), USER, PASSWORD, CONNECT,
                Duration.ofMillis(200), DEFAULT_STATUSES, METERS)) {
            assertThatThrownBy(() -> impatient.export(List.of(TestOrders.item("000000281"))))
                    .isInstanceOf(BackOfficeTransientException.class)
                    .hasMessageContaining("failed without an answer")
                    .hasMessageContaining("Timeout");
        }
        // the simulator finishes the call on its own; wait for it so the next test starts clean
        await().atMost(Duration.ofSeconds(5)).until(() -> orderFlow.received().size() == 1);
    }

    @Test
    void noBackOfficeListeningIsTransient() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (OrderFlowExporter nowhere = new OrderFlowExporter("http://127.0.0.1:" + port, USER, PASSWORD, CONNECT,
                READ, DEFAULT_STATUSES, METERS)) {
            assertThatThrownBy(() -> nowhere.export(List.of(TestOrders.item("000000291"))))
                    .isInstanceOf(BackOfficeTransientException.class)
                    .hasMessageContaining("failed without an answer")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void anEmptyBatchCallsNobody() {
        ExportReport report = exporter.export(List.of());

        assertThat(report.outcomes()).isEmpty();
        assertThat(orderFlow.received()).isEmpty();
    }

    @Test
    void badSettingsAreRefusedUpFront() {
        assertThatThrownBy(() -> new OrderFlowExporter(" ", USER, PASSWORD, CONNECT, READ, DEFAULT_STATUSES, METERS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OrderFlowExporter("http://x", USER, PASSWORD, Duration.ZERO, READ, DEFAULT_STATUSES, METERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }

    @Test
    void ordersTheAnswerDoesNotMentionAreFailedAndAnUnreadableAnswerIsARejection() throws Exception {
        String[] answer = {"<importReport><importSuccesses><import externalReference=\"000000302\"/>"
                + "</importSuccesses></importReport>"};
        HttpServer stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = answer[0].getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        stub.start();
        try (OrderFlowExporter toStub = new OrderFlowExporter("http://127.0.0.1:" + stub.getAddress().getPort(),
                USER, PASSWORD, CONNECT, READ, DEFAULT_STATUSES, METERS)) {
            ExportReport report = toStub.export(List.of(TestOrders.item("000000301"), TestOrders.item("000000302")));

            assertThat(report.outcomes()).containsExactly(
                    Map.entry("000000301", new ExportOutcome(Result.Failed, "not mentioned in the back office's answer")),
                    Map.entry("000000302", new ExportOutcome(Result.Success, null)));

            answer[0] = "<html><body>Proxy error</body>";
            assertThatThrownBy(() -> toStub.export(List.of(TestOrders.item("000000303"))))
                    .isInstanceOf(BackOfficeRejectedException.class)
                    .hasMessageContaining("not readable XML")
                    .hasMessageContaining("Proxy error");
        } finally {
            stub.stop(0);
        }
    }
}
