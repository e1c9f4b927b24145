package com.magentobridge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.magentobridge.fixtures.OwnOrders;
import com.magentobridge.order.CanonicalOrderChecks.CouponToZero;
import com.magentobridge.order.CanonicalOrderChecks.Discounted;
import com.magentobridge.order.CanonicalOrderChecks.EditedOnce;
import com.magentobridge.order.CanonicalOrderChecks.GuestConfigurable;
import com.magentobridge.order.CanonicalOrderChecks.LineMoney;
import com.magentobridge.order.CanonicalOrderChecks.Registered;

/**
 * Magento order JSON → {@link CanonicalOrder} on the project's own order documents (GET /V1/orders/{id} layout, see
 * {@link OwnOrders}): guests, configurables, money, addresses, currencies, edits, times, and malformed orders refused.
 * The contract suite checks the same on the recorded Magento traffic ({@link CanonicalOrderMapperFixturesTest}); the
 * checks both share are in {@link CanonicalOrderChecks}.
 */
class CanonicalOrderMapperTest {

    private static CanonicalOrder map(String name) {
        return CanonicalOrderMapper.map(OwnOrders.json(name));
    }

    @TestFactory
    Stream<DynamicTest> everyOwnOrderMapsAndKeepsItsIdentityMoneyAndAddress() {
        return OwnOrders.ALL.stream().map(name -> DynamicTest.dynamicTest(name,
                () -> CanonicalOrderChecks.mapsKeepingItsDocument(OwnOrders.json(name))));
    }

    @Test
    void orderInAnotherCurrencyThanItsBaseKeepsBoth() {
        CanonicalOrder eur = map(OwnOrders.REGISTERED_EUR_DISCOUNT_VAT);
        assertThat(eur.currency()).isEqualTo("EUR");
        assertThat(eur.baseCurrency()).isEqualTo("GBP");
        assertThat(eur.totals().grandTotal()).isEqualByComparingTo("101.54");
        assertThat(eur.totals().baseGrandTotal()).isEqualByComparingTo("86.79");

        CanonicalOrder gbp = map(OwnOrders.GUEST_CONFIGURABLE);
        assertThat(gbp.currency()).isEqualTo("GBP");
        assertThat(gbp.baseCurrency()).isEqualTo("GBP");
    }

    @Test
    void guestOrderHasNoCustomerIdAndItsConfigurableIsOneLineFromTheParentItem() {
        new GuestConfigurable("100000041", "wren.castell@example.net", 401, 402, "JK-OTTER-M-Green", "Otter Jacket",
                "65", "5", "70", "2024-02-12T14:03:51Z").check(map(OwnOrders.GUEST_CONFIGURABLE));
    }

    @Test
    void registeredCustomerOrderKeepsTheCustomer() {
        CanonicalOrder order = map(OwnOrders.REGISTERED_EUR_DISCOUNT_VAT);

        new Registered("100000042",
                new CanonicalOrder.Customer(7L, false, "maya.okafor@example.com", "Maya", "Okafor", 1),
                "Best Way - Table Rate",
                new CanonicalOrder.Address("Maya", "Okafor", null, List.of("22 Elm Grove"), "Stockport", "Cheshire",
                        "SK4 2QF", "GB", "0161 496 0000", "maya.okafor@example.com")).check(order);
        assertThat(order.billingAddress()).isEqualTo(new CanonicalOrder.Address("Maya", "Okafor", "Okafor Studio",
                List.of("Unit 3", "Canal Works", "Lock Lane"), "Manchester", "Greater Manchester", "M4 6DE", "GB",
                "0161 496 0000", "maya.okafor@example.com"));
        assertThat(order.fullyInvoiced()).isTrue();
    }

    @Test
    void discountsAndTaxesAreCarriedOnTheOrderAndItsLines() {
        CanonicalOrder order = map(OwnOrders.REGISTERED_EUR_DISCOUNT_VAT);

        // subtotal, with tax, discount, tax, shipping, grand total;
        // each line's price, with tax, tax %, tax, discount, row total with tax
        new Discounted("92.5", "111", "-13.88", "16.92", "6", "101.54",
                new LineMoney("HD-FJORD-L-Grey", "40", "48", "20", "13.6", "12", "96"),
                new LineMoney("MUG-ENAMEL-WHT", "12.5", "15", "20", "2.12", "1.88", "15")).check(order);
        assertThat(order.totals().shippingTax()).isEqualByComparingTo("1.2");
        assertThat(order.totals().shippingInclTax()).isEqualByComparingTo("7.2");
        assertThat(order.couponCode()).isEqualTo("WELCOME15");
        CanonicalOrder.Line hoodie = order.lines().get(0);
        assertThat(hoodie.itemId()).isEqualTo(411);
        assertThat(hoodie.qtyInvoiced()).isEqualByComparingTo("2");
    }

