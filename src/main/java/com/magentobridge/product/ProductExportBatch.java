package com.magentobridge.product;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.flow.ExportBatch;
import com.magentobridge.flow.Flow;
import com.magentobridge.storage.ExportLedger;

/** The products (ledger rows) one export batch claimed; what a dead letter keeps (their ids) and replays. */
public final class ProductExportBatch extends ExportBatch<ExportLedger.Claimed> {

    private final List<Long> ids;

    @JsonCreator
    public ProductExportBatch(@JsonProperty("ids") List<Long> ids) {
        super(Flow.PRODUCTS_EXPORT);
        this.ids = List.copyOf(ids);
    }

    /** A batch just claimed by a run (tied to its run's claim by {@link com.magentobridge.flow.ExportFence}). */
    static ProductExportBatch claimed(List<ExportLedger.Claimed> rows) {
        ProductExportBatch batch = new ProductExportBatch(rows.stream().map(ExportLedger.Claimed::id).toList());
        batch.rows(rows);
        return batch;
    }

    @Override
    protected long id(ExportLedger.Claimed row) {
        return row.id();
    }

    @JsonProperty public List<Long> ids() { return ids; }
    @JsonIgnore public boolean hasWork() { return !ids.isEmpty(); }

    @Override
    protected void parked(long deadLetterId, String reason) {
        // the products' FAILED state and reason are recorded by ProductExportService.failed
    }
}
