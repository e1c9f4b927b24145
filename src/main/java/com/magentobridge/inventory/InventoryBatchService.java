package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.logging.Correlation;
import com.magentobridge.inventory.MagentoStockWriter;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.Inbox;
import com.magentobridge.flow.InboxClaim;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.flow.LineResult;
import com.magentobridge.flow.Flow;

/**
 * The scheduled side of the inventory flow: claims received requests oldest first with their SKUs locked, the
 * sequences last applied to them and the newest values other runs' claims hold for them (the route then decides the
 * batch step by step: sequence guard, in-flight guard, coalescing, chunks),
 * and after the writes records every line's result, the sequences applied and the requests' completion in one
 * transaction. While a full batch is written, the
 * next batch's lines are read ahead (not claimed).
 */
@Component
public class InventoryBatchService {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryBatchService.class);

    private final InventoryStore store;
    private final TransactionTemplate transaction;
    private final StockBatchPlanner planner;
    private final AppliedSequences sequences;
    private final BridgeProperties.Inventory settings;
    private final Inbox inbox;
    private final InboxStore inboxStore;
    private final AdjustmentSource adjustmentSource;
    private final SkuWriteLocks locks;
    private final MagentoStockWriter writer;
    private final FlowMetrics metrics;
    private final ParkedStockWrites parked;
    /** The locks of the batch in progress; a batch that ended without {@link #complete} has its locks freed by the next. */
    private final AtomicReference<SkuWriteLocks.Held> batchLocks = new AtomicReference<>();
    /** The next batch's lines, being read while this batch is written (see {@link #startReadAhead}). */
    private final AtomicReference<Future<Map<Long, List<PendingLine>>>> readAhead = new AtomicReference<>();
    private final ExecutorService readAheadThread = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "inventory-read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    public InventoryBatchService(InventoryStore store, Inbox inbox, InboxStore inboxStore, TransactionTemplate transaction,
                                 StockBatchPlanner planner, AppliedSequences sequences, BridgeProperties properties,
                                 AdjustmentSource adjustmentSource, SkuWriteLocks locks,
                                 MagentoStockWriter writer, FlowMetrics metrics,
                                 ParkedStockWrites parked) {
        this.parked = parked;
        this.adjustmentSource = adjustmentSource;
        this.locks = locks;
        this.writer = writer;
        this.metrics = metrics;
        this.store = store;
        this.inbox = inbox;
        this.inboxStore = inboxStore;
        this.transaction = transaction;
        this.planner = planner;
        this.sequences = sequences;
        this.settings = properties.getInventory();
    }

    private record Claimed(InboxClaim claim, List<Long> ids, List<PendingLine> lines) { }

    private record ReadUnderLocks(Map<SkuSource, Long> lastApplied,
                                  Map<SkuSource, ClaimedElsewhere> claimedElsewhere,
                                  Map<SkuSource, ClaimedElsewhere> writesInFlight) { }

    /*
     * claim and complete scope the correlation ids themselves: the route's exchange starts on the scheduler's thread
     * and ends on a writer's (parallel split), so the route cannot put back what it found.
     */
    public StockBatch claim() {
        try (Correlation.Scope scope = Correlation.scope()) {
            Correlation.flow(Flow.INVENTORY.id());
            return claimOldest();
        }
    }

    /**
     * A batch left with nothing to write (every request it claimed waits behind a write in flight): frees its SKU
     * locks; its requests stay claimed by this node for its next run.
     */
    public void release(StockBatch batch) {
        releaseBatchLocks();
    }

    /**
     * Route step before the first chunk is sent: the batch's requests (those it defers are out of it) are marked as
     * being written, committed at once: if this bridge dies from here on, a peer takes them over only once its writes
     * can no longer land, and writes nothing newer for their SKUs before. A batch with nothing to write marks nothing;
     * one that finds a request taken over by a peer meanwhile writes nothing (see {@link Inbox#startWriting}).
     */
    public StockBatch startWrites(StockBatch batch) {
        if (!batch.chunks().isEmpty()) {
            try {
                inbox.startWriting(batch.claim(), batch.requestIds());
            } catch (RuntimeException e) {
                // nothing was sent: the batch ends here, its SKUs free for the next claim (which takes it back)
                releaseBatchLocks();
                throw e;
            }
        }
        return batch;
    }

    public void complete(StockBatch batch) {
        try (Correlation.Scope scope = Correlation.scope()) {
            Correlation.flow(Flow.INVENTORY.id());
            record(batch);
        } finally {
            releaseBatchLocks();
        }
    }

    private StockBatch claimOldest() {
        long start = System.nanoTime();
        // a batch that ended between its claim and its record (a failed step) left its locks: free them before this
        // claim takes the same SKUs again, which would otherwise wait for its own process's locks
        releaseLeftOverLocks();
        Map<Long, List<PendingLine>> readAhead = takeReadAhead();
        // null: nothing received, or the database is known to be down (nothing is claimed then, nor waited for)
        Claimed claimed = inbox.claimRun(status -> {
            InboxClaim claim = inbox.claim(Flow.INVENTORY.id(), settings.getBatchSize(), settings.getClaimLease());
            List<Long> ids = claim.requestIds().stream().sorted().toList();
            if (ids.isEmpty()) {
                return null;
            }
            Map<Long, String> unread = inboxStore.contents(ids.stream().filter(id -> !readAhead.containsKey(id)).toList());
            List<PendingLine> lines = new ArrayList<>();
            for (long id : ids) {
                List<PendingLine> read = readAhead.get(id);
                lines.addAll(read != null ? read : InventoryLines.pending(id, unread.get(id)));
            }
            return new Claimed(claim, ids, lines);
        }, null);
        if (claimed == null) {
            StockBatch none = StockBatch.none();
            none.claimed(start, System.nanoTime());
            return none;
        }
        if (claimed.ids().size() == settings.getBatchSize()) {
            startReadAhead(claimed.ids().get(claimed.ids().size() - 1));
        }
        // the sequences are read only once this batch is the only writer of its SKUs, and stay so until it is recorded
        List<SkuSource> keys = claimed.lines().stream().map(PendingLine::key).distinct().toList();
        long lockStart = System.nanoTime();
        SkuWriteLocks.Held held = locks.acquire(keys);
        long lockWait = System.nanoTime() - lockStart;
        try {
            ReadUnderLocks read = transaction.execute(status -> readUnderLocks(claimed, keys));
            // outside any transaction: level 2 asks Magento for carts
            Map<String, Adjustment> adjustments = planner.adjusts()
                    ? adjustmentSource.lookup(claimed.lines().stream().map(PendingLine::sku).collect(Collectors.toSet()))
                    : Map.of();
            StockBatch batch = new StockBatch(claimed.ids(), claimed.lines(), read.lastApplied(),
                    read.claimedElsewhere(), adjustments);
            batch.claimedIn(claimed.claim());
            batch.writesInFlight(read.writesInFlight());
            batch.claimed(start, System.nanoTime());
            batch.waitedForLocks(lockWait);
            holdUntilComplete(held);
            return batch;
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    /**
     * The sequences last applied to these SKUs, and what the claims outside this batch (other instances', live or
     * dead; on an embedded H2 an earlier process's not taken over yet) and unsettled dead letters hold for them, not
     * recorded yet: a claim of a node that died between Magento's write and the record may already be in Magento, and
     * its SKU locks went with its session; a parked chunk may have been applied on an attempt that got no answer. Of
     * the claims, those that began writing and whose write may still be in Magento's hands ({@link Inbox#writesInFlight}:
     * read while this batch holds the SKUs' locks, every other claim that began writing counts), and dead letters whose
     * replay was under way when its bridge died ({@link ParkedStockWrites#replaying}).
     */
    private ReadUnderLocks readUnderLocks(Claimed claimed, List<SkuSource> keys) {
        Map<SkuSource, Long> lastApplied = sequences.lastApplied(keys);
        Map<SkuSource, ClaimedElsewhere> parkedValues = parked.highest(keys, Set.of());
        Map<SkuSource, ClaimedElsewhere> replaysInDoubt = parkedValues.isEmpty() ? Map.of() : parked.replaying(keys);
        Map<Long, String> elsewhere = inboxStore.claimedContents(Flow.INVENTORY.id(), claimed.ids());
        if (elsewhere.isEmpty()) {
            return new ReadUnderLocks(lastApplied, parkedValues, replaysInDoubt);
        }
        Map<Long, String> inDoubt = new HashMap<>(elsewhere);
        inDoubt.keySet().retainAll(inbox.writesInFlight(Flow.INVENTORY.id(), true));
        return new ReadUnderLocks(lastApplied,
                ClaimedElsewhere.merge(parkedValues, ClaimedElsewhere.highest(elsewhere, keys)),
                ClaimedElsewhere.merge(replaysInDoubt, ClaimedElsewhere.highest(inDoubt, keys)));
    }

    /**
     * A full batch means a backlog: the next batch's lines are read and decoded while this one is written, so the next
     * claim only has to mark them claimed. Nothing is claimed ahead, so a pause or a stop leaves nothing held.
     */
    private void startReadAhead(long after) {
        try {
            readAhead.set(readAheadThread.submit(() -> {
                Map<Long, List<PendingLine>> lines = new HashMap<>();
                inboxStore.receivedContentsAfter(Flow.INVENTORY.id(), after, settings.getBatchSize())
                        .forEach((requestId, content) -> lines.put(requestId, InventoryLines.pending(requestId, content)));
                return lines;
            }));
        } catch (RejectedExecutionException stopping) {
            readAhead.set(null);
        }
    }

    /** The lines read ahead by request id; empty when there are none or the read failed (the claim reads them then). */
    private Map<Long, List<PendingLine>> takeReadAhead() {
        Future<Map<Long, List<PendingLine>>> pending = readAhead.getAndSet(null);
        if (pending == null) {
            return Map.of();
        }
        try {
            return pending.get();
        } catch (ExecutionException e) {
            LOG.debug("reading the next inventory batch ahead failed; the claim reads it: {}", e.getCause().toString());
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    @PreDestroy
    void stopReadAhead() {
        // not shutdownNow: an interrupt during a read could close the embedded database's file channel
        readAheadThread.shutdown();
    }

    private void holdUntilComplete(SkuWriteLocks.Held held) {
        releaseLeftOverLocks();
        batchLocks.set(held);
    }

    private void releaseLeftOverLocks() {
        SkuWriteLocks.Held leftover = batchLocks.getAndSet(null);
        if (leftover != null) {
            LOG.warn("the previous inventory batch ended without being recorded; its SKU write locks are released now");
            leftover.close();
        }
    }

    private void releaseBatchLocks() {
        SkuWriteLocks.Held held = batchLocks.getAndSet(null);
        if (held != null) {
            held.close();
        }
    }

    private void record(StockBatch batch) {
        long writesDone = System.nanoTime();
        Map<Long, LineOutcome> outcomes = batch.outcomes();
        for (PendingLine line : batch.lines()) {
            outcomes.putIfAbsent(line.lineId(), LineOutcome.failed("No result was recorded for this line; replay the request"));
        }
        List<StockWrite> applied = applied(batch.chunks());
        // nothing is recorded (the database is not even asked) by a batch that lost its claims: their holder records
        if (!batch.claim().stillOwned() || !Boolean.TRUE.equals(transaction.execute(status -> {
            if (!inbox.complete(status, batch.claim(), batch.requestIds())) {
                return false;
            }
            store.insertDecided(batch.lines(), outcomes, batch.adjustments());
            sequences.record(applied);
            return true;
        }))) {
            LOG.warn("inventory batch of {} requests / {} lines not recorded: its claims are another run's now (this "
                    + "bridge lost its database session, or a peer took them over); {} writes were sent before it "
                    + "stopped", batch.requestIds().size(), batch.lineCount(), applied.size());
            return;
        }
        sequences.committed(applied);
        metrics.countLines(Flow.INVENTORY.id(), outcomes.values().stream().map(LineOutcome::result).toList());
        Map<LineResult, Long> counts = outcomes.values().stream()
                .collect(Collectors.groupingBy(LineOutcome::result, Collectors.counting()));
        long recorded = System.nanoTime();
        LOG.info("inventory batch of {} requests / {} lines done in {} ms (claim {} ms of which {} ms waiting for SKU "
                        + "locks, writes {} ms, record {} ms): {}",
                batch.requestIds().size(), batch.lineCount(), millis(recorded - batch.claimStartNanos()),
                millis(batch.claimEndNanos() - batch.claimStartNanos()), millis(batch.lockWaitNanos()),
                millis(writesDone - batch.claimEndNanos()), millis(recorded - writesDone), counts);
    }

    /**
     * Replays a dead-lettered chunk as the only writer of its SKUs: re-checked against the sequences applied since it
     * failed (a stale value becomes Superseded and is not written), written, recorded. A failure propagates with the
     * locks released, and a retry starts over from the re-check.
     */
    public String replay(StockWriteChunk chunk) {
        Correlation.flow(Flow.INVENTORY.id());
        Correlation.skus(chunk.writes().stream().map(StockWrite::sku).toList());
        List<SkuSource> keys = chunk.writes().stream().map(StockWrite::key).distinct().toList();
        try (SkuWriteLocks.Held held = locks.acquire(keys)) {
            // every claim not recorded yet counts here, this instance's too: a replay is no claim; so do other
            // unsettled dead letters (a newer value parked there may be in Magento), not this chunk's own letter
            Set<Long> ownLines = chunk.writes().stream().map(StockWrite::lineId).collect(Collectors.toSet());
            StockWriteChunk fresh = transaction.execute(status -> planner.replan(chunk, sequences.lastApplied(keys),
                    ClaimedElsewhere.merge(parked.highest(keys, ownLines),
                            ClaimedElsewhere.highest(inboxStore.claimedContents(Flow.INVENTORY.id(), List.of()), keys))));
            return recordReplay(writer.write(fresh));
        }
    }

    private String recordReplay(StockWriteChunk chunk) {
        List<StockWrite> applied = applied(List.of(chunk));
        transaction.executeWithoutResult(status -> {
            store.recordOutcomes(chunk.outcomes());
            sequences.record(applied);
        });
        sequences.committed(applied);
        metrics.countLines(Flow.INVENTORY.id(), chunk.outcomes().values().stream().map(LineOutcome::result).toList());
        Map<LineResult, Long> counts = chunk.outcomes().values().stream()
                .collect(Collectors.groupingBy(LineOutcome::result, Collectors.counting()));
        return "replayed " + chunk.writes().size() + " writes: " + counts;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private static List<StockWrite> applied(List<StockWriteChunk> chunks) {
        List<StockWrite> applied = new ArrayList<>();
        for (StockWriteChunk chunk : chunks) {
            for (StockWrite write : chunk.writes()) {
                LineOutcome outcome = chunk.outcomes().get(write.lineId());
                if (outcome != null && outcome.result() == LineResult.Success) {
                    applied.add(write);
                }
            }
        }
        return applied;
    }
}
