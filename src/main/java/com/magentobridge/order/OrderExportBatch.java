package com.magentobridge.order;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.flow.ExportBatch;
import com.magentobridge.flow.Flow;

/** The orders one export run claimed; what a dead letter keeps (their entity ids) and replays. */
public final class OrderExportBatch extends ExportBatch<OrderExportStore.Claimed> {

    private final List<Long> entityIds;
    private final boolean statusUpdates;

    @JsonCreator
    public OrderExportBatch(@JsonProperty("entityIds") List<Long> entityIds,
                            @JsonProperty("statusUpdates") boolean statusUpdates) {
        super(Flow.ORDERS_EXPORT);
        this.entityIds = List.copyOf(entityIds);
        this.statusUpdates = statusUpdates;
    }

    /** A batch just claimed by a scheduled run (tied to its run's claim by {@link com.magentobridge.flow.ExportFence}). */
    static OrderExportBatch claimed(List<OrderExportStore.Claimed> claimed, boolean statusUpdates) {
        OrderExportBatch batch = new OrderExportBatch(claimed.stream().map(OrderExportStore.Claimed::entityId).toList(),
                statusUpdates);
        batch.rows(claimed);
        return batch;
    }

    @Override
    protected long id(OrderExportStore.Claimed order) {
        return order.entityId();
    }

    @JsonProperty public List<Long> entityIds() { return entityIds; }
    /** A batch of status updates for orders already exported, rather than new orders. */
    @JsonProperty public boolean statusUpdates() { return statusUpdates; }
    @JsonIgnore public boolean hasWork() { return !entityIds.isEmpty(); }

    @Override
    protected void parked(long deadLetterId, String reason) {
        // the orders' FAILED state and reason are recorded by OrderExportService.failed
    }
}
