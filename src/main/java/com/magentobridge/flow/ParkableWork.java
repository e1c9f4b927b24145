package com.magentobridge.flow;

import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What every flow's parkable unit shares: the flow it belongs to (its replay route), the delivery attempts it counted
 * itself (Camel's redelivery header does not survive {@code useOriginalMessage}) and the dead letter it was parked as.
 * The flow decides only what parking means for its own lines ({@link #parked}).
 */
public abstract class ParkableWork implements DeadLetterAware {

    private final Flow flow;
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile Long deadLetterId;
    private volatile InboxClaim claim;

    protected ParkableWork(Flow flow) {
        this.flow = flow;
    }

    /** Counts one delivery attempt. */
    public void attempted() {
        attempts.incrementAndGet();
    }

    @Override
    @JsonIgnore
    public final int attempts() {
        return attempts.get();
    }

    @Override
    @JsonIgnore
    public final String replayUri() {
        return flow.replayUri();
    }

    @Override
    @JsonIgnore
    public final String flow() {
        return flow.id();
    }

    /** The processing run's claim this work belongs to; null for a replay, which is no claim. */
    @JsonIgnore
    public final InboxClaim claim() {
        return claim;
    }

    /** Ties the work to the run that claimed it (not kept in a dead letter: a replay is no claim). */
    public final void claimedIn(InboxClaim run) {
        this.claim = run;
    }

    /**
     * Before each call to the other system: throws {@link ClaimLostException} once the run lost its claims (see
     * {@link InboxClaim}). A replay always goes on.
     */
    public final void ensureOwned() {
        InboxClaim run = claim;
        if (run != null) {
            run.ensureOwned();
        }
    }

    /** The dead letter this work was parked as; null while it was not. */
    @JsonIgnore
    public final Long deadLetterId() {
        return deadLetterId;
    }

    @Override
    public final void deadLettered(long id, String reason) {
        deadLetterId = id;
        parked(id, reason);
    }

    /** Records on the work's own lines that it was parked, so no line is left without a result. */
    protected abstract void parked(long deadLetterId, String reason);
}
