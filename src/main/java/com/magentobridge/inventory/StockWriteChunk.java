package com.magentobridge.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.ops.DeadLetterAware;

/**
 * The unit sent to Magento in one call (MSI) or one fan-out (legacy); what a dead letter keeps and replays.
 * Outcomes are filled in as writes succeed, so a redelivery only sends what is still pending.
 */
public final class StockWriteChunk implements DeadLetterAware {

    private final List<StockWrite> writes;
    public static final String REPLAY_URI = "direct:inventory-replay";

    private final Map<Long, LineOutcome> outcomes = new ConcurrentHashMap<>();
    private volatile Long deadLetterId;
    private final AtomicInteger attempts = new AtomicInteger();

    @JsonCreator
    public StockWriteChunk(@JsonProperty("writes") List<StockWrite> writes) {
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

    /** The dead letter this chunk was parked as, when its writes exhausted their retries. */
    @JsonIgnore
    public Long deadLetterId() {
        return deadLetterId;
    }

    /** Counts one delivery attempt to Magento. */
    public void attempted() {
        attempts.incrementAndGet();
    }

    @Override
    @JsonIgnore
    public int attempts() {
        return attempts.get();
    }

    @Override
    @JsonIgnore
    public String replayUri() {
        return REPLAY_URI;
    }

    @Override
    @JsonIgnore
    public String flow() {
        return InventoryStore.FLOW;
    }

    @Override
    public void deadLettered(long deadLetterId, String reason) {
        this.deadLetterId = deadLetterId;
        for (StockWrite write : pending()) {
            record(write, LineOutcome.failed("Dead-lettered as #" + deadLetterId + ": " + reason));
        }
    }
}
