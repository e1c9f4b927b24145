package com.magentobridge.inventory;

import java.util.List;
import java.util.Map;

/** Where the newest-wins guard reads and records the last sequence applied per SKU and source. */
public interface AppliedSequences {

    /** Last applied sequence of each key that has one; called inside the claiming transaction. */
    Map<SkuSource, Long> lastApplied(List<SkuSource> keys);

    /** Records the sequences of successful writes; called inside the transaction that records their lines. */
    void record(List<StockWrite> applied);

    /** Called once that transaction has committed. */
    default void committed(List<StockWrite> applied) {
    }

    /** Background housekeeping; returns how many entries it folded. */
    default int fold() {
        return 0;
    }
}
