package com.magentobridge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.magentobridge.fixtures.SharedFixtures;
import com.magentobridge.order.CanonicalOrderChecks.CouponToZero;
import com.magentobridge.order.CanonicalOrderChecks.Discounted;
import com.magentobridge.order.CanonicalOrderChecks.EditedOnce;
import com.magentobridge.order.CanonicalOrderChecks.GuestConfigurable;
import com.magentobridge.order.CanonicalOrderChecks.LineMoney;
import com.magentobridge.order.CanonicalOrderChecks.Registered;

/**
 * Contract suite: real Magento 2 orders (the OCA connector's recorded GET /V1/orders/{id} answers, read in place from
 * the shared fixtures: AGPL, never copied into this project) → {@link CanonicalOrder}: every recorded order maps, and
 * the facts a user relies on survive (order numbers, guests, configurables, money, addresses, currencies, edits).
 * The same behaviours, and the refusals of malformed orders, are tested on our own documents in the default run
 * ({@link CanonicalOrderMapperTest}); the checks both share are in {@link CanonicalOrderChecks}.
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

    @TestFactory
    Stream<DynamicTest> everyRecordedOrderMapsAndKeepsItsIdentityMoneyAndAddress() {
        Map<String, JsonNode> orders = recordedOrders();
        assertThat(orders).as("recorded order answers matching " + GLOB).hasSizeGreaterThanOrEqualTo(11);
        List<DynamicTest> tests = new ArrayList<>();
        orders.forEach((name, raw) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            CanonicalOrder order = CanonicalOrderChecks.mapsKeepingItsDocument(raw);

            assertThat(order.incrementId()).as("increment_id kept exactly, leading zeros included")
                    .startsWith("0000000");
            assertThat(order.paymentMethod()).isEqualTo("checkmo");
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
        new GuestConfigurable("000000019", "guest@guest.com", 32, 33, "WP13-28-Blue", "Portia Capri",
                "49", "5", "54", "2020-05-08T06:57:20Z")
                .check(map("import_sale_order_16__00__GET_V1_orders_16.response.json"));
    }

    @Test
    void registeredCustomerOrderKeepsTheCustomer() {
        new Registered("000000015",
                new CanonicalOrder.Customer(1L, false, "roni_cost@example.com", "Veronica", "Costello", 1),
                "Best Way - Table Rate",
                new CanonicalOrder.Address("Veronica", "Costello", null, List.of("6146 Honey Bluff Parkway"), "Calder",
                        "Michigan", "49628-7978", "US", "(555) 229-3326", "roni_cost@example.com"))
                .check(map("import_sale_order_12__00__GET_V1_orders_12.response.json"));
    }

    @Test
    void discountsAndTaxesAreCarriedOnTheOrderAndItsLines() {
        // subtotal, with tax, discount, tax, shipping, grand total;
        // each line's price, with tax, tax %, tax, discount, row total with tax
        new Discounted("293", "317.17", "-58.6", "19.34", "0", "253.74",
                new LineMoney("MH09-XS-Blue", "69", "74.69", "8.25", "4.55", "13.8", "59.75"),
                new LineMoney("RACER", "224", "242.48", "8.25", "14.79", "44.8", "193.99"))
                .check(map("import_sale_order_11__00__GET_V1_orders_11.response.json"));
    }

    @Test
    void couponOrderDiscountedToZeroKeepsCouponAndDiscount() {
        new CouponToZero("1", "1", "-49", 34, "WSH08-29-Purple", "44")
                .check(map("import_sale_order_17__00__GET_V1_orders_17.response.json"));
    }

    @Test
    void editedOrderKeepsItsSuffixedNumberAndItsLinkToTheOriginal() {
        new EditedOnce("000000013", 9, "2020-04-24T16:09:35Z",
                tuple(19L, "MH09-XS-Blue"), tuple(21L, "RACER")).check(
                map("import_sale_order_10__00__GET_V1_orders_10.response.json"),
                map("import_sale_order_9__00__GET_V1_orders_9.response.json"),
                map("import_sale_order_10__02__GET_V1_orders_9.response.json"));
    }

    @Test
    void orderWithoutAStatusFieldMapsWithANullStatus() {
        CanonicalOrderChecks.mapsWithoutStatus(
                recorded("test_sale_order_reopen_export__00__GET_V1_orders_12.response.json"), "pending", "000000015");
    }
}
