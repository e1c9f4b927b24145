package com.magentobridge.backoffice;

import java.util.List;

/**
 * Sends a batch of orders to the back office in its format. Implementations: OrderFlow's {@code <imports>} document
 * and plain JSON for ERPs. A failure of the call as a whole that may pass (no answer, a status the export retries) throws
 * {@link BackOfficeTransientException}; any other refusal of the whole call throws {@link BackOfficeRejectedException};
 * per-order results come back in the report
 * (an order the answer does not mention is Failed with a message saying so).
 */
public interface BackOfficeExporter {

    ExportReport export(List<ExportItem> items);

    /** Sends a batch of products; per-product results by SKU as for {@link #export}. */
    ExportReport exportProducts(List<ProductItem> items);

    /** "orderflow" or "json". */
    String type();

    /** Whether the back office answers an authenticated call (for the health check); never throws. */
    BackOfficeHttp.Probe probe();

    /** Whether the back office takes status changes of orders it already has (OrderFlow's order import does not). */
    default boolean supportsStatusUpdates() {
        return false;
    }

    /** Sends the new status of orders already exported; per-order results as for {@link #export}. */
    default ExportReport updateStatuses(List<ExportItem> items) {
        throw new UnsupportedOperationException(type() + " takes no order status updates");
    }
}
