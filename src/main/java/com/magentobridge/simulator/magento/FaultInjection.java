package com.magentobridge.simulator.magento;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread-safe, resettable fault injection for {@link MagentoSimulator}. All setters return {@code this}.
 *
 * <p>Which requests are affected: by default every request to an authenticated route (the anonymous
 * admin-token route and unknown routes are never affected). With {@link #onlyForPathContaining(String)} only
 * requests whose raw or decoded path contains the given text are affected (this can include the token route).
 * Requests rejected with 401 are never affected and do not consume {@link #failNext} / {@link #resetAfterCommitNext}
 * budgets.
 *
 * <ul>
 *   <li>{@link #latency(Duration)}: every affected request (read or write) is delayed.</li>
 *   <li>{@link #errorRate(double)}: every affected request (read or write) fails with that probability, with a status
 *       picked at random from {@link #errorStatuses(int...)} (default 500). Nothing is applied.</li>
 *   <li>{@link #failNext(int, int)}: the next N affected <em>write</em> requests (any method except GET/HEAD) fail
 *       with the status; nothing is applied. Calls queue up (failNext(1,503) then failNext(1,500) = 503, 500).</li>
 *   <li>{@link #resetAfterCommitNext(int)}: the next N affected write requests that are not failed by the rules
 *       above are processed normally (state changes are applied) and then the connection is closed without any
 *       response, so the client sees a premature EOF / connection reset. The call log records status 0.</li>
 *   <li>{@link #applyUnansweredNext(int)}: like {@link #resetAfterCommitNext}, but queued with {@link #failNext} in
 *       call order (applyUnansweredNext(1).failNext(3, 503) = applied and dropped, then three 503s).</li>
 * </ul>
 */
public final class FaultInjection {

    /** What to do with one request. */
    record Decision(long latencyMillis, int failStatus, boolean dropAfterCommit) {
        static final Decision NONE = new Decision(0, 0, false);
    }

    /** In the {@link #failNext} queue: applied, then dropped unanswered. */
    private static final int UNANSWERED = 0;

    private volatile double errorRate;
    private volatile int[] errorStatuses = {500};
    private volatile long latencyMillis;
    private volatile String pathFilter;
    private final ArrayDeque<Integer> failQueue = new ArrayDeque<>();
    private final AtomicInteger failQueued = new AtomicInteger();
    private final AtomicInteger dropAfterCommit = new AtomicInteger();
    /** Concurrent source-items saves that do not deadlock; negative: saves never deadlock. */
    private volatile int deadlockBeyond = -1;
    private volatile long saveMillis;
    private final AtomicInteger savesInFlight = new AtomicInteger();
    private final AtomicInteger deadlocks = new AtomicInteger();
    private final AtomicInteger delayedInFlight = new AtomicInteger();
    private final Set<String> unsavable = ConcurrentHashMap.newKeySet();
    /** Draws of {@link #errorRate}: unseeded unless {@link #seed} fixed them. */
    private volatile java.util.Random draws;

    FaultInjection() {
    }

    /** Probability (0..1) that an affected request fails with one of {@link #errorStatuses(int...)}. */
    public FaultInjection errorRate(double rate) {
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw new IllegalArgumentException("error rate must be within [0, 1]: " + rate);
        }
        this.errorRate = rate;
        return this;
    }

    /**
     * Fixes the draws of {@link #errorRate}: the same seed gives the same sequence of failures and statuses (which
     * request meets which draw still follows the order requests arrive in).
     */
    public FaultInjection seed(long seed) {
        this.draws = new java.util.Random(seed);
        return this;
    }

    /** Statuses used by {@link #errorRate(double)}, picked uniformly at random (default: 500). */
    public FaultInjection errorStatuses(int... statuses) {
        if (statuses == null || statuses.length == 0) {
            throw new IllegalArgumentException("at least one status is required");
        }
        for (int s : statuses) {
            checkStatus(s);
        }
        this.errorStatuses = Arrays.copyOf(statuses, statuses.length);
        return this;
    }

    /** The next {@code count} affected write requests fail with {@code status} and are not applied. */
    public FaultInjection failNext(int count, int status) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        checkStatus(status);
        synchronized (failQueue) {
            for (int i = 0; i < count; i++) {
                failQueue.addLast(status);
            }
            failQueued.set(failQueue.size());
        }
        return this;
    }

    /** Delay added to every affected request (before it is processed). {@code Duration.ZERO} or null disables. */
    public FaultInjection latency(Duration latency) {
        long ms = latency == null ? 0 : latency.toMillis();
        if (ms < 0) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latencyMillis = ms;
        return this;
    }

    /** Queued with {@link #failNext}: the next {@code count} writes in that queue are applied, then left unanswered. */
    public FaultInjection applyUnansweredNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        synchronized (failQueue) {
            for (int i = 0; i < count; i++) {
                failQueue.addLast(UNANSWERED);
            }
            failQueued.set(failQueue.size());
        }
        return this;
    }

    /** The next {@code count} affected write requests are applied, then the connection is dropped unanswered. */
    public FaultInjection resetAfterCommitNext(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0: " + count);
        }
        dropAfterCommit.addAndGet(count);
        return this;
    }

    /** Restrict all faults to requests whose path contains {@code text}; {@code null} removes the filter. */
    public FaultInjection onlyForPathContaining(String text) {
        this.pathFilter = text == null || text.isEmpty() ? null : text;
        return this;
    }

    /**
     * Source-items saves deadlock like MSI's under concurrency (magento/inventory #2933): each valid save holds its
     * transaction for {@code saveTime}, and one that starts while {@code concurrentSaves} others hold theirs answers
     * 400 "Could not save Source Item" at once, not applied. 0 makes every save deadlock.
     */
    public FaultInjection deadlockBeyond(int concurrentSaves, Duration saveTime) {
        if (concurrentSaves < 0) {
            throw new IllegalArgumentException("concurrent saves must be >= 0: " + concurrentSaves);
        }
        long ms = saveTime == null ? 0 : saveTime.toMillis();
        if (ms < 0) {
            throw new IllegalArgumentException("save time must not be negative: " + saveTime);
        }
        this.saveMillis = ms;
        this.deadlockBeyond = concurrentSaves;
        return this;
    }

    /** Source-items saves naming one of these SKUs fail in the database: 400 "Could not save Source Item". */
    public FaultInjection unsavable(String... skus) {
        unsavable.addAll(Arrays.asList(skus));
        return this;
    }

    /** "Could not save Source Item" answers given for a deadlock since the last {@link #reset}. */
    public int deadlocks() {
        return deadlocks.get();
    }

    /** Affected requests being held by the injected {@link #latency} now (received, not processed yet). */
    public int delayedInFlight() {
        return delayedInFlight.get();
    }

    /** Holds a request for the latency decided for it; it is processed afterwards, whether its caller waits or not. */
    void delay(long millis) {
        delayedInFlight.incrementAndGet();
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delayedInFlight.decrementAndGet();
        }
    }

    /** Source-items saves holding their transaction now (see {@link #deadlockBeyond}). */
    public int savesInFlight() {
        return savesInFlight.get();
    }

    /** Removes every fault and filter. */
    public FaultInjection reset() {
        errorRate = 0;
        errorStatuses = new int[] {500};
        latencyMillis = 0;
        pathFilter = null;
        synchronized (failQueue) {
            failQueue.clear();
            failQueued.set(0);
        }
        dropAfterCommit.set(0);
        deadlockBeyond = -1;
        saveMillis = 0;
        deadlocks.set(0);
        unsavable.clear();
        draws = null;
        return this;
    }

    /** Number of queued {@link #failNext} failures not yet consumed. */
    public int pendingFailures() {
        return failQueued.get();
    }

    /** Number of {@link #resetAfterCommitNext} drops not yet consumed. */
    public int pendingResets() {
        return dropAfterCommit.get();
    }

    /** True if any fault is configured (cheap check for the hot path). */
    boolean active() {
        return errorRate > 0 || latencyMillis > 0 || failQueued.get() > 0 || dropAfterCommit.get() > 0;
    }

    Decision decide(String rawPath, boolean anonymousRoute, boolean write) {
        if (!active()) {
            return Decision.NONE;
        }
        String filter = pathFilter;
        if (filter == null) {
            if (anonymousRoute) {
                return Decision.NONE;
            }
        } else if (!rawPath.contains(filter) && !PathCodec.decode(rawPath).contains(filter)) {
            return Decision.NONE;
        }
        long latency = latencyMillis;
        int fail = 0;
        boolean unanswered = false;
        if (write && failQueued.get() > 0) {
            synchronized (failQueue) {
                Integer s = failQueue.pollFirst();
                failQueued.set(failQueue.size());
                if (s != null) {
                    unanswered = s == UNANSWERED;
                    fail = s;
                }
            }
        }
        if (fail == 0 && !unanswered) {
            double rate = errorRate;
            if (rate > 0) {
                fail = drawFailure(rate);
            }
        }
        boolean drop = unanswered;
        if (fail == 0 && write && !drop) {
            drop = dropAfterCommit.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
        if (latency == 0 && fail == 0 && !drop) {
            return Decision.NONE;
        }
        return new Decision(latency, fail, drop);
    }

    private int drawFailure(double rate) {
        int[] statuses = errorStatuses;
        java.util.Random seeded = draws;
        if (seeded == null) {
            return ThreadLocalRandom.current().nextDouble() < rate
                    ? statuses[ThreadLocalRandom.current().nextInt(statuses.length)] : 0;
        }
        synchronized (seeded) {
            return seeded.nextDouble() < rate ? statuses[seeded.nextInt(statuses.length)] : 0;
        }
    }

    /**
     * A valid source-items save as MSI's database runs it: held open (not applied yet) for the configured save time,
     * unless it is a deadlock's victim or names an unsavable SKU, which {@link SourceItemsSave#failed()} reports. The
     * caller applies the save only when it did not fail, then closes it.
     */
    SourceItemsSave sourceItemsSave(Collection<String> skus) {
        if (!unsavable.isEmpty() && skus.stream().anyMatch(unsavable::contains)) {
            return SourceItemsSave.FAILED;
        }
        int beyond = deadlockBeyond;
        if (beyond < 0) {
            return SourceItemsSave.NONE;
        }
        if (savesInFlight.incrementAndGet() > beyond) {
            savesInFlight.decrementAndGet();
            deadlocks.incrementAndGet();
            return SourceItemsSave.FAILED;
        }
        long ms = saveMillis;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new SourceItemsSave(false, savesInFlight);
    }

    /** One source-items save's transaction; closing it ends the transaction. */
    static final class SourceItemsSave implements AutoCloseable {

        static final SourceItemsSave NONE = new SourceItemsSave(false, null);
        static final SourceItemsSave FAILED = new SourceItemsSave(true, null);

        private final boolean failed;
        private final AtomicInteger inFlight;

        private SourceItemsSave(boolean failed, AtomicInteger inFlight) {
            this.failed = failed;
            this.inFlight = inFlight;
        }

        /** The database refused the save (a deadlock, or an unsavable SKU): nothing may be applied. */
        boolean failed() {
            return failed;
        }

        @Override
        public void close() {
            if (inFlight != null) {
                inFlight.decrementAndGet();
            }
        }
    }

    private static void checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
    }
}
