package com.magentobridge.product;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.magentobridge.flow.Flow;
import com.magentobridge.flow.ParkableWork;
import com.magentobridge.storage.ExportLedger;

/** The products (ledger rows) one export batch claimed; what a dead letter keeps (their ids) and replays. */
public final class ProductExportBatch extends ParkableWork {

    private final List<Long> ids;
    private transient List<ExportLedger.Claimed> claimed = List.of();
    private transient boolean fromClaim;

    @JsonCreator
    public ProductExportBatch(@JsonProperty("ids") List<Long> ids) {
        super(Flow.PRODUCTS_EXPORT);
        this.ids = List.copyOf(ids);
    }

    /** A batch just claimed: its claims are renewed before the call. */
    static ProductExportBatch claimed(List<ExportLedger.Claimed> rows) {
        ProductExportBatch batch = new ProductExportBatch(rows.stream().map(ExportLedger.Claimed::id).toList());
        batch.claimed = new ArrayList<>(rows);
        batch.fromClaim = true;
        return batch;
    }

    @JsonProperty public List<Long> ids() { return ids; }
    @JsonIgnore public boolean hasWork() { return !ids.isEmpty(); }
    @JsonIgnore List<ExportLedger.Claimed> rows() { return claimed; }
    @JsonIgnore boolean fromClaim() { return fromClaim; }

    void rows(List<ExportLedger.Claimed> rows) {
        this.claimed = new ArrayList<>(rows);
    }

    /** Keeps only the rows this process still holds (another node took back the rest after their lease). */
    void keepOnly(Collection<Long> stillClaimed) {
        Set<Long> kept = new HashSet<>(stillClaimed);
        claimed.removeIf(row -> !kept.contains(row.id()));
    }

    @Override
    protected void parked(long deadLetterId, String reason) {
        // the products' FAILED state and reason are recorded by ProductExportService.failed
    }
}
