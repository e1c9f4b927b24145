package com.magentobridge.inventory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many MSI stock saves the writers have in flight at once: {@code bridge.magento.max-concurrent-writes} (the
 * writers' pool size) while Magento is calm; one as soon as it answers a deadlock (concurrent stock saves are what
 * deadlocks MSI), then one more after each quiet period without a deadlock answer, back to the full width.
 *
 * <p>A fair {@link Semaphore} whose permits are taken away while calls hold them: the calls in flight finish, and no
 * new one starts until fewer than the new width are left. The quiet period is checked whenever a save starts or ends.
 */
public final class StockWriteLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(StockWriteLimiter.class);

    private final int maxWidth;
    private final long quietNanos;
    private final LongSupplier nanoClock;
    private final Permits permits;
    /** Saves allowed in flight; changed under this object's lock. */
    private volatile int width;
    /** When the last deadlock answer came or the width last grew; guarded by this object's lock. */
    private long quietSince;

    /** One save's permit; closing it ends the save. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    public StockWriteLimiter(int maxWidth, Duration quietPeriod) {
        this(maxWidth, quietPeriod, System::nanoTime);
    }

    StockWriteLimiter(int maxWidth, Duration quietPeriod, LongSupplier nanoClock) {
        if (maxWidth < 1) {
            throw new IllegalArgumentException("at least one write must be allowed in flight: " + maxWidth);
        }
        this.maxWidth = maxWidth;
        this.quietNanos = quietPeriod.toNanos();
        this.nanoClock = nanoClock;
        this.permits = new Permits(maxWidth);
        this.width = maxWidth;
        this.quietSince = nanoClock.getAsLong();
    }

    /** Waits until one more save may be in flight (never interrupted: a save in flight always ends, within its timeout). */
    public Permit acquire() {
        widenIfQuiet();
        permits.acquireUninterruptibly();
        return this::release;
    }

    /** Magento answered a deadlock: one save at a time from now until a quiet period has passed. */
    public synchronized void deadlocked() {
        quietSince = nanoClock.getAsLong();
        if (width > 1) {
            LOG.warn("Magento answered a deadlock: stock saves go one at a time (were up to {}) until none has been "
                    + "answered for {} s", width, quietNanos / 1_000_000_000L);
            permits.reduce(width - 1);
            width = 1;
        }
    }

    /** Saves allowed in flight now. */
    public int width() {
        return width;
    }

    /** Permits free now (negative while more saves are in flight than the width allows). */
    int available() {
        return permits.availablePermits();
    }

    private void release() {
        permits.release();
        widenIfQuiet();
    }

    private void widenIfQuiet() {
        if (width == maxWidth) {
            return;
        }
        synchronized (this) {
            long now = nanoClock.getAsLong();
            if (width < maxWidth && now - quietSince >= quietNanos) {
                width++;
                quietSince = now;
                permits.release();
                LOG.info("no deadlock answer from Magento for {} s: up to {} stock saves in flight", quietNanos / 1_000_000_000L,
                        width);
            }
        }
    }

    /** {@link Semaphore#reducePermits} is protected. */
    private static final class Permits extends Semaphore {

        Permits(int permits) {
            super(permits, true);
        }

        void reduce(int by) {
            reducePermits(by);
        }
    }
}
