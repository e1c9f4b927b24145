package com.magentobridge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.magentobridge.fixtures.OwnOrders;

/**
 * Magento order JSON → {@link CanonicalOrder} on the project's own order documents (GET /V1/orders/{id} layout, see
 * {@link OwnOrders}): guests, configurables, money, addresses, currencies, edits, times, and malformed orders refused.
 * The contract suite checks the same on the recorded Magento traffic ({@link CanonicalOrderMapperFixturesTest}).
 */
class CanonicalOrderMapperTest {

    private static CanonicalOrder map(String name) {
        return CanonicalOrderMapper.map(OwnOrders.json(name));
    }

    private static Set<Long> configurableChildIds(JsonNode order) {
        Set<Long> configurables = new HashSet<>();
        for (JsonNode item : order.path("items")) {
            if ("configurable".equals(item.path("product_type").asText())) {
                configurables.add(item.path("item_id").asLong());
            }
        }
        Set<Long> children = new HashSet<>();
        for (JsonNode item : order.path("items")) {
            JsonNode parent = item.get("parent_item_id");
            if (parent != null && !parent.isNull() && configurables.contains(parent.asLong())) {
                children.add(item.path("item_id").asLong());
            }
        }
        return children;
    }

    @TestFactory
    Stream<DynamicTest> everyOwnOrderMapsAndKeepsItsIdentityMoneyAndAddress() {
        return OwnOrders.ALL.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            JsonNode raw = OwnOrders.json(name);
            CanonicalOrder order = CanonicalOrderMapper.map(raw);

            assertThat(order.entityId()).isEqualTo(raw.get("entity_id").asLong());
            assertThat(order.incrementId()).isEqualTo(raw.get("increment_id").textValue());
            assertThat(order.updatedAt()).as("updated_at read as UTC")
                    .isEqualTo(Instant.parse(raw.get("updated_at").asText().replace(' ', 'T') + "Z"));
            assertThat(order.createdAt())
                    .isEqualTo(Instant.parse(raw.get("created_at").asText().replace(' ', 'T') + "Z"));
            assertThat(order.currency()).isEqualTo(raw.get("order_currency_code").asText());
            assertThat(order.baseCurrency()).isEqualTo(raw.get("base_currency_code").asText());
            assertThat(order.totals().grandTotal()).isEqualByComparingTo(raw.get("grand_total").decimalValue());
            assertThat(order.totals().baseGrandTotal()).isEqualByComparingTo(raw.get("base_grand_total").decimalValue());
            assertThat(order.totals().tax()).isEqualByComparingTo(raw.get("tax_amount").decimalValue());
            assertThat(order.totals().discount()).isEqualByComparingTo(raw.get("discount_amount").decimalValue());
            assertThat(order.paymentMethod()).isEqualTo(raw.at("/payment/method").asText());

            boolean guest = raw.path("customer_is_guest").asInt() == 1;
            assertThat(order.customer().guest()).isEqualTo(guest);
            assertThat(order.customer().id()).isEqualTo(guest ? null : raw.get("customer_id").asLong());
            assertThat(order.customer().email()).isEqualTo(raw.get("customer_email").asText());

            JsonNode shipTo = raw.at("/extension_attributes/shipping_assignments/0/shipping/address");
            assertThat(order.shippingAddress()).isNotNull();
            assertThat(order.shippingAddress().postcode()).isEqualTo(shipTo.get("postcode").asText());
            assertThat(order.shippingAddress().city()).isEqualTo(shipTo.get("city").asText());
            assertThat(order.shippingAddress().countryId()).isEqualTo(shipTo.get("country_id").asText());
            assertThat(order.shippingMethod())
                    .isEqualTo(raw.at("/extension_attributes/shipping_assignments/0/shipping/method").asText());
            assertThat(order.billingAddress().lastname()).isEqualTo(raw.at("/billing_address/lastname").asText());

            Set<Long> children = configurableChildIds(raw);
            assertThat(order.lines()).isNotEmpty();
            assertThat(order.lines()).as("configurable children folded into their parent line")
                    .noneMatch(line -> children.contains(line.itemId()));
            assertThat(order.lines()).hasSize(raw.get("items").size() - children.size());
            assertThat(order.lines()).allSatisfy(line -> assertThat(line.sku()).isNotBlank());
            assertThat(order.virtual()).isFalse();
        }));
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
        CanonicalOrder order = map(OwnOrders.GUEST_CONFIGURABLE);

        assertThat(order.incrementId()).isEqualTo("100000041");
        assertThat(order.customer().guest()).isTrue();
        assertThat(order.customer().id()).isNull();
        assertThat(order.customer().email()).isEqualTo("wren.castell@example.net");
        assertThat(order.customer().firstname()).isNull();
        assertThat(order.customer().groupId()).isZero();

        assertThat(order.lines()).singleElement().satisfies(line -> {
            assertThat(line.itemId()).as("the configurable parent item, not child 402").isEqualTo(401);
            assertThat(line.sku()).isEqualTo("JK-OTTER-M-Green");
            assertThat(line.productType()).isEqualTo("configurable");
            assertThat(line.name()).isEqualTo("Otter Jacket");
            assertThat(line.qtyOrdered()).isEqualByComparingTo("1");
            assertThat(line.price()).isEqualByComparingTo("65");
            assertThat(line.rowTotal()).as("the parent carries the money; the child's row total is 0")
                    .isEqualByComparingTo("65");
        });
        assertThat(order.totals().subtotal()).isEqualByComparingTo("65");
        assertThat(order.totals().shipping()).isEqualByComparingTo("5");
        assertThat(order.totals().grandTotal()).isEqualByComparingTo("70");
        assertThat(order.fullyInvoiced()).isFalse();
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2024-02-12T14:03:51Z"));
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2024-02-12T14:03:51Z"));
    }

    @Test
    void registeredCustomerOrderKeepsTheCustomer() {
        CanonicalOrder order = map(OwnOrders.REGISTERED_EUR_DISCOUNT_VAT);

        assertThat(order.customer()).isEqualTo(new CanonicalOrder.Customer(7L, false, "maya.okafor@example.com",
                "Maya", "Okafor", 1));
        assertThat(order.incrementId()).isEqualTo("100000042");
        assertThat(order.shippingDescription()).isEqualTo("Best Way - Table Rate");
        assertThat(order.shippingAddress()).isEqualTo(new CanonicalOrder.Address("Maya", "Okafor", null,
                List.of("22 Elm Grove"), "Stockport", "Cheshire", "SK4 2QF", "GB", "0161 496 0000",
                "maya.okafor@example.com"));
        assertThat(order.billingAddress()).isEqualTo(new CanonicalOrder.Address("Maya", "Okafor", "Okafor Studio",
                List.of("Unit 3", "Canal Works", "Lock Lane"), "Manchester", "Greater Manchester", "M4 6DE", "GB",
                "0161 496 0000", "maya.okafor@example.com"));
        assertThat(order.fullyInvoiced()).isTrue();
    }

    @Test
    void discountsAndTaxesAreCarriedOnTheOrderAndItsLines() {
        CanonicalOrder order = map(OwnOrders.REGISTERED_EUR_DISCOUNT_VAT);

        CanonicalOrder.Totals totals = order.totals();
        assertThat(totals.subtotal()).isEqualByComparingTo("92.5");
        assertThat(totals.subtotalInclTax()).isEqualByComparingTo("111");
        assertThat(totals.discount()).isEqualByComparingTo("-13.88");
        assertThat(totals.tax()).isEqualByComparingTo("16.92");
        assertThat(totals.shipping()).isEqualByComparingTo("6");
        assertThat(totals.shippingTax()).isEqualByComparingTo("1.2");
        assertThat(totals.shippingInclTax()).isEqualByComparingTo("7.2");
        assertThat(totals.grandTotal()).isEqualByComparingTo("101.54");
        assertThat(order.couponCode()).isEqualTo("WELCOME15");
        assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).containsExactly("HD-FJORD-L-Grey", "MUG-ENAMEL-WHT");
        CanonicalOrder.Line hoodie = order.lines().get(0);
        assertThat(hoodie.itemId()).isEqualTo(411);
        assertThat(hoodie.discountAmount()).isEqualByComparingTo("12");
        assertThat(hoodie.taxAmount()).isEqualByComparingTo("13.6");
        assertThat(hoodie.taxPercent()).isEqualByComparingTo("20");
        assertThat(hoodie.priceInclTax()).isEqualByComparingTo("48");
        assertThat(hoodie.rowTotalInclTax()).isEqualByComparingTo("96");
        assertThat(hoodie.qtyInvoiced()).isEqualByComparingTo("2");
        CanonicalOrder.Line mug = order.lines().get(1);
        assertThat(mug.discountAmount()).isEqualByComparingTo("1.88");
        assertThat(mug.taxAmount()).isEqualByComparingTo("2.12");
        assertThat(mug.price()).isEqualByComparingTo("12.5");
        assertThat(mug.rowTotalInclTax()).isEqualByComparingTo("15");
    }

    @Test
    void couponOrderDiscountedToZeroKeepsCouponAndDiscount() {
        CanonicalOrder order = map(OwnOrders.GUEST_COUPON_TO_ZERO);

        assertThat(order.couponCode()).isEqualTo("STAFF100");
        assertThat(order.discountDescription()).isEqualTo("Staff sample");
        assertThat(order.totals().discount()).isEqualByComparingTo("-22.5");
        assertThat(order.totals().grandTotal()).isEqualByComparingTo("0");
        assertThat(order.paymentMethod()).isEqualTo("free");
        assertThat(order.customer().guest()).isTrue();
        assertThat(order.customer().id()).isNull();
        assertThat(order.lines()).singleElement().satisfies(line -> {
            assertThat(line.itemId()).isEqualTo(421);
            assertThat(line.sku()).isEqualTo("SOCK-WOOL-OLIVE");
            assertThat(line.discountAmount()).as("the line's share; the rest is the shipping's")
                    .isEqualByComparingTo("18");
        });
    }

    @Test
    void editedOrderKeepsItsSuffixedNumberAndItsLinkToTheOriginal() {
        CanonicalOrder edited = map(OwnOrders.EDIT_CHILD);

        assertThat(edited.incrementId()).isEqualTo("100000044-1");
        assertThat(edited.edit()).isNotNull();
        assertThat(edited.edit().relationParentId()).as("a JSON string \"44\" in the document").isEqualTo(44L);
        assertThat(edited.edit().relationParentRealId()).isEqualTo("100000044");
        assertThat(edited.edit().originalIncrementId()).isEqualTo("100000044");
        assertThat(edited.edit().editIncrement()).isEqualTo(1);
        assertThat(edited.lines()).extracting(CanonicalOrder.Line::itemId, CanonicalOrder.Line::sku)
                .containsExactly(tuple(441L, "DR-LINEN-M-Sand"), tuple(443L, "BELT-CORK"));

        CanonicalOrder original = map(OwnOrders.EDIT_ORIGINAL);
        assertThat(original.incrementId()).isEqualTo("100000044");
        assertThat(original.edit()).isNull();

        CanonicalOrder canceledOriginal = map(OwnOrders.EDIT_ORIGINAL_CANCELED);
        assertThat(canceledOriginal.status()).isEqualTo("canceled");
        assertThat(canceledOriginal.edit()).isNull();
        assertThat(canceledOriginal.updatedAt()).as("cancelled in the same second the edit was created")
                .isEqualTo(edited.updatedAt()).isEqualTo(Instant.parse("2024-02-15T10:42:17Z"));
    }

    @Test
    void orderWithoutAStatusFieldMapsWithANullStatus() {
        CanonicalOrder order = CanonicalOrderMapper.map(OwnOrders.without(OwnOrders.EDIT_ORIGINAL, "status"));

        assertThat(order.state()).isEqualTo("new");
        assertThat(order.status()).isNull();
        assertThat(order.incrementId()).isEqualTo("100000044");
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
