package com.magentobridge.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A Magento order as the bridge keeps and exports it: what every back-office adapter needs, independent of
 * Magento's JSON. Amounts are in the order currency; times are UTC.
 */
public record CanonicalOrder(
        long entityId,
        String incrementId,
        int storeId,
        String storeName,
        String state,
        String status,
        Instant createdAt,
        Instant updatedAt,
        String currency,
        String baseCurrency,
        Customer customer,
        String paymentMethod,
        String shippingMethod,
        String shippingDescription,
        Totals totals,
        String couponCode,
        String discountDescription,
        String customerNote,
        Address billingAddress,
        Address shippingAddress,
        List<Line> lines,
        boolean virtual,
        boolean fullyInvoiced,
        Edit edit) {

    /** {@code id} is null for guests. */
    public record Customer(Long id, boolean guest, String email, String firstname, String lastname, Integer groupId) { }

    public record Totals(BigDecimal subtotal, BigDecimal subtotalInclTax, BigDecimal discount, BigDecimal tax,
                         BigDecimal shipping, BigDecimal shippingTax, BigDecimal shippingInclTax, BigDecimal grandTotal,
                         BigDecimal baseGrandTotal) { }

    public record Address(String firstname, String lastname, String company, List<String> street, String city,
                          String region, String postcode, String countryId, String telephone, String email) { }

    /**
     * An order line the warehouse handles: simple products, the parent line of a configurable (whose SKU is the chosen
     * variant's), and the children of a bundle. Configurable children and bundle parents are folded away.
     */
    public record Line(long itemId, String sku, String name, String productType, BigDecimal qtyOrdered,
                       BigDecimal qtyInvoiced, BigDecimal qtyShipped, BigDecimal qtyCanceled, BigDecimal qtyRefunded,
                       BigDecimal price, BigDecimal priceInclTax, BigDecimal taxAmount, BigDecimal taxPercent,
                       BigDecimal discountAmount, BigDecimal rowTotal, BigDecimal rowTotalInclTax, boolean virtual) { }

    /** Set on an order created by editing another: Magento cancels the original and links the new one to it. */
    public record Edit(Long relationParentId, String relationParentRealId, String originalIncrementId,
                       Integer editIncrement) { }
}
