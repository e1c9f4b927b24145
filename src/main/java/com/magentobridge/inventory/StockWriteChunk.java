package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.flow.ParkableWork;
import com.magentobridge.flow.Flow;

/**
 * The unit sent to Magento in one call (MSI) or one fan-out (legacy); what a dead letter keeps and replays.
 * Outcomes are filled in as writes succeed, so a redelivery only sends what is still pending.
 */
public final class StockWriteChunk extends ParkableWork {

    private final List<StockWrite> writes;

    private final Map<Long, LineOutcome> outcomes = new ConcurrentHashMap<>();

    @JsonCreator
    public StockWriteChunk(@JsonProperty("writes") List<StockWrite> writes) {
        super(Flow.INVENTORY);
        this.writes = List.copyOf(writes);
    }

    @JsonIgnore
    public List<StockWrite> writes() {
        return writes;
    }

    /**
     * Writes still without a result. This is also what a dead letter keeps: writes that already succeeded
     * (or that Magento refused for good) are not replayed.
     */
    @JsonProperty("writes")
    public List<StockWrite> pending() {
        List<StockWrite> result = new ArrayList<>();
        for (StockWrite write : writes) {
            if (!outcomes.containsKey(write.lineId())) {
                result.add(write);
            }
        }
        return result;
    }

    public void record(StockWrite write, LineOutcome outcome) {
        outcomes.put(write.lineId(), outcome);
    }

    @JsonIgnore
    public Map<Long, LineOutcome> outcomes() {
        return outcomes;
    }

    /** What parking means for a chunk: every write still pending is Failed, naming the dead letter. */
    @Override
    protected void parked(long deadLetterId, String reason) {
        for (StockWrite write : pending()) {
            record(write, LineOutcome.failed("Dead-lettered as #" + deadLetterId + ": " + reason));
        }
    }
}
