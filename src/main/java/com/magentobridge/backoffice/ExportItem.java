package com.magentobridge.backoffice;

import com.magentobridge.order.CanonicalOrder;

/**
 * One order to export, with the values the mappings gave it (never guessed: an order whose values cannot be mapped is
 * parked before it gets here).
 *
 * @param status        the back office's status for the order's Magento status
 * @param paymentMethod the back office's code for the order's payment method
 * @param channel       back-office channel of the order's store
 * @param organisation  back-office organisation of the order's store
 * @param site          warehouse site / MSI source of the order's store (may be null)
 */
public record ExportItem(CanonicalOrder order, String status, String paymentMethod, String channel,
                         String organisation, String site) {
}
