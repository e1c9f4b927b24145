package com.magentobridge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.magentobridge.fixtures.SharedFixtures;

/**
 * Contract suite: real Magento 2 orders (the OCA connector's recorded GET /V1/orders/{id} answers, read in place from
 * the shared fixtures: AGPL, never copied into this project) → {@link CanonicalOrder}: every recorded order maps, and
 * the facts a user relies on survive (order numbers, guests, configurables, money, addresses, currencies, edits).
 * The same behaviours, and the refusals of malformed orders, are tested on our own documents in the default run
 * ({@link CanonicalOrderMapperTest}).
 */
@Tag("contract")
class CanonicalOrderMapperFixturesTest {

    private static final String GLOB = "*GET_V1_orders_*.response.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every recorded order answer in the folder, by file name. */
    private static Map<String, JsonNode> recordedOrders() {
        Path cassettes = SharedFixtures.ocaFolder();
        Map<String, JsonNode> orders = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(cassettes, GLOB)) {
            for (Path file : files) {
                orders.put(file.getFileName().toString(), JSON.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return orders;
    }

    private static JsonNode recorded(String fileName) {
        return SharedFixtures.ocaJson(fileName);
    }

    private static CanonicalOrder map(String fileName) {
        return CanonicalOrderMapper.map(recorded(fileName));
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
    Stream<DynamicTest> everyRecordedOrderMapsAndKeepsItsIdentityMoneyAndAddress() {
        Map<String, JsonNode> orders = recordedOrders();
        assertThat(orders).as("recorded order answers matching " + GLOB).hasSizeGreaterThanOrEqualTo(11);
        List<DynamicTest> tests = new ArrayList<>();
        orders.forEach((name, raw) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            CanonicalOrder order = CanonicalOrderMapper.map(raw);

            assertThat(order.entityId()).isEqualTo(raw.get("entity_id").asLong());
            assertThat(order.incrementId()).as("increment_id kept exactly, leading zeros included")
                    .isEqualTo(raw.get("increment_id").textValue()).startsWith("0000000");
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
            assertThat(order.paymentMethod()).isEqualTo("checkmo");

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
        })));
        return tests.stream();
    }

    @Test
    void onlyOrder13IsInAnotherCurrencyThanItsBaseAndKeepsBoth() {
        Map<String, JsonNode> orders = recordedOrders();
        List<String> foreign = new ArrayList<>();
        orders.forEach((name, raw) -> {
            CanonicalOrder order = CanonicalOrderMapper.map(raw);
            if (!order.currency().equals(order.baseCurrency())) {
                foreign.add(name);
            }
        });

        assertThat(foreign).containsExactly("import_sale_order_13__00__GET_V1_orders_13.response.json");
        CanonicalOrder eur = map("import_sale_order_13__00__GET_V1_orders_13.response.json");
        assertThat(eur.currency()).isEqualTo("EUR");
        assertThat(eur.baseCurrency()).isEqualTo("USD");
        CanonicalOrder usd = map("import_sale_order_12__00__GET_V1_orders_12.response.json");
        assertThat(usd.currency()).isEqualTo("USD");
        assertThat(usd.baseCurrency()).isEqualTo("USD");
    }

    @Test
    void guestOrderHasNoCustomerIdAndItsConfigurableIsOneLineFromTheParentItem() {
        CanonicalOrder order = map("import_sale_order_16__00__GET_V1_orders_16.response.json");

        assertThat(order.incrementId()).isEqualTo("000000019");
        assertThat(order.customer().guest()).isTrue();
        assertThat(order.customer().id()).isNull();
        assertThat(order.customer().email()).isEqualTo("guest@guest.com");
        assertThat(order.customer().firstname()).isNull();
        assertThat(order.customer().groupId()).isZero();

        assertThat(order.lines()).singleElement().satisfies(line -> {
            assertThat(line.itemId()).as("the configurable parent item, not child 33").isEqualTo(32);
            assertThat(line.sku()).isEqualTo("WP13-28-Blue");
            assertThat(line.productType()).isEqualTo("configurable");
            assertThat(line.name()).isEqualTo("Portia Capri");
            assertThat(line.qtyOrdered()).isEqualByComparingTo("1");
            assertThat(line.price()).isEqualByComparingTo("49");
            assertThat(line.rowTotal()).as("the parent carries the money; the child's row total is 0")
                    .isEqualByComparingTo("49");
        });
        assertThat(order.totals().subtotal()).isEqualByComparingTo("49");
        assertThat(order.totals().shipping()).isEqualByComparingTo("5");
        assertThat(order.totals().grandTotal()).isEqualByComparingTo("54");
        assertThat(order.fullyInvoiced()).isFalse();
        assertThat(order.updatedAt()).isEqualTo(Instant.parse("2020-05-08T06:57:20Z"));
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2020-05-08T06:57:20Z"));
    }

