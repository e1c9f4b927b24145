package com.magentobridge.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.magentobridge.it.BridgeClient;

/**
 * A back office sending SOAP messages to the live bridges at a steady pace, whatever the answers (open loop): a message
 * not acknowledged (refused, no answer, the bridge gone) is sent again a quarter of a second later, to whichever bridge
 * is live, until it is. Every attempt is kept with its start and how long the answer took.
 */
final class Traffic implements AutoCloseable {

    /** One message: its messageSeqId, the SOAP path it goes to and the envelope. */
    record Message(long id, String path, String envelope) { }

    /**
     * One call: which message, to which bridge (its base URL), when it started (System.nanoTime), how long it took, and
     * the answer or the failure.
     */
    record Attempt(long messageId, String bridge, long startNanos, long millis, int status, boolean acknowledged,
                   String failure) {
        boolean answered() {
            return failure == null;
        }

        long endNanos() {
            return startNanos + millis * 1_000_000;
        }
    }

    static final String INVENTORY = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    static final String SHIPMENT = "/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1";
    private static final String AUTH = BridgeClient.basic(BridgeClient.INBOUND_USER, BridgeClient.INBOUND_PASSWORD);
    private static final Duration RESEND_AFTER = Duration.ofMillis(250);
    /** A call's own timeout: far above anything a bridge should take, so slowness is measured, not cut. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(15);

    private final List<Message> messages;
    private final Supplier<List<String>> bridges;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService senders = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Message> resend = new ConcurrentLinkedQueue<>();
    private final AtomicInteger nextFresh = new AtomicInteger();
    private final AtomicLong turn = new AtomicLong();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
    private volatile int freshLimit;

    /** {@code bridges}: the base URLs of the bridges live now (none: nothing is sent until one is). */
    Traffic(List<Message> messages, Supplier<List<String>> bridges) {
        this.messages = List.copyOf(messages);
        this.bridges = bridges;
        this.freshLimit = messages.size();
    }

    /** Starts sending, {@code perSecond} calls a second (new messages and messages sent again alike). */
    Traffic start(double perSecond) {
        long period = (long) (1_000_000_000L / perSecond);
        ticker.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
        return this;
    }

    /** No new message from now on; the ones sent and not acknowledged yet are still sent again until they are. */
    void stopNewMessages() {
        freshLimit = Math.min(freshLimit, nextFresh.get());
    }

    /** The messages handed out so far (sent at least once), in order. */
    List<Message> sent() {
        return messages.subList(0, Math.min(nextFresh.get(), messages.size()));
    }

    /** True once every message handed out has been acknowledged. */
    boolean allAcknowledged() {
        return sent().stream().allMatch(m -> acknowledged.contains(m.id()));
    }

    Set<Long> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    List<Attempt> attempts() {
        synchronized (attempts) {
            return List.copyOf(attempts);
        }
    }

    /** Attempts whose call overlapped [from, to) (System.nanoTime). */
    List<Attempt> attemptsDuring(long from, long to) {
        return attempts().stream().filter(a -> a.startNanos() < to && a.endNanos() >= from).toList();
    }

    private void tick() {
        try {
            List<String> live = bridges.get();
            if (live.isEmpty()) {
                return;
            }
            Message message = resend.poll();
            if (message == null) {
                int index = nextFresh.get();
                if (index >= freshLimit || !nextFresh.compareAndSet(index, index + 1)) {
                    return;
                }
                message = messages.get(index);
            }
            String base = live.get((int) (turn.getAndIncrement() % live.size()));
            Message chosen = message;
            senders.execute(() -> send(base, chosen));
        } catch (RuntimeException e) {
            System.err.println("[faults] traffic tick failed: " + e);
        }
    }

    private void send(String base, Message message) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + message.path())).timeout(CALL_TIMEOUT)
                .header("Content-Type", "text/xml; charset=utf-8").header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofString(message.envelope(), StandardCharsets.UTF_8)).build();
        long start = System.nanoTime();
        Attempt attempt;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean ack = response.statusCode() == 200 && response.body().contains("Received");
            attempt = new Attempt(message.id(), base, start, (System.nanoTime() - start) / 1_000_000,
                    response.statusCode(), ack, null);
        } catch (IOException e) {
            attempt = new Attempt(message.id(), base, start, (System.nanoTime() - start) / 1_000_000, 0, false,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        attempts.add(attempt);
        if (attempt.acknowledged()) {
            acknowledged.add(message.id());
        } else if (!ticker.isShutdown()) {
            ticker.schedule(() -> resend.add(message), RESEND_AFTER.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        senders.shutdownNow();
    }
}
