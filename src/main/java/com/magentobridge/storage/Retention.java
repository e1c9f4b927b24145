package com.magentobridge.storage;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;

/**
 * The retention job (the extension's "log cleaning"): empties raw bodies older than {@code raw-body-days}, deletes
 * finished requests with their results and the export history older than {@code processed-days}, idempotency keys
 * older than the longest of those windows once their request is gone, and dead letters replayed or discarded more than
 * {@code dead-letter-days} ago. Every batch commits on its own, so a run that fails keeps what it did and the next run
 * carries on.
 */
@Component
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final RetentionStore store;
    private final TransactionTemplate transaction;
    private final BridgeProperties.Retention settings;
    /** One run at a time in this process: a run asked for during another waits for it, then finds little left. */
    private final ReentrantLock running = new ReentrantLock();

    public Retention(RetentionStore store, TransactionTemplate transaction, BridgeProperties properties) {
        this.store = store;
        this.transaction = transaction;
        this.settings = properties.getRetention();
    }

    /** Runs every step until nothing more is due; returns and logs the counts. */
    public RetentionReport run() {
        running.lock();
        try {
            OffsetDateTime startedAt = InboxStore.now();
            long start = System.nanoTime();
            RetentionCutoffs cutoffs = RetentionCutoffs.at(startedAt, settings);
            int size = settings.getBatchSize();
            Map<String, Long> deleted = zeros(RetentionStore.DELETED_TABLES);
            Map<String, Long> blanked = zeros(RetentionStore.BLANKED_TABLES);
            // deletes first, so that a body is not counted as blanked and then deleted in the same run
            drain(size, inTransaction(after -> store.deleteFinishedRequests(cutoffs.processed(), after, size)), deleted);
            drain(size, inTransaction(after -> store.deleteExportHistory(cutoffs.processed(), after, size)), deleted);
            drain(size, inTransaction(after -> store.blankRawBodies(cutoffs.rawBodies(), after, size)), blanked);
            drain(size, inTransaction(after -> store.blankExportBodies(cutoffs.rawBodies(), after, size)), blanked);
            // keys after requests: a key goes only once its request is gone
            drain(size, inTransaction(after -> store.deleteIdempotencyKeys(cutoffs.idempotencyKeys(), size)), deleted);
            drain(size, inTransaction(after -> store.deleteSettledDeadLetters(cutoffs.deadLetters(), size)), deleted);
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            RetentionReport report = new RetentionReport(startedAt, millis, cutoffs,
                    Collections.unmodifiableMap(deleted), Collections.unmodifiableMap(blanked));
            LOG.info("retention run done in {} ms: deleted {}; bodies removed {}; cutoffs: raw bodies {}, processed {}, "
                            + "idempotency keys {}, dead letters {}", millis, deleted, blanked, cutoffs.rawBodies(),
                    cutoffs.processed(), cutoffs.idempotencyKeys(), cutoffs.deadLetters());
            return report;
        } finally {
            running.unlock();
        }
    }

    private LongFunction<RetentionStore.Batch> inTransaction(LongFunction<RetentionStore.Batch> batch) {
        return after -> transaction.execute(status -> batch.apply(after));
    }

    /**
     * Runs batches until one takes on fewer rows than {@code batchSize} (nothing more is due), each continuing after
     * the last id of the one before, and adds their counts to {@code totals}.
     */
    static void drain(int batchSize, LongFunction<RetentionStore.Batch> nextBatch, Map<String, Long> totals) {
        long after = 0;
        RetentionStore.Batch batch;
        do {
            batch = nextBatch.apply(after);
            batch.counts().forEach((table, count) -> totals.merge(table, (long) count, Long::sum));
            after = batch.lastId();
        } while (batch.selected() >= batchSize);
    }

    private static Map<String, Long> zeros(List<String> tables) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tables.forEach(table -> counts.put(table, 0L));
        return counts;
    }
}