    @Test
    void registeredCustomerOrderKeepsTheCustomer() {
        CanonicalOrder order = map("import_sale_order_12__00__GET_V1_orders_12.response.json");

        assertThat(order.customer()).isEqualTo(new CanonicalOrder.Customer(1L, false, "roni_cost@example.com",
                "Veronica", "Costello", 1));
        assertThat(order.incrementId()).isEqualTo("000000015");
        assertThat(order.shippingDescription()).isEqualTo("Best Way - Table Rate");
        assertThat(order.shippingAddress()).isEqualTo(new CanonicalOrder.Address("Veronica", "Costello", null,
                List.of("6146 Honey Bluff Parkway"), "Calder", "Michigan", "49628-7978", "US", "(555) 229-3326",
                "roni_cost@example.com"));
    }

    @Test
    void discountsAndTaxesAreCarriedOnTheOrderAndItsLines() {
        CanonicalOrder order = map("import_sale_order_11__00__GET_V1_orders_11.response.json");

        CanonicalOrder.Totals totals = order.totals();
        assertThat(totals.subtotal()).isEqualByComparingTo("293");
        assertThat(totals.subtotalInclTax()).isEqualByComparingTo("317.17");
        assertThat(totals.discount()).isEqualByComparingTo("-58.6");
        assertThat(totals.tax()).isEqualByComparingTo("19.34");
        assertThat(totals.shipping()).isEqualByComparingTo("0");
        assertThat(totals.grandTotal()).isEqualByComparingTo("253.74");
        assertThat(order.lines()).extracting(CanonicalOrder.Line::sku).containsExactly("MH09-XS-Blue", "RACER");
        CanonicalOrder.Line bag = order.lines().get(0);
        assertThat(bag.discountAmount()).isEqualByComparingTo("13.8");
        assertThat(bag.taxAmount()).isEqualByComparingTo("4.55");
        assertThat(bag.taxPercent()).isEqualByComparingTo("8.25");
        assertThat(bag.priceInclTax()).isEqualByComparingTo("74.69");
        assertThat(bag.rowTotalInclTax()).isEqualByComparingTo("59.75");
        CanonicalOrder.Line racer = order.lines().get(1);
        assertThat(racer.discountAmount()).isEqualByComparingTo("44.8");
        assertThat(racer.taxAmount()).isEqualByComparingTo("14.79");
        assertThat(racer.price()).isEqualByComparingTo("224");
        assertThat(racer.rowTotalInclTax()).isEqualByComparingTo("193.99");
    }

    @Test
    void couponOrderDiscountedToZeroKeepsCouponAndDiscount() {
        CanonicalOrder order = map("import_sale_order_17__00__GET_V1_orders_17.response.json");

        assertThat(order.couponCode()).isEqualTo("1");
        assertThat(order.discountDescription()).isEqualTo("1");
        assertThat(order.totals().discount()).isEqualByComparingTo("-49");
        assertThat(order.totals().grandTotal()).isEqualByComparingTo("0");
        assertThat(order.customer().guest()).isTrue();
        assertThat(order.customer().id()).isNull();
        assertThat(order.lines()).singleElement().satisfies(line -> {
            assertThat(line.itemId()).isEqualTo(34);
            assertThat(line.sku()).isEqualTo("WSH08-29-Purple");
            assertThat(line.discountAmount()).isEqualByComparingTo("44");
        });
    }

    @Test
    void editedOrderKeepsItsSuffixedNumberAndItsLinkToTheOriginal() {
        CanonicalOrder edited = map("import_sale_order_10__00__GET_V1_orders_10.response.json");

        assertThat(edited.incrementId()).isEqualTo("000000013-1");
        assertThat(edited.edit()).isNotNull();
        assertThat(edited.edit().relationParentId()).as("a JSON string \"9\" in the recording").isEqualTo(9L);
        assertThat(edited.edit().relationParentRealId()).isEqualTo("000000013");
        assertThat(edited.edit().originalIncrementId()).isEqualTo("000000013");
        assertThat(edited.edit().editIncrement()).isEqualTo(1);
        assertThat(edited.lines()).extracting(CanonicalOrder.Line::itemId, CanonicalOrder.Line::sku)
                .containsExactly(tuple(19L, "MH09-XS-Blue"), tuple(21L, "RACER"));

        CanonicalOrder original = map("import_sale_order_9__00__GET_V1_orders_9.response.json");
        assertThat(original.incrementId()).isEqualTo("000000013");
        assertThat(original.edit()).isNull();

        CanonicalOrder canceledOriginal = map("import_sale_order_10__02__GET_V1_orders_9.response.json");
        assertThat(canceledOriginal.status()).isEqualTo("canceled");
        assertThat(canceledOriginal.edit()).isNull();
        assertThat(canceledOriginal.updatedAt()).as("cancelled in the same second the edit was created")
                .isEqualTo(edited.updatedAt()).isEqualTo(Instant.parse("2020-04-24T16:09:35Z"));
    }

    @Test
    void orderWithoutAStatusFieldMapsWithANullStatus() {
        CanonicalOrder reopened = map("test_sale_order_reopen_export__00__GET_V1_orders_12.response.json");

        assertThat(reopened.state()).isEqualTo("pending");
        assertThat(reopened.status()).isNull();
        assertThat(reopened.incrementId()).isEqualTo("000000015");
    }
}
