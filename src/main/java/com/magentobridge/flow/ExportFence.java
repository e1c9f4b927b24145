package com.magentobridge.flow;

import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.storage.ExportLedger;
import com.magentobridge.storage.NodeLiveness;

/**
 * The fencing every export batch shares (orders, products): a batch is claimed in this node's liveness session
 * ({@link InboxClaim}); before each call its claims are renewed and the rows whose lease ran out dropped
 * ({@link #keepStillClaimed}), and the call itself is made only while the run still owns its claims
 * ({@link ParkableWork#ensureOwned}); its record commits only if the run still owns them and this process still holds
 * every row it sent ({@link #stillHeld}), else nothing is recorded here ({@link #notRecorded}) and whoever holds the
 * rows now settles them. A replay (no claim) is not fenced: it takes its rows whatever their state.
 */
public final class ExportFence {

    private static final Logger LOG = LoggerFactory.getLogger(ExportFence.class);

    private final Flow flow;
    private final ExportLedger ledger;
    private final TransactionTemplate transaction;
    private final NodeLiveness liveness;
    private final String claimant;

    public ExportFence(Flow flow, ExportLedger ledger, TransactionTemplate transaction, NodeLiveness liveness,
                       String claimant) {
        this.flow = flow;
        this.ledger = ledger;
        this.transaction = transaction;
        this.liveness = liveness;
        this.claimant = claimant;
    }

    /**
     * A batch claimed in one transaction by {@code claim} (which claims on the ledger), tied to the liveness session it
     * was claimed in.
     */
    public <B extends ExportBatch<?>> B claim(Supplier<B> claim) {
        // the session first: if it ends while the claim is made, the batch sends nothing and its rows are left-overs
        long session = liveness.session();
        B batch = transaction.execute(status -> claim.get());
        batch.claimedIn(new InboxClaim(flow.id(), batch.heldIds(), liveness, session));
        return batch;
    }

    /** Before each call (and each retry of it): renews the batch's claims and drops the rows this process lost. */
    public void keepStillClaimed(ExportBatch<?> batch, String queued) {
        if (batch.claim() == null) {
            return;
        }
        List<Long> ids = batch.heldIds();
        List<Long> mine = transaction.execute(status -> ledger.renew(ids, queued, claimant));
        if (mine.size() < ids.size()) {
            LOG.warn("{} of {} {}s of this export batch were taken back (their claim lease ran out); another run sends "
                    + "them", ids.size() - mine.size(), ids.size(), ledger.entity());
            batch.keepOnly(mine);
        }
    }

    /**
     * The record step's check, first in its transaction: a batch of a scheduled run records only if its run still owns
     * its claims and this process still holds every row it sent, locked until the record commits; otherwise the
     * transaction is marked to write nothing, and whoever holds the rows now settles them.
     */
    public boolean stillHeld(TransactionStatus status, ExportBatch<?> batch, String queued) {
        if (batch.claim() == null) {
            return true;
        }
        List<Long> sent = batch.sentIds();
        if (batch.claim().stillOwned() && ledger.lockHeld(sent, queued, claimant).size() == sent.size()) {
            return true;
        }
        status.setRollbackOnly();
        return false;
    }

    /** The outcome of a batch whose record {@link #stillHeld} refused: logged, and its summary. */
    public String notRecorded(ExportBatch<?> batch) {
        String summary = "export of " + batch.claim().requestIds().size() + " " + ledger.entity() + "s not recorded "
                + "here: their claims are another run's now (this bridge lost its database session, or a peer took them "
                + "over); it settles them";
        LOG.warn("{} {}", ledger.entity(), summary);
        return summary;
    }
}