    @Test
    void couponOrderDiscountedToZeroKeepsCouponAndDiscount() {
        CanonicalOrder order = map(OwnOrders.GUEST_COUPON_TO_ZERO);

        new CouponToZero("STAFF100", "Staff sample", "-22.5", 421, "SOCK-WOOL-OLIVE", "18").check(order);
        assertThat(order.paymentMethod()).isEqualTo("free");
    }

    @Test
    void editedOrderKeepsItsSuffixedNumberAndItsLinkToTheOriginal() {
        new EditedOnce("100000044", 44, "2024-02-15T10:42:17Z",
                tuple(441L, "DR-LINEN-M-Sand"), tuple(443L, "BELT-CORK")).check(
                map(OwnOrders.EDIT_CHILD),
                map(OwnOrders.EDIT_ORIGINAL),
                map(OwnOrders.EDIT_ORIGINAL_CANCELED));
    }

    @Test
    void orderWithoutAStatusFieldMapsWithANullStatus() {
        CanonicalOrderChecks.mapsWithoutStatus(
                OwnOrders.without(OwnOrders.EDIT_ORIGINAL, "status"), "new", "100000044");
    }

    @Test
    void shippingAddressComesFromTheShippingAssignmentNotTheBillingAddress() {
        ObjectNode raw = OwnOrders.json(OwnOrders.GUEST_CONFIGURABLE);
        ObjectNode shipTo = (ObjectNode) raw.at("/extension_attributes/shipping_assignments/0/shipping/address");
        shipTo.put("city", "Elsewhere");
        ((ArrayNode) shipTo.get("street")).removeAll().add("2 Other Road").add("").add("Flat 3");

        CanonicalOrder order = CanonicalOrderMapper.map(raw);

        assertThat(order.shippingAddress().city()).isEqualTo("Elsewhere");
        assertThat(order.shippingAddress().street()).as("blank street lines dropped")
                .containsExactly("2 Other Road", "Flat 3");
        assertThat(order.billingAddress().city()).isEqualTo("Whitby");
        assertThat(order.shippingMethod()).isEqualTo("flatrate_flatrate");
    }

    @Test
    void updatedAtIsReadAsUtcWhateverTheStoreTimeZone() {
        CanonicalOrder order = map(OwnOrders.GUEST_COUPON_TO_ZERO);

        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2024-02-14T23:45:09Z"));
        assertThat(CanonicalOrderMapper.formatTime(order.updatedAt())).isEqualTo("2024-02-14 23:45:09");
        assertThat(CanonicalOrderMapper.parseTime("2024-02-14T23:45:09Z")).isEqualTo(order.updatedAt());
    }

    // ------------------------------------------------------------------ malformed orders

    private static ObjectNode guestOrderWithout(String field) {
        return OwnOrders.without(OwnOrders.GUEST_CONFIGURABLE, field);
    }

    @Test
    void orderWithoutEntityIdIsRefused() {
        assertThatThrownBy(() -> CanonicalOrderMapper.map(guestOrderWithout("entity_id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Magento order without entity_id");
    }

    @Test
    void orderWithANonNumericEntityIdIsRefused() {
        ObjectNode raw = guestOrderWithout("entity_id");
        raw.put("entity_id", "sixteen");

        assertThatThrownBy(() -> CanonicalOrderMapper.map(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entity_id").hasMessageContaining("'sixteen'").hasMessageContaining("not a number");
    }

    @Test
    void orderWithoutIncrementIdIsRefused() {
        assertThatThrownBy(() -> CanonicalOrderMapper.map(guestOrderWithout("increment_id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Magento order without increment_id");
        ObjectNode blank = guestOrderWithout("increment_id");
        blank.put("increment_id", "  ");
        assertThatThrownBy(() -> CanonicalOrderMapper.map(blank))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increment_id");
    }

    @Test
    void orderWithoutUpdatedAtIsRefusedNamingTheOrder() {
        assertThatThrownBy(() -> CanonicalOrderMapper.map(guestOrderWithout("updated_at")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Order 100000041 has no updated_at");
        ObjectNode nullTime = guestOrderWithout("updated_at");
        nullTime.putNull("updated_at");
        assertThatThrownBy(() -> CanonicalOrderMapper.map(nullTime))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Order 100000041 has no updated_at");
    }

    @Test
    void orderWithAnUnreadableUpdatedAtIsRefusedNamingTheField() {
        ObjectNode raw = guestOrderWithout("updated_at");
        raw.put("updated_at", "12/02/2024 14:03");

        // the importer logs this message as the reason the order was skipped: it must say which field is wrong
        assertThatThrownBy(() -> CanonicalOrderMapper.map(raw))
                .hasMessageContaining("updated_at")
                .hasMessageContaining("12/02/2024 14:03");
    }
}
