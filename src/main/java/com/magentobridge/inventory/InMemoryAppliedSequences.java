package com.magentobridge.inventory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * For an embedded (single-process) H2 only: the last applied sequences live in memory, batches append what they
 * applied to sku_sequence_log (packed appends instead of random-key updates), and {@link #fold()} moves the
 * log into sku_sequence in the background. At start-up the map is sku_sequence plus the log, so it is exact
 * after any stop. Never used where another process could apply sequences too.
 */
public class InMemoryAppliedSequences implements AppliedSequences {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryAppliedSequences.class);
    /** Log rows (up to 5,000 entries each) folded per run, one per transaction: live acks never wait long behind a fold. */
    private static final int FOLD_ROWS_PER_RUN = 1_000;

    private final InventoryStore store;
    private final TransactionTemplate transaction;
    private final Map<SkuSource, Long> applied = new ConcurrentHashMap<>();

    public InMemoryAppliedSequences(InventoryStore store, TransactionTemplate transaction) {
        this.store = store;
        this.transaction = transaction;
        store.forEachAppliedSequence((key, seq) -> applied.merge(key, seq, Math::max));
        LOG.info("{} applied sequences loaded", applied.size());
    }

    @Override
    public Map<SkuSource, Long> lastApplied(List<SkuSource> keys) {
        Map<SkuSource, Long> result = new HashMap<>();
        for (SkuSource key : keys) {
            Long seq = applied.get(key);
            if (seq != null) {
                result.put(key, seq);
            }
        }
        return result;
    }

    @Override
    public void record(List<StockWrite> writes) {
        store.appendSequenceLog(writes);
    }

    @Override
    public void committed(List<StockWrite> writes) {
        for (StockWrite write : writes) {
            applied.merge(write.key(), write.seq(), Math::max);
        }
    }

    @Override
    public int fold() {
        int total = 0;
        for (int row = 0; row < FOLD_ROWS_PER_RUN; row++) {
            Integer folded = transaction.execute(status -> store.foldOldestSequenceLogRow());
            if (folded == null || folded == 0) {
                break;
            }
            total += folded;
        }
        if (total > 0) {
            LOG.debug("folded {} applied-sequence log entries", total);
        }
        return total;
    }
}
