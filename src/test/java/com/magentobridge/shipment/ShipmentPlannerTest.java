package com.magentobridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.magentobridge.fixtures.OwnOrders;
import com.magentobridge.fixtures.SharedFixtures;
import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.magento.MagentoOrder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShipmentPlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Magento's GET /V1/orders/16 as recorded by OCA's connector tests: configurable WP13-28-Blue, parent 32, child 33.
     * Read in place from the shared fixtures by the contract suite only.
     */
    private static final String ORDER_16 = "import_sale_order_16__00__GET_V1_orders_16.response.json";

    private final ShipmentPlanner planner = new ShipmentPlanner("default");

    // --- building orders and messages

    /** An order item as GET /V1/orders renders it (ids and quantities as numbers, as Magento 2.4 does). */
    private static String item(long id, String sku, String type, Long parentId, String ordered, String shipped) {
        return """
                {"item_id": %d, "sku": "%s", "name": "%s", "product_type": "%s", "parent_item_id": %s, "is_virtual": 0,
                 "qty_ordered": %s, "qty_shipped": %s, "qty_refunded": 0, "qty_canceled": 0}"""
                .formatted(id, sku, sku, type, parentId == null ? "null" : parentId.toString(), ordered, shipped);
    }

    private static String simple(long id, String sku, String ordered) {
        return item(id, sku, "simple", null, ordered, "0");
    }

    private static MagentoOrder orderIn(String state, String... items) {
        return parse("""
                {"entity_id": 5, "increment_id": "000000005", "state": "%s", "status": "%s", "items": [%s]}"""
                .formatted(state, state, String.join(",", items)));
    }

    private static MagentoOrder order(String... items) {
        return orderIn("processing", items);
    }

    private static MagentoOrder parse(String json) {
        try {
            return MagentoOrder.from(JSON.readTree(json));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ShipmentMessage.Line line(String sku, String qty) {
        return new ShipmentMessage.Line(sku, new BigDecimal(qty), null);
    }

    private static ShipmentMessage.Line line(String sku, String qty, String source) {
        return new ShipmentMessage.Line(sku, new BigDecimal(qty), source);
    }

    private static ShipmentMessage message(String orderIncrementId, ShipmentMessage.Line... lines) {
        return new ShipmentMessage("realtimeDespatchOrderFlowShipmentRequestManagementV1Create", 1, orderIncrementId,
                List.of(lines), List.of(), null, false, false, null, null, null);
    }

    private static ShipmentMessage message(ShipmentMessage.Line... lines) {
        return message("000000005", lines);
    }

    private static PlannedShipment.Item shipped(long orderItemId, String sku, String qty, String shippedBefore) {
        return new PlannedShipment.Item(orderItemId, sku, new BigDecimal(qty), new BigDecimal(shippedBefore));
    }

    /** Items compared by value: 2 and 2.0000 are the same quantity. */
    private static List<Object> itemsOf(PlannedShipment shipment) {
        List<Object> result = new ArrayList<>();
        for (PlannedShipment.Item item : shipment.items()) {
            result.add(tuple(item.orderItemId(), item.sku(), item.qty().stripTrailingZeros(),
                    item.qtyShippedBefore().stripTrailingZeros()));
        }
        return result;
    }

    private static Object expected(PlannedShipment.Item item) {
        return tuple(item.orderItemId(), item.sku(), item.qty().stripTrailingZeros(), item.qtyShippedBefore().stripTrailingZeros());
    }

    private static void assertItems(PlannedShipment shipment, PlannedShipment.Item... items) {
        assertThat(itemsOf(shipment)).containsExactly(Arrays.stream(items).map(ShipmentPlannerTest::expected).toArray());
    }

    // --- tests

    @Test
    void shipsEveryLineOfASimpleOrderInOneShipmentFromTheDefaultSource() {
        MagentoOrder order = order(simple(10, "24-MB01", "1"), simple(11, "24-MB02", "3"));

        ShipmentPlan plan = planner.plan(message(line("24-MB01", "1"), line("24-MB02", "3")), order);

        assertThat(plan.isRefused()).isFalse();
        assertThat(plan.nothingLeft()).isEmpty();
        assertThat(plan.shipments()).singleElement().satisfies(shipment -> {
            assertThat(shipment.sourceCode()).isEqualTo("default");
            assertItems(shipment, shipped(10, "24-MB01", "1", "0"), shipped(11, "24-MB02", "3", "0"));
            assertThat(shipment.lineNos()).containsExactly(1, 2);
            assertThat(shipment.shipmentId()).isNull();
            assertThat(shipment.uncertain()).isFalse();
        });
    }

    @Test
    void shipsPartOfALineAndLeavesTheRestForALaterShipment() {
        ShipmentPlan plan = planner.plan(message(line("A", "2")), order(simple(10, "A", "5")));

        assertThat(plan.shipments()).singleElement().satisfies(s -> assertItems(s, shipped(10, "A", "2", "0")));
    }

    @Test
    void matchesASkuIgnoringCaseWhenNoItemHasItExactly() {
        ShipmentPlan plan = planner.plan(message(line("wp13-28-blue", "1")), order(simple(10, "WP13-28-Blue", "1")));

        assertThat(plan.shipments()).singleElement()
                .satisfies(s -> assertThat(s.items()).extracting(PlannedShipment.Item::orderItemId).containsExactly(10L));
    }

    @Nested
    class ProductTypes {

        @Test
        void shipsAConfigurableProductThroughItsParentItemNeverTheChildWithTheSameSku() {
            MagentoOrder order = order(
                    item(32, "WP13-28-Blue", "configurable", null, "2", "0"),
                    item(33, "WP13-28-Blue", "simple", 32L, "2", "0"));

            ShipmentPlan plan = planner.plan(message(line("WP13-28-Blue", "2")), order);

            assertThat(plan.shipments()).singleElement().satisfies(s -> {
                assertItems(s, shipped(32, "WP13-28-Blue", "2", "0"));
                assertThat(s.items()).extracting(PlannedShipment.Item::orderItemId).doesNotContain(33L);
            });
        }

        @Test
        void shipsTheConfigurableOfAWholeGuestOrderDocumentThroughItsParentItem() {
            MagentoOrder order = ourGuestOrder();
            assertThat(order.items()).extracting(MagentoOrder.Item::itemId, MagentoOrder.Item::sku, MagentoOrder.Item::parentItemId)
                    .as("the document's configurable parent and child share the SKU")
                    .containsExactly(tuple(401L, "JK-OTTER-M-Green", null), tuple(402L, "JK-OTTER-M-Green", 401L));

            ShipmentPlan plan = planner.plan(message(order.incrementId(), line("JK-OTTER-M-Green", "1")), order);

            assertThat(plan.isRefused()).isFalse();
            assertThat(plan.shipments()).singleElement().satisfies(s -> assertItems(s, shipped(401, "JK-OTTER-M-Green", "1", "0")));
        }

        @Test
        void doesNotCountTheConfigurableChildAsMoreToShipOnAWholeGuestOrderDocument() {
            MagentoOrder order = ourGuestOrder();

            ShipmentPlan plan = planner.plan(message(order.incrementId(), line("JK-OTTER-M-Green", "2")), order);

            assertThat(plan.refusal())
                    .isEqualTo("Cannot ship 2 of SKU JK-OTTER-M-Green on order 100000041: only 1 left to ship");
        }

        @Test
        @Tag("contract")
        void shipsTheConfigurableOfTheRealOrder16ThroughParentItem32() {
            MagentoOrder order = realOrder16();
            assertThat(order.items()).extracting(MagentoOrder.Item::itemId, MagentoOrder.Item::sku, MagentoOrder.Item::parentItemId)
                    .as("the fixture's configurable parent and child share the SKU")
                    .containsExactly(tuple(32L, "WP13-28-Blue", null), tuple(33L, "WP13-28-Blue", 32L));

            ShipmentPlan plan = planner.plan(message(order.incrementId(), line("WP13-28-Blue", "1")), order);

            assertThat(plan.isRefused()).isFalse();
            assertThat(plan.shipments()).singleElement().satisfies(s -> assertItems(s, shipped(32, "WP13-28-Blue", "1", "0")));
        }

        @Test
        @Tag("contract")
        void doesNotCountTheConfigurableChildAsMoreToShipOnTheRealOrder16() {
            MagentoOrder order = realOrder16();

            ShipmentPlan plan = planner.plan(message(order.incrementId(), line("WP13-28-Blue", "2")), order);

            assertThat(plan.refusal())
                    .isEqualTo("Cannot ship 2 of SKU WP13-28-Blue on order 000000019: only 1 left to ship");
        }

        @Test
        void shipsBundleChildrenThroughTheirOwnItemIds() {
            MagentoOrder order = order(
                    item(40, "24-WG080", "bundle", null, "1", "0"),
                    item(41, "24-WG084", "simple", 40L, "1", "0"),
                    item(42, "24-WG088", "simple", 40L, "2", "0"));

            ShipmentPlan plan = planner.plan(message(line("24-WG084", "1"), line("24-WG088", "2")), order);

            assertThat(plan.shipments()).singleElement().satisfies(s -> {
                assertItems(s, shipped(41, "24-WG084", "1", "0"), shipped(42, "24-WG088", "2", "0"));
                assertThat(s.lineNos()).containsExactly(1, 2);
            });
        }

        @Test
        void refusesAVirtualItemAsNothingToShip() {
            String virtual = item(50, "GIFT-CARD", "virtual", null, "1", "0").replace("\"is_virtual\": 0", "\"is_virtual\": 1");

            ShipmentPlan plan = planner.plan(message(line("GIFT-CARD", "1")), order(virtual));

            assertThat(plan.refusal()).isEqualTo("SKU GIFT-CARD is a virtual item on order 000000005: there is nothing to ship");
            assertThat(plan.shipments()).isEmpty();
        }

        private MagentoOrder realOrder16() {
            return MagentoOrder.from(SharedFixtures.ocaJson(ORDER_16));
        }

        /** Our own guest order document: configurable JK-OTTER-M-Green, parent 401, child 402, order 100000041. */
        private MagentoOrder ourGuestOrder() {
            return MagentoOrder.from(OwnOrders.json(OwnOrders.GUEST_CONFIGURABLE));
        }
    }

    @Nested
    class Refusals {

        @Test
        void refusesTheWholeShipmentWhenOneSkuIsNotOnTheOrder() {
            ShipmentPlan plan = planner.plan(message(line("24-MB01", "1"), line("NOPE", "1")), order(simple(10, "24-MB01", "1")));

            assertThat(plan.isRefused()).isTrue();
            assertThat(plan.refusal()).isEqualTo("Order item with SKU NOPE does not exist on order 000000005");
            assertThat(plan.shipments()).as("nothing partially shipped").isEmpty();
            assertThat(plan.nothingLeft()).isEmpty();
        }

        @Test
        void refusesMoreThanTheOrderHasLeftToShipNamingTheQuantities() {
            ShipmentPlan plan = planner.plan(message(line("24-MB01", "1"), line("A", "4")),
                    order(simple(10, "24-MB01", "1"), item(11, "A", "simple", null, "5", "2")));

            assertThat(plan.refusal()).isEqualTo("Cannot ship 4 of SKU A on order 000000005: only 3 left to ship");
            assertThat(plan.shipments()).isEmpty();
        }

        @Test
        void countsRefundedAndCanceledQuantitiesAsNotShippable() {
            String a = item(10, "A", "simple", null, "5.0000", "1.0000")
                    .replace("\"qty_refunded\": 0", "\"qty_refunded\": 1.0000")
                    .replace("\"qty_canceled\": 0", "\"qty_canceled\": 1.0000");

            assertThat(planner.plan(message(line("A", "3")), order(a)).refusal())
                    .isEqualTo("Cannot ship 3 of SKU A on order 000000005: only 2 left to ship");
            assertThat(planner.plan(message(line("A", "2")), order(a)).isRefused()).isFalse();
        }

        @Test
        void refusesASecondLineOfTheSameSkuBeyondWhatTheFirstLeft() {
            ShipmentPlan plan = planner.plan(message(line("A", "2"), line("A", "2")), order(simple(10, "A", "3")));

            assertThat(plan.refusal()).isEqualTo("Cannot ship 2 of SKU A on order 000000005: only 1 left to ship");
        }

        @ParameterizedTest(name = "state {0}")
        @ValueSource(strings = {"canceled", "holded", "closed", "payment_review"})
        void refusesAnOrderMagentoWillNotShip(String state) {
            ShipmentPlan plan = planner.plan(message(line("A", "1")), orderIn(state, simple(10, "A", "1")));

            assertThat(plan.refusal())
                    .isEqualTo("Order 000000005 is " + state + ": the order does not allow a shipment to be created");
            assertThat(plan.shipments()).isEmpty();
        }

        @ParameterizedTest(name = "state {0}")
        @ValueSource(strings = {"new", "processing"})
        void shipsAnOpenOrder(String state) {
            assertThat(planner.plan(message(line("A", "1")), orderIn(state, simple(10, "A", "1"))).isRefused()).isFalse();
        }
    }

    @Nested
    class AlreadyShipped {

        @Test
        void shipsWhatIsLeftOfAPartiallyShippedLineRememberingWhatWasShippedBefore() {
            ShipmentPlan plan = planner.plan(message(line("A", "3")), order(item(10, "A", "simple", null, "5", "2")));

            assertThat(plan.isRefused()).isFalse();
            assertThat(plan.shipments()).singleElement().satisfies(s -> assertItems(s, shipped(10, "A", "3", "2")));
        }

        @Test
        void reportsAFullyShippedLineAsNothingLeftWhileTheOtherLinesStillShip() {
            MagentoOrder order = order(item(10, "A", "simple", null, "2", "2"), simple(11, "B", "1"));

            ShipmentPlan plan = planner.plan(message(line("A", "2"), line("B", "1")), order);

            assertThat(plan.isRefused()).isFalse();
            assertThat(plan.nothingLeft()).containsExactly(
                    Map.entry(1, "Nothing left to ship: SKU A is already fully shipped on order 000000005"));
            assertThat(plan.shipments()).singleElement().satisfies(s -> {
                assertItems(s, shipped(11, "B", "1", "0"));
                assertThat(s.lineNos()).containsExactly(2);
            });
        }

        @Test
        void plansNoShipmentWhenEveryLineIsAlreadyShipped() {
            MagentoOrder order = orderIn("complete", item(10, "A", "simple", null, "1", "1"));

            ShipmentPlan plan = planner.plan(message(line("A", "1")), order);

            assertThat(plan.isRefused()).isFalse();
            assertThat(plan.shipments()).isEmpty();
            assertThat(plan.nothingLeft()).containsOnlyKeys(1);
        }
    }

    @Nested
    class Sources {

        @Test
        void createsOneShipmentPerSourceEachCarryingItsLines() {
            MagentoOrder order = order(simple(10, "A", "1"), simple(11, "B", "1"), simple(12, "C", "1"));

            ShipmentPlan plan = planner.plan(message(line("A", "1", "warehouse_uk"), line("B", "1", "pos_glasgow"),
                    line("C", "1", "warehouse_uk")), order);

            assertThat(plan.shipments()).extracting(PlannedShipment::sourceCode, PlannedShipment::lineNos)
                    .containsExactly(tuple("warehouse_uk", List.of(1, 3)), tuple("pos_glasgow", List.of(2)));
            assertItems(plan.shipments().get(0), shipped(10, "A", "1", "0"), shipped(12, "C", "1", "0"));
            assertItems(plan.shipments().get(1), shipped(11, "B", "1", "0"));
        }

        @Test
        void shipsLinesWithoutASourceFromTheDefaultSource() {
            MagentoOrder order = order(simple(10, "A", "1"), simple(11, "B", "1"));

            ShipmentPlan plan = planner.plan(message(line("A", "1"), line("B", "1", "default")), order);

            assertThat(plan.shipments()).singleElement().satisfies(s -> {
                assertThat(s.sourceCode()).isEqualTo("default");
                assertThat(s.lineNos()).containsExactly(1, 2);
            });
        }

        @Test
        void ignoresSourcesWhenMagentoHasNoMsi() {
            ShipmentPlanner legacy = new ShipmentPlanner(null);
            MagentoOrder order = order(simple(10, "A", "1"), simple(11, "B", "1"), simple(12, "C", "1"));

            ShipmentPlan plan = legacy.plan(message(line("A", "1", "warehouse_uk"), line("B", "1", "pos_glasgow"),
                    line("C", "1")), order);

            assertThat(plan.shipments()).singleElement().satisfies(s -> {
                assertThat(s.sourceCode()).isNull();
                assertThat(s.lineNos()).containsExactly(1, 2, 3);
                assertThat(s.items()).extracting(PlannedShipment.Item::orderItemId).containsExactly(10L, 11L, 12L);
            });
        }
    }

    @Nested
    class SameSkuOnSeveralOrderLines {

        @Test
        void allocatesTheQuantityAcrossTheOrderLinesInOrder() {
            MagentoOrder order = order(item(10, "A", "simple", null, "2", "1"), simple(11, "A", "3"));

            ShipmentPlan plan = planner.plan(message(line("A", "3")), order);

            assertThat(plan.shipments()).singleElement().satisfies(s ->
                    assertItems(s, shipped(10, "A", "1", "1"), shipped(11, "A", "2", "0")));
        }

        @Test
        void refusesMoreThanAllTheOrderLinesTogetherHaveLeft() {
            MagentoOrder order = order(item(10, "A", "simple", null, "2", "1"), simple(11, "A", "3"));

            assertThat(planner.plan(message(line("A", "5")), order).refusal())
                    .isEqualTo("Cannot ship 5 of SKU A on order 000000005: only 4 left to ship");
        }

        @Test
        void mergesTwoMessageLinesOfTheSameSkuAndSourceIntoOneItem() {
            ShipmentPlan plan = planner.plan(message(line("A", "1"), line("A", "2")), order(simple(10, "A", "3")));

            assertThat(plan.shipments()).singleElement().satisfies(s -> {
                assertItems(s, shipped(10, "A", "3", "0"));
                assertThat(s.lineNos()).containsExactly(1, 2);
            });
        }
    }
}
