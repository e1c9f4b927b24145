package com.magentobridge.flow;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.InboundNotStoredException;
import com.magentobridge.logging.Correlation;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.storage.DatabaseAvailability;
import com.magentobridge.storage.DeadLetterStore;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.IdempotencyKeys;
import com.magentobridge.storage.NodeName;

/**
 * The rules every inbound flow shares. Receipt: the request, its body and its idempotency key are committed in one
 * transaction before the caller acknowledges; a repeated messageSeqId is stored too (marked DUPLICATE, its lines
 * recorded by the flow), so nothing is silently dropped. Processing: claims oldest first for this process.
 * <p>
 * A database that does not answer holds neither: while it is known to be down ({@link DatabaseAvailability}) a receipt
 * is refused and a processing run claims nothing, without waiting on the pool; a receipt or a claim that finds it
 * unreachable marks it down. A receipt's reads wait at most {@code bridge.inbound.store-timeout} on PostgreSQL.
 */
@Component
public class Inbox {

    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    private final InboxStore store;
    private final IdempotencyKeys keys;
    private final TransactionTemplate transaction;
    private final FlowMetrics metrics;
    private final DatabaseAvailability database;
    private final String claimant;
    private final Duration magentoAnswerWindow;
    private final DeadLetterStore deadLetters;
    /** Per flow, the last run's claim: what it deferred is taken again by the next claim as its own left-overs. */
    private final Map<String, InboxClaim> lastClaims = new ConcurrentHashMap<>();

    public Inbox(InboxStore store, IdempotencyKeys keys, TransactionTemplate transaction, NodeName node,
                 FlowMetrics metrics, DatabaseAvailability database, BridgeProperties properties,
                 DeadLetterStore deadLetters) {
        this.deadLetters = deadLetters;
        this.claimant = node.value();
        this.magentoAnswerWindow = answerWindow(properties.getMagento());
        this.database = database;
        this.store = store;
        this.keys = keys;
        this.transaction = transaction;
        this.metrics = metrics;
    }

    /** What a receipt produced: the new request's id, and the request that first had its messageSeqId if a duplicate. */
    public record Receipt(long requestId, Long duplicateOf) {
        public boolean duplicate() {
            return duplicateOf != null;
        }
    }

    /**
     * Commits the request; for a repeated messageSeqId, {@code recordDuplicate} is called with the new request id
     * inside the same transaction to record its lines as duplicates. Any storage failure becomes
     * {@link InboundNotStoredException}: the sender must not get an acknowledgement.
     */
    public Receipt accept(InboxStore.NewRequest request, DuplicateRecorder recordDuplicate) {
        Correlation.flow(request.flow());
        Correlation.message(request.messageSeqId());
        if (!database.isAvailable()) {
            LOG.warn("{} message {} not stored: the database is unavailable", request.flow(), request.messageSeqId());
            throw InboundNotStoredException.databaseUnavailable(null);
        }
        Receipt receipt;
        try {
            receipt = transaction.execute(status -> {
                database.boundCurrentTransaction();
                long requestId = store.insert(request);
                String key = Long.toString(request.messageSeqId());
                if (keys.claim(request.flow(), key, requestId)) {
                    return new Receipt(requestId, null);
                }
                Long original = keys.owner(request.flow(), key);
                store.markDuplicate(requestId);
                recordDuplicate.record(requestId, original);
                return new Receipt(requestId, original);
            });
        } catch (DataAccessException | TransactionException e) {
            LOG.error("{} message {} not stored: {}", request.flow(), request.messageSeqId(), e.getMessage());
            throw database.failed(e) ? InboundNotStoredException.databaseUnavailable(e) : new InboundNotStoredException(e);
        }
        metrics.count(request.flow(), FlowMetrics.Result.RECEIVED, request.lineCount());
        if (receipt.duplicate()) {
            metrics.count(request.flow(), FlowMetrics.Result.DUPLICATE, request.lineCount());
        }
        return receipt;
    }

    /** Records the lines of a duplicate request (inside the receipt's transaction). */
    @FunctionalInterface
    public interface DuplicateRecorder {
        void record(long requestId, Long originalRequestId);
    }

    /**
     * Runs a processing run's claim in a transaction of its own. While the database is known to be down the run claims
     * nothing ({@code whileDown}) and does not wait on the pool; a claim that finds it unreachable marks it down.
     */
    public <T> T claimRun(TransactionCallback<T> claim, T whileDown) {
        if (!database.isAvailable()) {
            return whileDown;
        }
        try {
            return transaction.execute(claim);
        } catch (RuntimeException e) {
            database.failed(e);
            throw e;
        }
    }

    /**
     * How long a write to Magento may still land after the node that sent it is gone: Magento (PHP) finishes a save
     * whose caller went away, and the caller gives up on it after its connect plus read timeout. Derived from
     * {@code bridge.magento.connect-timeout} and {@code read-timeout}, the same on every node.
     */
    static Duration answerWindow(BridgeProperties.Magento magento) {
        return magento.getConnectTimeout().plus(magento.getReadTimeout());
    }

