package com.magentobridge.magento;

import java.time.Instant;

/**
 * Where the next page of a poll on {@code updated_at} starts (order import, product poll). Paging is by keyset, never
 * by page number: after a page, the next query starts at the last updated_at read (its ties are read again and change
 * nothing); when a whole page shares one updated_at, that second is read on by {@code entity_id > last}. Only the first
 * page of each query is asked for, so Magento's answer to a page past the end (the last page again) cannot occur. With
 * page numbers, a row updated during the poll would move to the end and shift every later row one place up, and one
 * that was not updated would be skipped at a page boundary.
 */
public final class UpdatedAtKeyset {

    private final int pageSize;
    private Instant from;
    private Instant tie;
    private long afterId;
    private boolean more = true;

    public UpdatedAtKeyset(Instant from, int pageSize) {
        this.from = from;
        this.pageSize = pageSize;
    }

    public int pageSize() {
        return pageSize;
    }

    /** Whether the next page is inside a run of rows sharing {@link #tie()}: query it with {@link #afterId()}. */
    public boolean tied() {
        return tie != null;
    }

    /** Without a tie: the next page is of rows updated at or after this. */
    public Instant from() {
        return from;
    }

    public Instant tie() {
        return tie;
    }

    public long afterId() {
        return afterId;
    }

    public boolean hasMore() {
        return more;
    }

    /** The poll stops (e.g. a page without a readable updated_at). */
    public void stop() {
        more = false;
    }

    /** A page of {@code size} rows was read; the last one's updated_at (null if unreadable) and entity id. */
    public void read(int size, Instant lastUpdatedAt, long lastEntityId) {
        if (size == 0) {
            if (tie == null) {
                more = false;
            } else {
                from = tie.plusSeconds(1);
                tie = null;
            }
        } else if (lastUpdatedAt == null) {
            more = false;
        } else if (tie != null) {
            // inside a run of rows sharing one updated_at: keyset on entity_id
            afterId = lastEntityId;
            if (size < pageSize) {
                from = tie.plusSeconds(1);
                tie = null;
            }
        } else if (size < pageSize) {
            more = false;
        } else if (lastUpdatedAt.isAfter(from)) {
            from = lastUpdatedAt;
        } else {
            // a whole page shares the updated_at it started at: page through that second by entity_id
            tie = from;
            afterId = lastEntityId;
        }
    }
}
