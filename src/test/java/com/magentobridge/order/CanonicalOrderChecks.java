package com.magentobridge.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.groups.Tuple;

/**
 * What a mapped order must keep, shared by the two sets of order documents that {@link CanonicalOrderMapper} is
 * tested on: the project's own ({@link CanonicalOrderMapperTest}, default run) and the recorded Magento traffic
 * ({@link CanonicalOrderMapperFixturesTest}, contract suite). Each check takes the document or its mapped order and
 * the values that document must give; each test class adds what only its documents show.
 */
final class CanonicalOrderChecks {

    private CanonicalOrderChecks() {
    }

    /**
     * Maps a GET /V1/orders/{id} document and checks that the order keeps the document's identity, times, currencies,
     * money, payment, customer and addresses, and that its lines fold configurable children into their parent.
     */
    static CanonicalOrder mapsKeepingItsDocument(JsonNode raw) {
        CanonicalOrder order = CanonicalOrderMapper.map(raw);

        assertThat(order.entityId()).isEqualTo(raw.get("entity_id").asLong());
        assertThat(order.incrementId()).isEqualTo(raw.get("increment_id").textValue());
        assertThat(order.updatedAt()).as("updated_at read as UTC").isEqualTo(utc(raw.get("updated_at")));
        assertThat(order.createdAt()).isEqualTo(utc(raw.get("created_at")));
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
        return order;
    }

