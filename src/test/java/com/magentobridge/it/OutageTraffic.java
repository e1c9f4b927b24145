package com.magentobridge.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.assertj.core.api.SoftAssertions;

/**
 * What a back office and an orchestrator do to a bridge whose database has gone: inventory calls over SOAP and REST
 * (a burst at once, then a steady stream) and the liveness and readiness probes, each with the time it took to answer
 * or the client's timeout. The database's outage tests share it and its verdict: every call refused within the bound,
 * never acknowledged, and after the burst refused at once by the gate; liveness UP within a second; readiness not UP.
 */
final class OutageTraffic {

    /** Each inbound answer and readiness probe during the outage, generously (the bound is 2 s; it took 30 s before). */
    static final Duration ANSWER_BOUND = Duration.ofSeconds(5);
    /** What an orchestrator gives a liveness probe (Kubernetes' default timeoutSeconds). */
    static final Duration LIVENESS_BOUND = Duration.ofSeconds(1);
    /** Calls sent at once as the outage begins: a back office that does not wait for answers. */
    static final int BURST = 20;
    /** What the gate answers while the database is known to be down. */
    static final String DATABASE_UNAVAILABLE = "The database is unavailable: the message was not stored, send it again";

    private static final String INVENTORY = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    private static final String AUTH = BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD);

    /** One answered (or unanswered) call: what, the answer, and how long it took. */
    record Call(String kind, long messageSeqId, int status, String retryAfter, String body, long millis, String failure) {
        boolean answered() {
            return failure == null;
        }

        boolean inbound() {
            return messageSeqId != 0;
        }

        boolean acknowledged() {
            return status == 200 && body.contains("Success - Message");
        }

        /** 503 from the gate (or the REST edge), or the SOAP Server fault of a receipt that could not commit. */
        boolean refused() {
            return answered() && (status == 503 || (status == 500 && body.contains("soap:Server")));
        }

        /** What the gate answers while the database is known to be down. */
        boolean refusedAtOnce() {
            return answered() && status == 503 && retryAfter != null && body.contains(DATABASE_UNAVAILABLE);
        }

        @Override
        public String toString() {
            return kind + (messageSeqId == 0 ? "" : " #" + messageSeqId) + " → "
                    + (answered() ? status + (retryAfter == null ? "" : " Retry-After: " + retryAfter) + " "
                    + body.replaceAll("\\s+", " ") : failure) + " after " + millis + " ms";
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    OutageTraffic(BridgeClient bridge) {
        this.base = bridge.base();
    }

    /**
     * The outage as the back office and an orchestrator live it: {@link #BURST} calls at once, then for {@code outage}
     * a SOAP and a REST call and both probes every quarter of a second. The calls made, in the order they ended.
     */
    List<Call> during(Duration outage, String sku, LongSupplier ids) {
        long start = System.nanoTime();
        int first = calls.size();
        ExecutorService senders = Executors.newFixedThreadPool(BURST);
        try {
            List<CompletableFuture<Call>> burst = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                long id = ids.getAsLong();
                burst.add(CompletableFuture.supplyAsync(() -> inventory("burst", id, sku, 100 + id % 100, id), senders));
            }
            burst.forEach(CompletableFuture::join);
        } finally {
            senders.shutdownNow();
        }
        await("the outage").atMost(outage.multipliedBy(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    long soap = ids.getAsLong();
                    inventory("soap11", soap, sku, 100 + soap % 100, soap);
                    long rest = ids.getAsLong();
                    inventory("rest", rest, sku, 100 + rest % 100, rest);
                    probe("liveness", LIVENESS_BOUND);
                    probe("readiness", ANSWER_BOUND);
                    return System.nanoTime() - start >= outage.toNanos();
                });
        return List.copyOf(calls.subList(first, calls.size()));
    }

    /**
     * Every inbound call refused within the bound (503, or the SOAP Server fault of a receipt that could not commit) and
     * none acknowledged; after the burst (which reached the receipt before anything knew) refused at once by the gate,
     * naming the database, with Retry-After; liveness UP within a second; readiness answered and not UP.
     */
    static void assertRefusedThroughout(String test, List<Call> outage) {
        List<Call> inbound = outage.stream().filter(Call::inbound).toList();
        System.out.println(test + ": " + inbound.size() + " inbound calls during the outage, answers per kind and status "
                + outage.stream().collect(Collectors.groupingBy(c -> c.kind() + " " + (c.answered() ? c.status()
                : "unanswered"), TreeMap::new, Collectors.counting())) + "; slowest inbound answer "
                + slowest(inbound, "") + " ms (burst " + slowest(outage, "burst") + " ms, after it "
                + slowest(inbound.stream().filter(c -> !c.kind().equals("burst")).toList(), "") + " ms), slowest liveness "
                + slowest(outage, "liveness") + " ms, slowest readiness " + slowest(outage, "readiness") + " ms");
        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(inbound.stream().filter(c -> !c.answered()).map(Call::toString).toList())
                    .as("inbound calls not answered within %s during the outage (of %d)", ANSWER_BOUND, inbound.size())
                    .isEmpty();
            softly.assertThat(inbound.stream().filter(c -> c.answered() && !c.refused()).map(Call::toString).toList())
                    .as("inbound calls during the outage answered otherwise than refused (503, or a SOAP Server fault)")
                    .isEmpty();
            softly.assertThat(inbound.stream().filter(c -> !c.kind().equals("burst") && !c.refusedAtOnce())
                            .map(Call::toString).toList())
                    .as("calls after the burst not refused at once (503, Retry-After, the database named)").isEmpty();
            softly.assertThat(outage.stream().filter(c -> c.kind().equals("liveness")
                            && !(c.answered() && c.status() == 200 && c.body().contains("\"UP\""))).map(Call::toString).toList())
                    .as("liveness probes not UP within %s during the outage", LIVENESS_BOUND).isEmpty();
            softly.assertThat(outage.stream().filter(c -> c.kind().equals("readiness")
                            && !(c.answered() && c.status() == 503)).map(Call::toString).toList())
                    .as("readiness probes not answered 503 (not UP) within %s during the outage", ANSWER_BOUND).isEmpty();
        });
    }

    private static long slowest(List<Call> calls, String kind) {
        return calls.stream().filter(c -> c.kind().startsWith(kind)).mapToLong(Call::millis).max().orElse(0);
    }

    Call inventory(String kind, long messageSeqId, String sku, long qty, long seq) {
        HttpRequest.Builder request;
        if (kind.startsWith("rest")) {
            request = HttpRequest.newBuilder(URI.create(base + "/rest/V1/orderflow/inventory"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"productQtys\":[{\"sku\":\"" + sku + "\",\"qty\":" + qty
                            + "}],\"productSeqs\":[{\"sku\":\"" + sku + "\",\"seq\":" + seq + "}],\"messageSeqId\":"
                            + messageSeqId + "}"));
        } else {
            request = HttpRequest.newBuilder(URI.create(base + INVENTORY))
                    .header("Content-Type", "text/xml; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(BridgeClient.m2Envelope(messageSeqId,
                            BridgeClient.line(sku, qty, seq)), StandardCharsets.UTF_8));
        }
        return send(kind, messageSeqId, request.header("Authorization", AUTH).timeout(ANSWER_BOUND).build());
    }

    Call probe(String kind, Duration timeout) {
        String group = kind.startsWith("liveness") ? "liveness" : "readiness";
        return send(kind, 0, HttpRequest.newBuilder(URI.create(base + "/actuator/health/" + group))
                .timeout(timeout).GET().build());
    }

    private Call send(String kind, long messageSeqId, HttpRequest request) {
        long start = System.nanoTime();
        Call call;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            call = new Call(kind, messageSeqId, response.statusCode(), response.headers().firstValue("Retry-After")
                    .orElse(null), response.body(), (System.nanoTime() - start) / 1_000_000, null);
        } catch (IOException e) {
            call = new Call(kind, messageSeqId, 0, null, "", (System.nanoTime() - start) / 1_000_000, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        calls.add(call);
        return call;
    }
}
