package com.magentobridge.flow;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.magentobridge.storage.NodeLiveness;

/**
 * What one processing run of a flow claimed, and whether it still owns it. A run owns its claims while this instance
 * holds its liveness lock in the session it claimed in ({@link NodeLiveness#holdsSince}): once that session ends (the
 * database restarted, the connection was cut), a peer may take the claims over as a dead instance's, so the run sends
 * nothing more to Magento or the back office and records nothing; whoever holds the claims then (a peer, or this
 * instance's next claim taking back its left-overs) applies them. The check is a volatile read, made before every
 * write. The record step checks ownership once more in the database ({@link Inbox#complete}).
 */
public final class InboxClaim {

    private static final Logger LOG = LoggerFactory.getLogger(InboxClaim.class);

    private final String flow;
    private final List<Long> requestIds;
    private final NodeLiveness liveness;
    private final long session;
    private final Set<Long> deferred = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean lostLogged = new AtomicBoolean();
    /** Why the run lost its claims although its session goes on (a peer took some over); null while it did not. */
    private volatile String lost;

    /**
     * {@code ids}: what the run claimed (request ids; entity ids for the order export, whose claims are in the order
     * ledger); {@code session}: {@link NodeLiveness#session} as it was when the claim was made.
     */
    public InboxClaim(String flow, List<Long> requestIds, NodeLiveness liveness, long session) {
        this.flow = flow;
        this.requestIds = List.copyOf(requestIds);
        this.liveness = liveness;
        this.session = session;
    }

    /**
     * Requests of this claim the run leaves for a later run (they wait behind a gone writer's write in flight, see
     * {@link Inbox#writesInFlight}): they
     * stay claimed by this node, untouched and unrecorded, and its next claim takes them again.
     */
    public void defer(java.util.Collection<Long> ids) {
        deferred.addAll(ids);
    }

    /** What the run deferred (see {@link #defer}). */
    public Set<Long> deferred() {
        return Set.copyOf(deferred);
    }

    /** The claimed request ids, in the order the store gave them. */
    public List<Long> requestIds() {
        return requestIds;
    }

    /** Whether the run still owns its claims; the first time it does not, says so in the log. */
    public boolean stillOwned() {
        String reason = lost;
        if (reason == null && liveness.holdsSince(session)) {
            return true;
        }
        if (lostLogged.compareAndSet(false, true)) {
            LOG.warn("{}: the run of {} {} requests ({}) writes nothing more and records nothing; whoever holds the "
                    + "claims now applies them", reason != null ? reason
                    : "the database session in which this bridge claimed them has ended", requestIds.size(), flow,
                    requestIds.size() <= 10 ? requestIds : requestIds.subList(0, 10) + "…");
        }
        return false;
    }

    /** The run lost its claims while its session goes on ({@code why}: what the store found): it stops owning them. */
    public void lose(String why) {
        lost = why;
    }

    /** Before a write: throws {@link ClaimLostException} when the run no longer owns its claims. */
    public void ensureOwned() {
        if (!stillOwned()) {
            throw new ClaimLostException(flow, requestIds);
        }
    }
}