    private static Instant utc(JsonNode magentoTime) {
        return Instant.parse(magentoTime.asText().replace(' ', 'T') + "Z");
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

    /**
     * A new, uninvoiced guest order of one configurable product, placed and last updated at {@code placedAt}: no
     * customer id, and one line from the parent item (which carries the money; its child does not).
     */
    record GuestConfigurable(String incrementId, String email, long parentItemId, long childItemId, String sku,
                             String name, String price, String shipping, String grandTotal, String placedAt) {

        void check(CanonicalOrder order) {
            assertThat(order.incrementId()).isEqualTo(incrementId);
            assertThat(order.customer().guest()).isTrue();
            assertThat(order.customer().id()).isNull();
            assertThat(order.customer().email()).isEqualTo(email);
            assertThat(order.customer().firstname()).isNull();
            assertThat(order.customer().groupId()).isZero();

            assertThat(order.lines()).singleElement().satisfies(line -> {
                assertThat(line.itemId()).as("the configurable parent item, not child " + childItemId)
                        .isEqualTo(parentItemId);
                assertThat(line.sku()).isEqualTo(sku);
                assertThat(line.productType()).isEqualTo("configurable");
                assertThat(line.name()).isEqualTo(name);
                assertThat(line.qtyOrdered()).isEqualByComparingTo("1");
                assertThat(line.price()).isEqualByComparingTo(price);
                assertThat(line.rowTotal()).as("the parent carries the money; the child's row total is 0")
                        .isEqualByComparingTo(price);
            });
            assertThat(order.totals().subtotal()).isEqualByComparingTo(price);
            assertThat(order.totals().shipping()).isEqualByComparingTo(shipping);
            assertThat(order.totals().grandTotal()).isEqualByComparingTo(grandTotal);
            assertThat(order.fullyInvoiced()).isFalse();
            assertThat(order.updatedAt()).isEqualTo(Instant.parse(placedAt));
            assertThat(order.createdAt()).isEqualTo(Instant.parse(placedAt));
        }
    }

    /** A registered customer's order: the customer, the shipping description and the shipping address kept whole. */
    record Registered(String incrementId, CanonicalOrder.Customer customer, String shippingDescription,
                      CanonicalOrder.Address shippingAddress) {

        void check(CanonicalOrder order) {
            assertThat(order.customer()).isEqualTo(customer);
            assertThat(order.incrementId()).isEqualTo(incrementId);
            assertThat(order.shippingDescription()).isEqualTo(shippingDescription);
            assertThat(order.shippingAddress()).isEqualTo(shippingAddress);
        }
    }

    /** An order's money with discounts and taxes, and each line's share, in the order of the lines. */
    record Discounted(String subtotal, String subtotalInclTax, String discount, String tax, String shipping,
                      String grandTotal, LineMoney... lines) {

        void check(CanonicalOrder order) {
            CanonicalOrder.Totals totals = order.totals();
            assertThat(totals.subtotal()).isEqualByComparingTo(subtotal);
            assertThat(totals.subtotalInclTax()).isEqualByComparingTo(subtotalInclTax);
            assertThat(totals.discount()).isEqualByComparingTo(discount);
            assertThat(totals.tax()).isEqualByComparingTo(tax);
            assertThat(totals.shipping()).isEqualByComparingTo(shipping);
            assertThat(totals.grandTotal()).isEqualByComparingTo(grandTotal);
            assertThat(order.lines()).extracting(CanonicalOrder.Line::sku)
                    .containsExactly(Arrays.stream(lines).map(LineMoney::sku).toArray(String[]::new));
            for (int i = 0; i < lines.length; i++) {
                lines[i].check(order.lines().get(i));
            }
        }
    }

    /** One line's money: unit price with and without tax, tax rate and amount, discount, row total with tax. */
    record LineMoney(String sku, String price, String priceInclTax, String taxPercent, String taxAmount,
                     String discountAmount, String rowTotalInclTax) {

        void check(CanonicalOrder.Line line) {
            assertThat(line.price()).as(sku).isEqualByComparingTo(price);
            assertThat(line.priceInclTax()).as(sku).isEqualByComparingTo(priceInclTax);
            assertThat(line.taxPercent()).as(sku).isEqualByComparingTo(taxPercent);
            assertThat(line.taxAmount()).as(sku).isEqualByComparingTo(taxAmount);
            assertThat(line.discountAmount()).as(sku).isEqualByComparingTo(discountAmount);
            assertThat(line.rowTotalInclTax()).as(sku).isEqualByComparingTo(rowTotalInclTax);
        }
    }

    /**
     * A guest order whose coupon discounts it to a zero grand total: the coupon and its description kept, and the
     * order's one line carrying its share of the discount (the rest is the shipping's).
     */
    record CouponToZero(String couponCode, String discountDescription, String discount, long itemId, String sku,
                        String lineDiscount) {

        void check(CanonicalOrder order) {
            assertThat(order.couponCode()).isEqualTo(couponCode);
            assertThat(order.discountDescription()).isEqualTo(discountDescription);
            assertThat(order.totals().discount()).isEqualByComparingTo(discount);
            assertThat(order.totals().grandTotal()).isEqualByComparingTo("0");
            assertThat(order.customer().guest()).isTrue();
            assertThat(order.customer().id()).isNull();
            assertThat(order.lines()).singleElement().satisfies(line -> {
                assertThat(line.itemId()).isEqualTo(itemId);
                assertThat(line.sku()).isEqualTo(sku);
                assertThat(line.discountAmount()).as("the line's share; the rest is the shipping's")
                        .isEqualByComparingTo(lineDiscount);
            });
        }
    }

    /**
     * An order edited once in Magento: the edit is numbered {@code <original>-1} and linked to the original (entity
     * {@code originalEntityId}, its relation_parent_id a JSON string), which is cancelled in the same second, at
     * {@code editedAt}; the original before the edit is not an edit.
     */
    record EditedOnce(String originalIncrementId, long originalEntityId, String editedAt, Tuple... editLines) {

        void check(CanonicalOrder edited, CanonicalOrder original, CanonicalOrder canceledOriginal) {
            assertThat(edited.incrementId()).isEqualTo(originalIncrementId + "-1");
            assertThat(edited.edit()).isNotNull();
            assertThat(edited.edit().relationParentId())
                    .as("a JSON string \"" + originalEntityId + "\" in the document").isEqualTo(originalEntityId);
            assertThat(edited.edit().relationParentRealId()).isEqualTo(originalIncrementId);
            assertThat(edited.edit().originalIncrementId()).isEqualTo(originalIncrementId);
            assertThat(edited.edit().editIncrement()).isEqualTo(1);
            assertThat(edited.lines()).extracting(CanonicalOrder.Line::itemId, CanonicalOrder.Line::sku)
                    .containsExactly(editLines);

            assertThat(original.incrementId()).isEqualTo(originalIncrementId);
            assertThat(original.edit()).isNull();

            assertThat(canceledOriginal.status()).isEqualTo("canceled");
            assertThat(canceledOriginal.edit()).isNull();
            assertThat(canceledOriginal.updatedAt()).as("cancelled in the same second the edit was created")
                    .isEqualTo(edited.updatedAt()).isEqualTo(Instant.parse(editedAt));
        }
    }

    /** An order document without a status field maps, with its state and a null status. */
    static void mapsWithoutStatus(JsonNode raw, String state, String incrementId) {
        assertThat(raw.has("status")).as("the document has no status field").isFalse();
        CanonicalOrder order = CanonicalOrderMapper.map(raw);

        assertThat(order.state()).isEqualTo(state);
        assertThat(order.status()).isNull();
        assertThat(order.incrementId()).isEqualTo(incrementId);
    }
}
