package com.magentobridge.flow;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What every export batch (orders, products) shares: the ledger rows it holds in this run, which of them went into the
 * call, and the run's claim ({@link #claim()}: null for a replay of a dead letter, which takes its rows whatever their
 * state). {@link ExportFence} keeps a batch to the rows its run still owns. A dead letter keeps only the subclass's
 * ids; rows and the call's share are this run's.
 *
 * @param <R> a claimed row as the flow reads it
 */
public abstract class ExportBatch<R> extends ParkableWork {

    private transient List<R> rows = new ArrayList<>();
    private transient Set<Long> sending;

    protected ExportBatch(Flow flow) {
        super(flow);
    }

    /** The ledger key of a row. */
    protected abstract long id(R row);

    /** The rows this run holds: as claimed or taken again for a replay, less those another run took back. */
    @JsonIgnore
    public final List<R> rows() {
        return rows;
    }

    /** The rows a replay took again (or a run claimed). */
    public final void rows(List<R> held) {
        this.rows = new ArrayList<>(held);
    }

    /** The keys of {@link #rows()}. */
    @JsonIgnore
    public final List<Long> heldIds() {
        return rows.stream().map(this::id).toList();
    }

    /** Keeps only the rows this process still holds (another node took back the rest after their lease). */
    final void keepOnly(Collection<Long> stillClaimed) {
        Set<Long> kept = new HashSet<>(stillClaimed);
        rows.removeIf(row -> !kept.contains(id(row)));
    }

    /** The rows about to be sent (the rest was settled before the call). */
    public final void sending(Collection<Long> ids) {
        sending = new HashSet<>(ids);
    }

    /** Whether a row was part of the call; all of them when the failure came before the call. */
    public final boolean wasSending(long id) {
        return sending == null || sending.contains(id);
    }

    /** The keys of the rows that were part of the call (see {@link #wasSending}). */
    @JsonIgnore
    public final List<Long> sentIds() {
        return heldIds().stream().filter(this::wasSending).toList();
    }
}
