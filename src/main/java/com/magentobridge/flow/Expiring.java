package com.magentobridge.flow;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value computed on demand and reused until it is older than its time to live, so that frequent readers (health
 * probes, Prometheus scrapes) cost one database query or one call to Magento per period. One computation at a time:
 * callers arriving while it runs wait for its result instead of starting their own.
 */
public final class Expiring<T> {

    private final Supplier<T> compute;
    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private T value;
    private long computedAt;
    private boolean computed;

    public Expiring(Duration ttl, Supplier<T> compute) {
        this(ttl, compute, System::nanoTime);
    }

    Expiring(Duration ttl, Supplier<T> compute, LongSupplier nanoTime) {
        if (ttl == null || ttl.isNegative()) {
            throw new IllegalArgumentException("the time to live must be zero or positive: " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
        this.compute = Objects.requireNonNull(compute, "compute");
        this.nanoTime = nanoTime;
    }

    /** The reused value, or a fresh one when none was computed yet or the last one is older than the time to live. */
    public synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!computed || now - computedAt >= ttlNanos) {
            value = compute.get();
            computedAt = nanoTime.getAsLong();
            computed = true;
        }
        return value;
    }
}
