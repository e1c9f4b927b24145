package com.magentobridge.logging;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.MDC;

/**
 * Correlation ids in the SLF4J MDC while a message, an order or a line is processed: {@code flow},
 * {@code messageSeqId}, {@code orderIncrementId} and {@code sku}, plus {@code correlation}, the ones set written as
 * {@code [flow=inventory messageSeqId=42 sku=MH01] } for the console pattern (application.yaml,
 * {@code logging.pattern.correlation}). Structured logs (JSON) carry each key as its own field.
 *
 * <p>Beans set the ids as they learn them; whoever opened the scope puts back what was there before: a
 * {@link Scope} outside Camel, the {@link CorrelationRoutePolicy} when a route finishes with an exchange (after its
 * error handler has logged retries and dead letters, which so carry the ids too), and the {@link CorrelationFilter}
 * when an HTTP request ends.
 */
public final class Correlation {

    public static final String FLOW = "flow";
    public static final String MESSAGE = "messageSeqId";
    public static final String ORDER = "orderIncrementId";
    public static final String SKU = "sku";
    /** The ids set, as one text for the log pattern; empty when none is. */
    public static final String SUMMARY = "correlation";

    static final List<String> KEYS = List.of(FLOW, MESSAGE, ORDER, SKU);
    /** A chunk names at most this many SKUs in its logs, then how many more. */
    static final int MAX_SKUS = 20;

    private Correlation() {
    }

    public static void flow(String flow) {
        put(FLOW, flow);
    }

    public static void message(long messageSeqId) {
        put(MESSAGE, Long.toString(messageSeqId));
    }

    public static void order(String incrementId) {
        put(ORDER, incrementId);
    }

    /** The SKU, or the SKUs of a chunk (comma-separated, the first {@value #MAX_SKUS}). */
    public static void skus(Collection<String> skus) {
        List<String> distinct = skus.stream().distinct().toList();
        String shown = distinct.stream().limit(MAX_SKUS).collect(Collectors.joining(","));
        put(SKU, distinct.size() > MAX_SKUS ? shown + ",+" + (distinct.size() - MAX_SKUS) + " more" : shown);
    }

    /** The ids set now, to be put back by {@link #restore}. */
    public static Map<String, String> snapshot() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String key : KEYS) {
            String value = MDC.get(key);
            if (value != null) {
                ids.put(key, value);
            }
        }
        return ids;
    }

    /** Puts back the ids of a snapshot, removing those set since. */
    public static void restore(Map<String, String> snapshot) {
        for (String key : KEYS) {
            String value = snapshot.get(key);
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
        summarise();
    }

    /** Ids set inside the scope are removed when it closes (the ones set before are kept). */
    public static Scope scope() {
        return new Scope(snapshot());
    }

    /** See {@link #scope()}. */
    public static final class Scope implements AutoCloseable {
        private final Map<String, String> before;

        private Scope(Map<String, String> before) {
            this.before = before;
        }

        @Override
        public void close() {
            restore(before);
        }
    }

    private static void put(String key, String value) {
        if (value == null || value.isBlank()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
        summarise();
    }

    private static void summarise() {
        StringBuilder summary = new StringBuilder();
        for (String key : KEYS) {
            String value = MDC.get(key);
            if (value != null) {
                summary.append(summary.isEmpty() ? "[" : " ").append(key).append('=').append(value);
            }
        }
        if (summary.isEmpty()) {
            MDC.remove(SUMMARY);
        } else {
            MDC.put(SUMMARY, summary.append("] ").toString());
        }
    }
}
