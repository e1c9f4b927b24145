package com.magentobridge.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An orchestrator's probes of one bridge while it lives: liveness and readiness, each every quarter of a second on its
 * own thread, each answer with the time it took (up to 5 s, far beyond the 1 s an orchestrator gives). Stopped before
 * the bridge is killed: a probe cut by the kill is not the bridge's answer.
 */
final class Probes implements AutoCloseable {

    /** One probe: liveness or readiness, when (System.nanoTime), how long, the status (0: no answer) and the body. */
    record Probe(String group, long startNanos, long millis, int status, String body) {
        boolean up() {
            return status == 200 && body.contains("\"UP\"");
        }
    }

    private static final Duration EVERY = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String base;
    private final List<Probe> sink;
    private final List<Thread> threads;
    private volatile boolean stopped;

    /** A copy of a synchronized list of probes, taken under its lock (its stream would race the probing threads). */
    static List<Probe> snapshot(List<Probe> probes) {
        synchronized (probes) {
            return new java.util.ArrayList<>(probes);
        }
    }

    /** Probes the bridge at {@code base} into {@code sink} (a synchronized list the scenario keeps). */
    Probes(String base, List<Probe> sink) {
        this.base = base;
        this.sink = sink;
        this.threads = List.of(probing("liveness"), probing("readiness"));
        threads.forEach(Thread::start);
    }

    private Thread probing(String group) {
        Thread thread = new Thread(() -> {
            while (!stopped) {
                long start = System.nanoTime();
                Probe probe = probe(group, start);
                if (!stopped) {
                    sink.add(probe);
                }
                long rest = EVERY.toNanos() - (System.nanoTime() - start);
                if (rest > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(rest);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "faults-probe-" + group);
        thread.setDaemon(true);
        return thread;
    }

    private Probe probe(String group, long start) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/actuator/health/" + group)).timeout(TIMEOUT)
                .GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Probe(group, start, (System.nanoTime() - start) / 1_000_000, response.statusCode(), response.body());
        } catch (IOException e) {
            return new Probe(group, start, (System.nanoTime() - start) / 1_000_000, 0, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(group, start, 0, 0, "interrupted");
        }
    }

    @Override
    public void close() {
        stopped = true;
        threads.forEach(Thread::interrupt);
    }
}
