package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A back office that does not wait for the bridge: SOAP 1.1, SOAP 1.2 and REST inventory calls and the liveness and
 * readiness probes, every 100 ms over real HTTP, from the moment Tomcat listens until the bridge acknowledges, and
 * again once its shutdown has begun. The whole bridge starts in this JVM, and its start is held at the moment a slow Camel start
 * would hold it (Tomcat listening, the context refreshed, Camel not started yet) until the test has seen enough, so
 * the window is there on every machine, however fast. Callers must never get a 404 or another error there, only a 503
 * with Retry-After saying the bridge is starting (or stopping) and nothing stored, and the start-up log raises no
 * false alarm.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupIT {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String INVENTORY = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String AUTH = BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD);
    private static final String STARTING = "The bridge is starting";
    private static final String STOPPING = "The bridge is stopping";
    /** Inbound calls answered while Camel is held before the test lets it start (five rounds). */
    private static final int HELD_CALLS = 15;
    private static final AtomicLong MESSAGE_IDS = new AtomicLong(8_000_000_000L + System.nanoTime() % 1_000_000_000L);

    /** One answered call: what was called (messageSeqId 0 for probes), in which phase, and the answer. */
    record Call(String kind, long messageSeqId, String phase, int status, String retryAfter, String contentType,
                String body) {
        boolean inbound() {
            return !kind.startsWith("probe");
        }

        @Override
        public String toString() {
            return phase + ": " + kind + " #" + messageSeqId + " → " + status
                    + (retryAfter == null ? "" : " Retry-After: " + retryAfter) + " " + body.replaceAll("\\s+", " ");
        }
    }

    /**
     * Holds the start-up where a slow Camel start holds it (Tomcat listens, Camel is not started: Spring starts the
     * web server before it publishes ContextRefreshedEvent, on which Camel starts) and the shutdown where it begins.
     */
    static final class Hold implements ApplicationListener<ApplicationEvent>, Ordered {
        final CountDownLatch start = new CountDownLatch(1);
        final CountDownLatch stop = new CountDownLatch(1);
        volatile int port;
        volatile boolean stopping;

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof WebServerInitializedEvent web) {
                port = web.getWebServer().getPort();
            } else if (event instanceof ContextRefreshedEvent) {
                hold(start);
            } else if (event instanceof ContextClosedEvent) {
                stopping = true;
                hold(stop);
            }
        }

        private static void hold(CountDownLatch latch) {
            try {
                latch.await(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void release() {
            start.countDown();
            stop.countDown();
        }

        @Override
        public int getOrder() {
            return HIGHEST_PRECEDENCE;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Hold hold = new Hold();
    private CompletableFuture<ConfigurableApplicationContext> starting;
    private volatile String database;

    @AfterEach
    void stopBridge() {
        hold.release();
        starting.thenAccept(ConfigurableApplicationContext::close).exceptionally(failed -> null).join();
    }

    @Test
    void callsWhileTheBridgeStartsOrStopsGet503WithRetryAfterNeverANotFoundAndTheLogRaisesNoFalseAlarm(
            CapturedOutput output) throws Exception {
        starting = CompletableFuture.supplyAsync(this::startBridge);

        // Tomcat takes calls while Camel's start is held: the back office keeps calling, the probes keep probing
        await("Tomcat answering while Camel is held").atMost(WAIT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    round("held");
                    return calls.stream().filter(Call::inbound).count() >= HELD_CALLS;
                });
        hold.start.countDown();
        await("the first SOAP acknowledgement").atMost(WAIT).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    round("starting");
                    return calls.stream().anyMatch(c -> c.kind().startsWith("soap") && c.status() == 200);
                });
        ConfigurableApplicationContext context = starting.get(1, TimeUnit.MINUTES);
        String startupLog = output.getAll();

        // the shutdown begins (readiness refuses traffic; Tomcat still listens, Camel still runs)
        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
        await("the shutdown begins").atMost(WAIT).until(() -> hold.stopping);
        round("stopping");
        hold.stop.countDown();
        closing.get(1, TimeUnit.MINUTES);

        List<Call> inbound = calls.stream().filter(Call::inbound).toList();
        System.out.println("StartupIT answers per phase, call and status: " + calls.stream().collect(Collectors.groupingBy(
                c -> c.phase() + " " + c.kind() + " " + c.status(), TreeMap::new, Collectors.counting())));
        Set<Long> acked = inbound.stream().filter(this::isAck).map(Call::messageSeqId)
                .collect(Collectors.toCollection(TreeSet::new));
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(inbound.stream().filter(c -> c.phase().equals("held")).count())
                    .as("calls answered while Camel was held").isGreaterThanOrEqualTo(HELD_CALLS);
            softly.assertThat(inbound.stream().filter(c -> !isAck(c) && !isRetryLater(c, STARTING)
                            && !isRetryLater(c, STOPPING)).map(Call::toString).toList())
                    .as("every answer is the acknowledgement or a 503 'the bridge is starting/stopping' with Retry-After, "
                            + "in the SOAP version or JSON of the call (of %d answers)", inbound.size())
                    .isEmpty();
            softly.assertThat(inbound.stream().filter(c -> c.phase().equals("held") && !isRetryLater(c, STARTING))
                    .map(Call::toString).toList()).as("while Camel is held: every call refused as starting").isEmpty();
            softly.assertThat(inbound.stream().filter(c -> c.phase().equals("stopping")).count())
                    .as("calls answered once the shutdown began").isEqualTo(3);
            softly.assertThat(inbound.stream().filter(c -> c.phase().equals("stopping") && !isRetryLater(c, STOPPING))
                    .map(Call::toString).toList()).as("once the shutdown began: every call refused as stopping").isEmpty();

            softly.assertThat(probes("held", "probe-liveness", c -> c.status() == 200 && c.body().contains("\"UP\"")))
                    .as("liveness while starting: UP (a restart would only start it again)").isEmpty();
            softly.assertThat(probes("held", "probe-readiness",
                            c -> c.status() == 503 && c.body().contains("\"OUT_OF_SERVICE\"")))
                    .as("readiness while starting: OUT_OF_SERVICE").isEmpty();
            softly.assertThat(probes("stopping", "probe-readiness",
                            c -> c.status() == 503 && c.body().contains("\"OUT_OF_SERVICE\"")))
                    .as("readiness once the shutdown began: OUT_OF_SERVICE").isEmpty();

            softly.assertThat(acked).as("acknowledged").isNotEmpty();
            softly.assertThat(stored()).as("stored: exactly the acknowledged messages, nothing refused").isEqualTo(acked);

            softly.assertThat(startupLog.lines().filter(line -> line.contains("is shutting down")
                            || line.contains("Can't find the request") || line.contains("Probe in group")).toList())
                    .as("false alarms in the start-up log").isEmpty();
        });
    }

    /** The probes of a phase that did not answer as expected. */
    private List<String> probes(String phase, String kind, Predicate<Call> expected) {
        return calls.stream().filter(c -> c.phase().equals(phase) && c.kind().equals(kind) && !expected.test(c))
                .map(Call::toString).toList();
    }

    private boolean isAck(Call call) {
        return call.status() == 200 && call.body().contains("Success - Message " + call.messageSeqId() + " Received");
    }

    /** 503, Retry-After in seconds, the reason, in the shape of the bridge's other errors on that edge. */
    private boolean isRetryLater(Call call, String reason) {
        if (call.status() != 503 || call.retryAfter() == null || !call.retryAfter().matches("[1-9][0-9]*")
                || !call.body().contains(reason)) {
            return false;
        }
        return switch (call.kind()) {
            case "soap11" -> call.contentType().startsWith("text/xml") && call.body().startsWith("<soap:Envelope xmlns:soap=\"" + SOAP11)
                    && call.body().contains("<faultcode>soap:Server</faultcode><faultstring>" + reason);
            case "soap12" -> call.contentType().startsWith("application/soap+xml")
                    && call.body().startsWith("<env:Envelope xmlns:env=\"" + SOAP12)
                    && call.body().contains("<env:Value>env:Receiver</env:Value>");
            case "rest" -> call.contentType().startsWith("application/json") && message(call.body()).startsWith(reason);
            default -> false;
        };
    }

    private String message(String body) {
        try {
            return json.readTree(body).path("message").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    /** One round of what the back office and an orchestrator do; a call nobody answers yet (no listener) is not kept. */
    private void round(String phase) {
        assertThat(starting.isCompletedExceptionally()).as("the bridge failed to start").isFalse();
        if (hold.port == 0) {
            return;
        }
        String base = "http://127.0.0.1:" + hold.port;
        long soap11 = MESSAGE_IDS.incrementAndGet();
        send("soap11", soap11, phase, soap(base, BridgeClient.m2Envelope(soap11, BridgeClient.line("STARTUP-IT-1", 5, soap11)),
                "text/xml; charset=utf-8"));
        long soap12 = MESSAGE_IDS.incrementAndGet();
        send("soap12", soap12, phase, soap(base, BridgeClient.m2Envelope(soap12, BridgeClient.line("STARTUP-IT-2", 5, soap12))
                .replace(SOAP11, SOAP12), "application/soap+xml; charset=utf-8"));
        long rest = MESSAGE_IDS.incrementAndGet();
        send("rest", rest, phase, HttpRequest.newBuilder(URI.create(base + "/rest/V1/orderflow/inventory"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", AUTH).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productQtys\":[{\"sku\":\"STARTUP-IT-3\",\"qty\":5}],"
                        + "\"productSeqs\":[{\"sku\":\"STARTUP-IT-3\",\"seq\":" + rest + "}],\"messageSeqId\":" + rest + "}"))
                .build());
        send("probe-liveness", 0, phase, HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness"))
                .timeout(Duration.ofSeconds(30)).GET().build());
        send("probe-readiness", 0, phase, HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static HttpRequest soap(String base, String envelope, String contentType) {
        return HttpRequest.newBuilder(URI.create(base + INVENTORY)).timeout(Duration.ofSeconds(30))
                .header("Authorization", AUTH).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)).build();
    }

    private void send(String kind, long messageSeqId, String phase, HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            calls.add(new Call(kind, messageSeqId, phase, response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""), response.body()));
        } catch (IOException notListening) {
            // nothing answered: nothing to judge
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The inventory messages in the bridge's database (in memory: it outlives the closed bridge). */
    private Set<Long> stored() {
        return new TreeSet<>(new JdbcTemplate(new DriverManagerDataSource(database, "sa", ""))
                .queryForList("SELECT message_seq_id FROM inbound_request WHERE flow = 'inventory'", Long.class));
    }

    private ConfigurableApplicationContext startBridge() {
        String run = UUID.randomUUID().toString();
        database = "jdbc:h2:mem:startup-" + run + ";DB_CLOSE_DELAY=-1";
        for (String sku : List.of("STARTUP-IT-1", "STARTUP-IT-2", "STARTUP-IT-3")) {
            SharedMagento.SIMULATOR.addProduct(sku);
        }
        return InJvmBridge.on(database, "startup-it", "CamelServletStartup")
                .with("bridge.cluster.name", "startup-" + run)
                .with("bridge.orders.import.enabled", "false")
                .with("bridge.retention.enabled", "false")
                .start(hold);
    }
}
