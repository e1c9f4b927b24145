package com.magentobridge.order;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.flow.ParkableWork;
import com.magentobridge.flow.Flow;

/** The orders one export run claimed; what a dead letter keeps (their entity ids) and replays. */
public final class OrderExportBatch extends ParkableWork {

    private final List<Long> entityIds;
    private final boolean statusUpdates;
    private transient List<OrderExportStore.Claimed> claimed;

    @JsonCreator
    public OrderExportBatch(@JsonProperty("entityIds") List<Long> entityIds,
                            @JsonProperty("statusUpdates") boolean statusUpdates) {
        super(Flow.ORDERS_EXPORT);
        this.entityIds = List.copyOf(entityIds);
        this.statusUpdates = statusUpdates;
    }

    /** A batch just claimed by a scheduled run: its claims are renewed before the call (see {@link #fromClaim()}). */
    OrderExportBatch(List<OrderExportStore.Claimed> claimed, boolean statusUpdates, boolean fromClaim) {
        this(claimed.stream().map(OrderExportStore.Claimed::entityId).toList(), statusUpdates);
        this.claimed = new ArrayList<>(claimed);
        this.fromClaim = fromClaim;
    }

    private transient boolean fromClaim;

    /** Claimed by a scheduled run (not a replay, which takes its orders whatever their state). */
    @JsonIgnore boolean fromClaim() { return fromClaim; }

    /** Keeps only the orders this process still holds (another node took back the rest after their lease). */
    void keepOnly(java.util.Collection<Long> stillClaimed) {
        java.util.Set<Long> kept = new java.util.HashSet<>(stillClaimed);
        claimed.removeIf(order -> !kept.contains(order.entityId()));
    }

    @JsonProperty public List<Long> entityIds() { return entityIds; }
    /** A batch of status updates for orders already exported, rather than new orders. */
    @JsonProperty public boolean statusUpdates() { return statusUpdates; }
    @JsonIgnore public List<OrderExportStore.Claimed> claimed() { return claimed; }
    @JsonIgnore public boolean hasWork() { return !entityIds.isEmpty(); }

    void claimed(List<OrderExportStore.Claimed> rows) {
        this.claimed = new ArrayList<>(rows);
    }

    /** The orders about to be sent (the rest of the claim was settled before the call). */
    void sending(java.util.Collection<Long> ids) {
        sending = new java.util.HashSet<>(ids);
    }

    /** Whether an order was part of the call; all of the claim when the failure came before the call. */
    boolean wasSending(long entityId) {
        return sending == null || sending.contains(entityId);
    }

    private transient java.util.Set<Long> sending;

    @Override
    protected void parked(long deadLetterId, String reason) {
        // the orders' FAILED state and reason are recorded by OrderExportService.failed
    }
}