    /**
     * Claims the flow's oldest received requests for this process, after taking over the stale claims of the flow (see
     * {@link InboxStore#claim}); must run inside a transaction. A dead node's claims are taken over one Magento answer
     * window after this node saw it dead ({@link #answerWindow}): a write of theirs may be in Magento's hands until
     * then. Meanwhile they stay claims held elsewhere, and a flow defers what is newer for the same things (see
     * {@link #writesInFlight}). This node's own left-overs are taken back at once: its next claim comes only after its
     * previous batch had every call answered or given up on.
     */
    public InboxClaim claim(String flow, int limit, Duration lease) {
        reopenAbandonedReplays(flow);
        InboxStore.Claim claim = store.claim(flow, limit, claimant, lease, magentoAnswerWindow);
        InboxClaim previous = lastClaims.get(flow);
        int deferredBefore = previous == null ? 0 : previous.deferred().size();
        if (claim.leftOverTaken() > deferredBefore) {
            LOG.warn("took again {} {} requests this bridge claimed in a batch that ended without recording them "
                    + "(e.g. the database went away mid-batch)", claim.leftOverTaken() - deferredBefore, flow);
        }
        if (claim.expiredTaken() > 0) {
            LOG.warn("took over {} {} requests whose claim outlived the {} lease", claim.expiredTaken(), flow, lease);
        }
        if (claim.orphanedTaken() > 0) {
            LOG.warn("took over {} {} requests claimed by a bridge process that is gone", claim.orphanedTaken(), flow);
        }
        if (claim.deadTaken() > 0) {
            LOG.warn("took over {} {} requests claimed by a bridge instance that died (its liveness lock is gone; "
                    + "waited {} for a write of it still in Magento's hands)", claim.deadTaken(), flow,
                    magentoAnswerWindow);
        }
        InboxClaim run = new InboxClaim(flow, claim.requestIds(), store.liveness(), claim.session());
        lastClaims.put(flow, run);
        return run;
    }

    /**
     * A dead letter left REPLAYING by an instance that died mid-replay is OPEN again once a write of that replay can no
     * longer land (the same answer window as a dead instance's claims), for ops to replay or discard; until then it
     * holds its SKUs as a parked write (older values Superseded, newer ones waiting under the SKU locks).
     */
    private void reopenAbandonedReplays(String flow) {
        Map<Long, String> replays = deadLetters.replaysOfOthers(flow, claimant);
        if (replays.isEmpty()) {
            return;
        }
        java.util.Set<String> landed = store.goneAndLanded(replays.values(), claimant, magentoAnswerWindow);
        List<Long> abandoned = replays.entrySet().stream().filter(replay -> landed.contains(replay.getValue()))
                .map(Map.Entry::getKey).toList();
        if (deadLetters.reopenAbandoned(abandoned) > 0) {
            LOG.warn("{} dead letters {} were left REPLAYING by a bridge that stopped mid-replay: they are OPEN again, "
                    + "replay them", flow, abandoned);
        }
    }

    /**
     * The flow's requests claimed elsewhere whose write may still land in Magento (see {@link InboxStore#writesInFlight}):
     * nothing newer for what they hold may be written yet. {@code underWriteLocks}: the run holds the write locks of
     * what it is about to write (the inventory's SKU locks), so every other claim that began writing counts; otherwise
     * only those of a gone writer (a dead node, or another node before its current database session began) less than
     * one answer window after it was seen gone. Must run inside a transaction.
     */
    public java.util.Set<Long> writesInFlight(String flow, boolean underWriteLocks) {
        return store.writesInFlight(flow, claimant, magentoAnswerWindow, underWriteLocks);
    }

    /**
     * Before a run sends the first of these claimed requests to Magento: marks them as being written, committed at
     * once (see {@link InboxStore#markWriting}). If the run no longer holds every one of them (its session ended, or a
     * peer took some over) it loses the claim: it writes nothing and records nothing ({@link InboxClaim#stillOwned}).
     */
    public void startWriting(InboxClaim claim, java.util.Collection<Long> requestIds) {
        if (requestIds.isEmpty() || !claim.stillOwned()) {
            return;
        }
        int marked;
        try {
            marked = transaction.execute(status -> store.markWriting(requestIds, claimant));
        } catch (RuntimeException e) {
            database.failed(e);
            throw e;
        }
        if (marked != requestIds.size()) {
            claim.lose(requestIds.size() - marked + " of its " + requestIds.size()
                    + " requests were taken over by another run before it began writing");
        }
    }

    /** This process's name in claims: a claim under another name is another run's, live or dead. */
    public String claimant() {
        return claimant;
    }

    /**
     * Renews this process's claim on a request just before it is sent to Magento, and marks it as being written (see
     * {@link #startWriting}); false when the claim is gone (its lease ran out during a long batch, or a peer took it
     * over): the request must then be left alone.
     */
    public boolean renew(long requestId) {
        boolean mine = store.renew(requestId, claimant);
        if (!mine) {
            LOG.warn("request {} was taken back (its claim lease ran out during this batch, or a peer took it over); "
                    + "another run applies it", requestId);
        }
        return mine;
    }

    /** Completes requests whatever their claim: a replay's, whose request was completed when it was parked. */
    public void markProcessed(List<Long> requestIds) {
        store.markProcessed(requestIds);
    }

    /**
     * The record step's check, the first statement of its transaction: completes the claimed requests if this process
     * still holds every one of them and the claim's session has not ended; true if so. Otherwise nothing is completed
     * and the caller must write nothing either (roll back): a request a peer took over is recorded by the peer only.
     */
    public boolean complete(TransactionStatus transaction, InboxClaim claim, List<Long> requestIds) {
        if (!claim.stillOwned()) {
            transaction.setRollbackOnly();
            return false;
        }
        int completed = store.markProcessedIfClaimed(requestIds, claimant);
        if (completed != requestIds.size()) {
            LOG.warn("{} of {} requests of this batch were taken over by another run before it recorded them "
                    + "(requests {}): nothing of the batch is recorded here, their holder records them",
                    requestIds.size() - completed, requestIds.size(), requestIds);
            transaction.setRollbackOnly();
            return false;
        }
        return true;
    }

}
