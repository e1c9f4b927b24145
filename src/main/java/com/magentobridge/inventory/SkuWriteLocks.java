package com.magentobridge.inventory;

import java.util.Collection;

/**
 * One writer per SKU and source at a time, from reading the last applied sequence until the new one is recorded: the
 * newest-wins guard only holds if no other writer (another node's batch, a replay from ops) slips an older value in
 * between. Keys are taken in one global order, so two holders never wait on each other.
 */
public interface SkuWriteLocks {

    /** Blocks until every key is held; the returned handle releases them all, from any thread, once. */
    Held acquire(Collection<SkuSource> keys);

    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** A stable 64-bit key per SKU and source, the order in which locks are taken. */
    static long lockKey(SkuSource key) {
        long hash = 0xcbf29ce484222325L;   // FNV-1a: stable across JVMs and nodes, unlike String.hashCode's 32 bits
        String text = key.sku() + '\u0000' + (key.source() == null ? "" : key.source());
        for (int i = 0; i < text.length(); i++) {
            hash ^= text.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
