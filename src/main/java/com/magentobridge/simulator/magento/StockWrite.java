package com.magentobridge.simulator.magento;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One stock quantity write applied through the REST API, in the order writes were applied.
 * MSI writes ({@code POST /V1/inventory/source-items}) produce one entry per source item; legacy writes
 * ({@code PUT /V1/products/{sku}/stockItems/{itemId}}) produce one entry with source {@code "default"}.
 * Catalog seeding via {@link MagentoSimulator#setSourceQuantity} is not recorded.
 *
 * @param order global, strictly increasing sequence number (starts at 1 after construction / reset)
 */
public record StockWrite(String sku, String sourceCode, BigDecimal quantity, Instant time, long order) {
}
