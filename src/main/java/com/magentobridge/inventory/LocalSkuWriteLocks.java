package com.magentobridge.inventory;

import java.util.Collection;
import java.util.concurrent.Semaphore;

/**
 * Single-process locks (embedded H2): the scheduled batches of this process never overlap, but a replay from ops can run
 * beside one. Striped semaphores (not thread-owned: a batch may finish on another thread than it started on).
 */
public class LocalSkuWriteLocks implements SkuWriteLocks {

    private static final int STRIPES = 1024;

    private final Semaphore[] stripes = new Semaphore[STRIPES];

    public LocalSkuWriteLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Semaphore(1);
        }
    }

    @Override
    public Held acquire(Collection<SkuSource> keys) {
        int[] taken = keys.stream().mapToInt(key -> Math.floorMod(SkuWriteLocks.lockKey(key), STRIPES))
                .distinct().sorted().toArray();
        int held = 0;
        try {
            for (int stripe : taken) {
                stripes[stripe].acquire();
                held++;
            }
        } catch (InterruptedException e) {
            release(taken, held);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the SKU write locks", e);
        }
        java.util.concurrent.atomic.AtomicBoolean open = new java.util.concurrent.atomic.AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                release(taken, taken.length);
            }
        };
    }

    private void release(int[] stripesTaken, int count) {
        for (int i = 0; i < count; i++) {
            stripes[stripesTaken[i]].release();
        }
    }
}
