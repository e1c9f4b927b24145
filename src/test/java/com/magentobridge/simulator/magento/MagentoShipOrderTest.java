package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static com.magentobridge.simulator.magento.SimHttp.camelFilter;
import static com.magentobridge.simulator.magento.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** POST /V1/order/{id}/ship and the shipment reads, over real HTTP. */
class MagentoShipOrderTest extends RunningSimulator {

    private static final String PREFIX = "Shipment Document Validation Error(s):\n";

    @BeforeEach
    void fresh() {
        sim.reset();
    }

    private static JsonNode item(int orderId, int index) {
        return sim.order(orderId).orElseThrow().get("items").get(index);
    }

    private static int itemId(int orderId, int index) {
        return item(orderId, index).get("item_id").asInt();
    }

    private static String lines(Object... idQty) {
        StringBuilder sb = new StringBuilder("{\"items\":[");
        for (int i = 0; i < idQty.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"order_item_id\":").append(idQty[i]).append(",\"qty\":").append(idQty[i + 1]).append('}');
        }
        return sb.append("]}").toString();
    }

    private static String message(HttpResponse<String> r) throws IOException {
        return json(r).get("message").asText();
    }

    // ------------------------------------------------------------------ recorded OCA traffic (order 12)
    // Contract suite: read in place from ../shared/fixtures (see SharedFixtures).

    /** Order 12 as recorded before any shipment (processing, nothing shipped or invoiced). */
    private static int loadOrder12() throws IOException {
        return sim.addOrder(SimHttp.ocaJson("test_sale_order_cancel_export__00__GET_V1_orders_12.response.json"));
    }

    @Test
    @Tag("contract")
    void recordedPartialShipRequestIsAcceptedAndAnsweredWithAJsonString() throws Exception {
        int orderId = loadOrder12();
        assertThat(orderId).isEqualTo(12);

        HttpResponse<String> r = http.ship(12,
                SimHttp.ocaText("test_export_picking_partial__00__POST_V1_order_12_ship.request.json"));

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = json(r);
        assertThat(body.isTextual()).as("shipment id is a JSON string like the recorded \"5\"").isTrue();
        JsonNode recorded = SimHttp.ocaJson("test_export_picking_partial__00__POST_V1_order_12_ship.response.json");
        assertThat(recorded.isTextual()).isTrue();
        int shipmentId = Integer.parseInt(body.asText());

        assertThat(item(12, 0).get("item_id").asInt()).isEqualTo(24);
        assertThat(item(12, 0).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(item(12, 1).get("qty_shipped").asInt()).isZero();
        // the copy inside the shipping assignment follows
        assertThat(sim.order(12).orElseThrow()
                .at("/extension_attributes/shipping_assignments/0/items/0/qty_shipped").asInt()).isEqualTo(1);
        assertThat(sim.orderState(12)).isEqualTo("processing");

        JsonNode shipment = http.getJson("/rest/V1/shipment/" + shipmentId);
        assertThat(shipment.get("entity_id").asInt()).isEqualTo(shipmentId);
        assertThat(shipment.get("order_id").asInt()).isEqualTo(12);
        assertThat(shipment.get("increment_id").asText()).isEqualTo(String.format("%09d", shipmentId));
        assertThat(shipment.get("total_qty").asInt()).isEqualTo(1);
        assertThat(shipment.get("items")).hasSize(1);
        JsonNode line = shipment.get("items").get(0);
        assertThat(line.get("order_item_id").asInt()).isEqualTo(24);
        assertThat(line.get("sku").asText()).isEqualTo("MH09-XS-Blue");
        assertThat(line.get("qty").asInt()).isEqualTo(1);
        assertThat(line.get("parent_id").asInt()).isEqualTo(shipmentId);
        assertThat(shipment.at("/extension_attributes/source_code").asText()).isEqualTo("default");
        assertThat(sim.shipments(12)).hasSize(1);
    }

    @Test
    @Tag("contract")
    void recordedCompleteShipRequestShipsBothLines() throws Exception {
        loadOrder12();
        HttpResponse<String> r = http.ship(12,
                SimHttp.ocaText("test_export_picking_complete__00__POST_V1_order_12_ship.request.json"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).isTextual()).isTrue();
        assertThat(item(12, 0).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(item(12, 1).get("qty_shipped").asInt()).isEqualTo(1);
        // recorded order 12 is not invoiced: Magento keeps it processing until the invoice
        assertThat(sim.orderState(12)).isEqualTo("processing");
        assertThat(sim.shipments(12).get(0).get("total_qty").asInt()).isEqualTo(2);
    }

    @Test
    @Tag("contract")
    void partialThenRemainingShipmentOfAnInvoicedOrder12CompletesIt() throws Exception {
        ObjectNode order12 = (ObjectNode) SimHttp.ocaJson(
                "test_sale_order_cancel_export__00__GET_V1_orders_12.response.json");
        order12.get("items").forEach(i -> ((ObjectNode) i).set("qty_invoiced", i.get("qty_ordered")));
        sim.addOrder(order12);

        assertThat(http.ship(12, SimHttp.ocaText(
                "test_export_picking_partial__00__POST_V1_order_12_ship.request.json")).statusCode()).isEqualTo(200);
        assertThat(sim.orderState(12)).isEqualTo("processing");

        HttpResponse<String> rest = http.ship(12, "{\"items\":[{\"order_item_id\":\"25\",\"qty\":1.0}]}");
        assertThat(rest.statusCode()).isEqualTo(200);
        assertThat(sim.orderState(12)).isEqualTo("complete");
        assertThat(sim.order(12).orElseThrow().get("status").asText()).isEqualTo("complete");
        assertThat(sim.shipments(12)).extracting(s -> s.at("/items/0/order_item_id").asInt()).containsExactly(24, 25);
    }

    // ------------------------------------------------------------------ state transitions

    @Test
    void partialThenCompleteShipmentMovesAnInvoicedOrderToComplete() throws Exception {
        int id = sim.newOrder("000000100").item("A", 2).item("B", 1).create();
        String before = sim.order(id).orElseThrow().get("updated_at").asText();

        HttpResponse<String> first = http.ship(id, lines(itemId(id, 0), 1));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(sim.orderState(id)).isEqualTo("processing");

        HttpResponse<String> second = http.ship(id, lines(itemId(id, 0), "1.0", "\"" + itemId(id, 1) + "\"", 1));
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(sim.orderState(id)).isEqualTo("complete");
        assertThat(json(second).asText()).isNotEqualTo(json(first).asText());
        assertThat(sim.shipments(id)).hasSize(2);
        assertThat(sim.shipments(id).get(0).get("entity_id").asInt())
                .isLessThan(sim.shipments(id).get(1).get("entity_id").asInt());
        assertThat(sim.order(id).orElseThrow().get("updated_at").asText()).isGreaterThanOrEqualTo(before);

        // nothing left: Magento's own message pair (recorded in magento/inventory#1666)
        HttpResponse<String> again = http.ship(id, "{}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(message(again)).isEqualTo(PREFIX + "The order does not allow a shipment to be created.\n"
                + "You can't create a shipment without products.");
        assertThat(sim.shipmentCount()).isEqualTo(2);
    }

    @Test
    void aNewUninvoicedOrderBecomesProcessingNotComplete() throws Exception {
        int id = sim.newOrder("1").item("A", 1).state("new", "pending").invoiced(false).create();
        assertThat(http.ship(id, "{}").statusCode()).isEqualTo(200);
        assertThat(sim.orderState(id)).isEqualTo("processing");
        assertThat(sim.order(id).orElseThrow().get("status").asText()).isEqualTo("processing");
        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(1);
    }

    @Test
    void emptyItemsShipEverythingThatIsLeft() throws Exception {
        int id = sim.newOrder("1").item("A", 3).configurable("C", 2).virtual("V", 1).create();
        assertThat(http.ship(id, lines(itemId(id, 0), 1)).statusCode()).isEqualTo(200);

        HttpResponse<String> all = http.ship(id, "{\"items\":[]}");
        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode shipment = sim.shipments(id).get(1);
        assertThat(shipment.get("items")).extracting(i -> i.get("order_item_id").asInt() + "x" + i.get("qty").asInt())
                .containsExactly(itemId(id, 0) + "x2", itemId(id, 1) + "x2");
        assertThat(item(id, 3).get("qty_shipped").asInt()).as("virtual line").isZero();
        assertThat(sim.orderState(id)).isEqualTo("complete");
    }

    // ------------------------------------------------------------------ quantities

    @Test
    void overShipmentIsRefusedWithMagentosPerSkuMessageAndChangesNothing() throws Exception {
        int id = sim.newOrder("1").item("MH09-XS-Blue", 2).item("RACER", 1).create();
        assertThat(http.ship(id, lines(itemId(id, 0), 1)).statusCode()).isEqualTo(200);

        HttpResponse<String> over = http.ship(id, lines(itemId(id, 0), 2, itemId(id, 1), 1));
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(message(over)).isEqualTo(PREFIX
                + "The quantity to ship must not be greater than the unshipped quantity for product SKU \"MH09-XS-Blue\".");
        assertThat(json(over).has("parameters")).isFalse();

        HttpResponse<String> unknown = http.ship(id, lines(999_999, 1));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(message(unknown)).isEqualTo(PREFIX + "We can not found item \"999999\" in order.\n"
                + "You can't create a shipment without products.");

        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(item(id, 1).get("qty_shipped").asInt()).isZero();
        assertThat(sim.shipmentCount()).isEqualTo(1);
    }

    @Test
    void withClampingMagentosExactBehaviourCutsOverShipmentsAndDropsUnknownLines() throws Exception {
        sim.setShipQuantityClamping(true);
        int id = sim.newOrder("1").item("A", 2).item("B", 1).create();

        HttpResponse<String> r = http.ship(id, lines(itemId(id, 0), 5, 999_999, 1));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode shipment = sim.shipments(id).get(0);
        assertThat(shipment.get("items")).hasSize(1);
        assertThat(shipment.at("/items/0/qty").asInt()).isEqualTo(2);
        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(2);

        // a retry of the same request finds nothing left for that line → refused by Magento too
        HttpResponse<String> retry = http.ship(id, lines(itemId(id, 0), 5));
        assertThat(retry.statusCode()).isEqualTo(400);
        assertThat(message(retry)).isEqualTo(PREFIX + "You can't create a shipment without products.");
        assertThat(sim.shipmentCount()).isEqualTo(1);
    }

    @Test
    void decimalQuantitiesAreTruncatedForNonDecimalItemsAndZeroLinesIgnored() throws Exception {
        int id = sim.newOrder("1").item("A", 3).item("B", 1).create();
        HttpResponse<String> r = http.ship(id, lines(itemId(id, 0), "\"2.9\"", itemId(id, 1), 0));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(2);
        assertThat(item(id, 1).get("qty_shipped").asInt()).isZero();

        HttpResponse<String> bad = http.ship(id, "{\"items\":[{\"order_item_id\":\"abc\",\"qty\":1}]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).at("/parameters/type").asText()).isEqualTo("int");
        HttpResponse<String> notJson = http.ship(id, "{items:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(sim.shipmentCount()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ configurable / bundle

    @Test
    void configurableShipsByTheParentIdAndTheChildFollows() throws Exception {
        int id = sim.newOrder("1").guest().configurable("WP13-28-Blue", 2).create();
        int parent = itemId(id, 0);
        int child = itemId(id, 1);

        HttpResponse<String> byChild = http.ship(id, lines(child, 1));
        assertThat(byChild.statusCode()).isEqualTo(400);
        assertThat(message(byChild)).isEqualTo(PREFIX
                + "The quantity to ship must not be greater than the unshipped quantity for product SKU \"WP13-28-Blue\".\n"
                + "You can't create a shipment without products.");
        assertThat(sim.shipmentCount()).isZero();

        HttpResponse<String> byParent = http.ship(id, lines(parent, 1));
        assertThat(byParent.statusCode()).isEqualTo(200);
        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(item(id, 1).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(item(id, 1).at("/parent_item/qty_shipped").asInt()).as("nested parent copy").isEqualTo(1);
        JsonNode shipment = sim.shipments(id).get(0);
        assertThat(shipment.get("items")).extracting(i -> i.get("order_item_id").asInt()).containsExactly(parent);
        assertThat(shipment.get("total_qty").asInt()).isEqualTo(1);
    }

    @Test
    void withClampingAConfigurableChildAloneGivesMagentosEmptyShipmentMessage() throws Exception {
        sim.setShipQuantityClamping(true);
        sim.setChildQtyShippedFollowsParent(false);
        int id = sim.newOrder("1").configurable("C", 1).create();

        HttpResponse<String> byChild = http.ship(id, lines(itemId(id, 1), 1));
        assertThat(message(byChild)).isEqualTo(PREFIX + "You can't create a shipment without products.");

        assertThat(http.ship(id, lines(itemId(id, 0), 1)).statusCode()).isEqualTo(200);
        // like real Magento (magento/magento2#26228) the child stays at 0 when following is off
        assertThat(item(id, 1).get("qty_shipped").asInt()).isZero();
        assertThat(sim.orderState(id)).isEqualTo("complete");
    }

    @Test
    void separatelyShippedBundleChildrenShipThroughTheirOwnIds() throws Exception {
        int id = sim.newOrder("1").bundle("BUNDLE-1", 2, "KID-A", "KID-B").create();
        int bundle = itemId(id, 0);
        int kidA = itemId(id, 1);
        int kidB = itemId(id, 2);

        HttpResponse<String> byParent = http.ship(id, lines(bundle, 1));
        assertThat(byParent.statusCode()).isEqualTo(400);
        assertThat(message(byParent)).isEqualTo(PREFIX + "You can't create a shipment without products.\n"
                + "Cannot create shipment as bundle product \"BUNDLE-1\" has shipment type \"Separately\". "
                + "Bundle product options should be shipped instead.");

        assertThat(http.ship(id, lines(kidA, 2, kidB, 1)).statusCode()).isEqualTo(200);
        assertThat(item(id, 1).get("qty_shipped").asInt()).isEqualTo(2);
        assertThat(item(id, 2).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(sim.orderState(id)).isEqualTo("processing");

        assertThat(http.ship(id, lines(kidB, 1)).statusCode()).isEqualTo(200);
        assertThat(sim.orderState(id)).isEqualTo("complete");
        assertThat(sim.shipments(id).get(1).get("items")).extracting(i -> i.get("sku").asText())
                .contains("KID-B");
    }

    @Test
    void togetherShippedBundleShipsByItsParentAndRefusesChildren() throws Exception {
        int id = sim.newOrder("1").bundleShippedTogether("KIT", 1, "PART-1", "PART-2").create();
        HttpResponse<String> byChild = http.ship(id, lines(itemId(id, 1), 1));
        assertThat(byChild.statusCode()).isEqualTo(400);
        assertThat(message(byChild)).endsWith("Cannot create shipment as bundle product \"KIT\" has shipment type "
                + "\"Together\". Bundle product itself should be shipped instead.");

        assertThat(http.ship(id, lines(itemId(id, 0), 1)).statusCode()).isEqualTo(200);
        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(item(id, 1).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(sim.orderState(id)).isEqualTo("complete");
        JsonNode shipment = sim.shipments(id).get(0);
        assertThat(shipment.get("items")).extracting(i -> i.get("sku").asText()).containsExactly("KIT");
    }

    @Test
    void adobeOrdersTutorialRequestNamesTheConfigurableChildAndIsRefusedInStrictMode() throws Exception {
        // occupy item ids 1..2 so that the tutorial's ids 3..11 line up
        sim.newOrder("000000001").item("X", 1).item("Y", 1).create();
        int id = sim.newOrder("000000003").customer(3, "jdoe@example.com").item("WS12-M-Orange", 1)
                .virtual("240-LV08", 1)
                .bundleShippedTogether("24-WG080-24-WG084-24-WG088-24-WG082-blue-24-WG086", 1,
                        "24-WG082-blue", "24-WG084", "24-WG086", "24-WG088")
                .configurable("MH01-S-Gray", 1).create();
        assertThat(sim.order(id).orElseThrow().get("items")).extracting(i -> i.get("item_id").asInt())
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11);
        String request = SimHttp.resource("orders-tutorial__POST_V1_order_3_ship.request.json");

        HttpResponse<String> strict = http.ship(id, request);
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(message(strict)).isEqualTo(PREFIX
                + "The quantity to ship must not be greater than the unshipped quantity for product SKU \"MH01-S-Gray\".");

        // Magento itself ships the simple and the bundle and silently leaves item 11 (a configurable child) out
        sim.setShipQuantityClamping(true);
        HttpResponse<String> lenient = http.ship(id, request);
        assertThat(lenient.statusCode()).isEqualTo(200);
        JsonNode shipment = sim.shipments(id).get(0);
        assertThat(shipment.get("items")).extracting(i -> i.get("order_item_id").asInt()).containsExactly(3, 5);
        assertThat(shipment.at("/tracks/0/track_number").asText()).isEqualTo("1Y-9876543210");
        assertThat(shipment.at("/tracks/0/carrier_code").asText()).isEqualTo("ups");
        assertThat(shipment.at("/tracks/0/title").asText()).isEqualTo("United Parcel Service");
        assertThat(shipment.at("/tracks/0/parent_id").asInt()).isEqualTo(shipment.get("entity_id").asInt());
        assertThat(shipment.at("/tracks/0/order_id").asInt()).isEqualTo(id);
        assertThat(shipment.get("email_sent").asInt()).isEqualTo(1);
        assertThat(item(id, 7).get("qty_shipped").asInt()).as("configurable parent 10").isZero();
        assertThat(sim.orderState(id)).isEqualTo("processing");
    }

    // ------------------------------------------------------------------ order states

    @Test
    void canceledOrderIsRefusedWithMagentosExactMessage() throws Exception {
        int id = sim.newOrder("000000013").item("MH09-XS-Blue", 1).state("canceled", "canceled").create();
        HttpResponse<String> r = http.ship(id, lines(itemId(id, 0), 1));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"message\":\"Shipment Document Validation Error(s):\\n"
                + "A shipment cannot be created when an order has a status of canceled\\n"
                + "The quantity to ship must not be greater than the unshipped quantity for product SKU \\\"MH09-XS-Blue\\\".\\n"
                + "You can't create a shipment without products.\"}");
        sim.setShipQuantityClamping(true);
        assertThat(message(http.ship(id, lines(itemId(id, 0), 1)))).isEqualTo(PREFIX
                + "A shipment cannot be created when an order has a status of canceled\n"
                + "You can't create a shipment without products.");
        assertThat(sim.shipmentCount()).isZero();
        assertThat(sim.orderState(id)).isEqualTo("canceled");
    }

    @Test
    void holdedPaymentReviewAndCompleteOrdersAreRefused() throws Exception {
        int holded = sim.newOrder("1").item("A", 1).state("holded", "holded").create();
        assertThat(message(http.ship(holded, "{}"))).isEqualTo(PREFIX
                + "A shipment cannot be created when an order has a status of holded");

        int review = sim.newOrder("2").item("A", 1).state("payment_review", "fraud").create();
        assertThat(message(http.ship(review, "{}"))).isEqualTo(PREFIX
                + "A shipment cannot be created when an order has a status of fraud");

        int complete = sim.newOrder("3").item("A", 1).state("complete", "complete").create();
        assertThat(message(http.ship(complete, "{}"))).isEqualTo(PREFIX
                + "The order does not allow a shipment to be created.\nYou can't create a shipment without products.");

        int closed = sim.newOrder("4").item("A", 1).state("closed", "closed").create();
        assertThat(message(http.ship(closed, "{}"))).startsWith(PREFIX
                + "The order does not allow a shipment to be created.");

        int virtual = sim.newOrder("5").virtual("V", 1).create();
        assertThat(message(http.ship(virtual, "{}"))).startsWith(PREFIX
                + "A shipment cannot be created when an order has a status of processing");
        assertThat(sim.shipmentCount()).isZero();
    }

    @Test
    void unknownOrderAnswers404() throws Exception {
        HttpResponse<String> r = http.ship(4711, lines(1, 1));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(message(r)).isEqualTo(
                "The entity that was requested doesn't exist. Verify the entity and try again.");
        assertThat(http.call("GET", "/rest/V1/shipment/77", null).statusCode()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ MSI source

    private int msiTutorialOrder() {
        sim.newOrder("000000001").item("X", 1).item("Y", 1).create(); // item ids 1, 2
        return sim.newOrder("000000003").item("24-WB03", 25).item("24-WB01", 35).create(); // item ids 3, 4
    }

    @Test
    void adobeMsiShipRequestsAreAcceptedWhenTheSourcesExist() throws Exception {
        sim.addSource("ne_wh").addSource("west_wh");
        int id = msiTutorialOrder();

        HttpResponse<String> ne = http.ship(id, SimHttp.resource("msi-tutorial__POST_V1_order_3_ship__source_ne_wh.request.json"));
        assertThat(ne.statusCode()).isEqualTo(200);
        HttpResponse<String> west = http.ship(id, SimHttp.resource("msi-tutorial__POST_V1_order_3_ship__source_west_wh.request.json"));
        assertThat(west.statusCode()).isEqualTo(200);

        List<ObjectNode> shipments = sim.shipments(id);
        assertThat(shipments).extracting(s -> s.at("/extension_attributes/source_code").asText())
                .containsExactly("ne_wh", "west_wh");
        assertThat(shipments.get(0).get("total_qty").asInt()).isEqualTo(55);
        assertThat(shipments.get(0).at("/comments/0/comment").asText()).isEqualTo("Shipment from the Northeast warehouse");
        assertThat(shipments.get(0).at("/comments/0/is_visible_on_front").asInt()).isZero();
        assertThat(shipments.get(0).at("/comments/0/is_customer_notified").asInt()).isZero();
        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(25);
        assertThat(item(id, 1).get("qty_shipped").asInt()).isEqualTo(35);
        assertThat(sim.orderState(id)).isEqualTo("complete");
    }

    @Test
    void anUnknownSourceIsRefusedAndNothingIsShipped() throws Exception {
        sim.addSource("west_wh");
        int id = msiTutorialOrder();
        HttpResponse<String> r = http.ship(id, SimHttp.resource("msi-tutorial__POST_V1_order_3_ship__source_ne_wh.request.json"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(message(r)).isEqualTo("Could not save a shipment, see error log for details");
        assertThat(sim.shipmentCount()).isZero();
        assertThat(item(id, 0).get("qty_shipped").asInt()).isZero();
    }

    // ------------------------------------------------------------------ request shapes

    @Test
    void camelCaseKeysTracksAndCommentsAreAccepted() throws Exception {
        sim.addSource("wh_1");
        int id = sim.newOrder("1").item("A", 1).create();
        String body = "{\"items\":[{\"orderItemId\":\"" + itemId(id, 0) + "\",\"qty\":1.0}],\"notify\":true,"
                + "\"appendComment\":true,\"comment\":{\"comment\":\"Packed\",\"isVisibleOnFront\":1},"
                + "\"tracks\":[{\"trackNumber\":\"TRK-1\",\"title\":\"Parcel\",\"carrierCode\":\"custom\"}],"
                + "\"arguments\":{\"extensionAttributes\":{\"sourceCode\":\"wh_1\"}}}";
        HttpResponse<String> r = http.ship(id, body);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode s = http.getJson("/rest/V1/shipment/" + json(r).asText());
        assertThat(s.at("/tracks/0/track_number").asText()).isEqualTo("TRK-1");
        assertThat(s.at("/tracks/0/carrier_code").asText()).isEqualTo("custom");
        assertThat(s.at("/comments/0/comment").asText()).isEqualTo("Packed");
        assertThat(s.at("/comments/0/is_visible_on_front").asInt()).isEqualTo(1);
        assertThat(s.at("/comments/0/is_customer_notified").asInt()).isEqualTo(1);
        assertThat(s.at("/extension_attributes/source_code").asText()).isEqualTo("wh_1");
        assertThat(s.get("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(s.get("customer_id").asInt()).isEqualTo(1);
        assertThat(s.get("billing_address_id").asInt())
                .isEqualTo(sim.order(id).orElseThrow().get("billing_address_id").asInt());

        int other = sim.newOrder("2").item("A", 1).create();
        HttpResponse<String> noNumber = http.ship(other,
                "{\"tracks\":[{\"title\":\"Parcel\",\"carrier_code\":\"custom\"}]}");
        assertThat(message(noNumber)).isEqualTo(PREFIX + "Please enter a tracking number.");
        assertThat(sim.shipments(other)).isEmpty();
    }

    // ------------------------------------------------------------------ shipment search

    @Test
    void shipmentsAreSearchableByOrderId() throws Exception {
        int a = sim.newOrder("1").item("A", 2).create();
        int b = sim.newOrder("2").item("B", 1).create();
        http.ship(a, lines(itemId(a, 0), 1));
        http.ship(b, "{}");
        http.ship(a, lines(itemId(a, 0), 1));

        JsonNode ofA = http.getJson("/rest/V1/shipments?" + camelFilter(0, 0, "order_id", String.valueOf(a), "eq"));
        assertThat(ofA.get("total_count").asInt()).isEqualTo(2);
        assertThat(ofA.get("items")).extracting(s -> s.get("order_id").asInt()).containsExactly(a, a);
        assertThat(ofA.get("items")).extracting(s -> s.get("entity_id").asInt()).containsExactly(1, 3);
        assertThat(ofA.at("/search_criteria/filter_groups/0/filters/0/field").asText()).isEqualTo("order_id");

        SimHttp.RawResponse raw = http.rawGet("/rest/V1/shipments?searchCriteria[filter_groups][0][filters][0]"
                + "[field]=increment_id&searchCriteria[filter_groups][0][filters][0][value]=000000002");
        assertThat(raw.json().at("/items/0/order_id").asInt()).isEqualTo(b);
        assertThat(http.getJson("/rest/V1/shipments?searchCriteria=").get("total_count").asInt()).isEqualTo(3);
        assertThat(sim.shipments(a)).extracting(s -> s.get("entity_id").asInt()).containsExactly(1, 3);
    }

    // ------------------------------------------------------------------ faults & concurrency

    @Test
    void connectionResetAfterCommitLeavesExactlyOneShipment() throws Exception {
        int id = sim.newOrder("1").item("A", 1).create();
        sim.faults().onlyForPathContaining("/ship").resetAfterCommitNext(1);

        assertThatThrownBy(() -> http.ship(id, lines(itemId(id, 0), 1))).isInstanceOf(IOException.class);

        assertThat(sim.shipmentCount()).isEqualTo(1);
        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(1);
        assertThat(sim.faults().pendingResets()).isZero();
        // a blind retry is refused: nothing left to ship
        assertThat(http.ship(id, lines(itemId(id, 0), 1)).statusCode()).isEqualTo(400);
        assertThat(sim.shipmentCount()).isEqualTo(1);
        assertThat(sim.calls("/ship")).extracting(RecordedCall::status).containsExactly(0, 400);
    }

    @Test
    void failNextOnTheShipPathCreatesNothing() throws Exception {
        int id = sim.newOrder("1").item("A", 1).create();
        sim.faults().failNext(1, 503);
        assertThat(http.ship(id, "{}").statusCode()).isEqualTo(503);
        assertThat(sim.shipmentCount()).isZero();
        assertThat(http.ship(id, "{}").statusCode()).isEqualTo(200);
        assertThat(sim.shipmentCount()).isEqualTo(1);
    }

    @Test
    void concurrentShipsOfOneOrderNeverShipMoreThanOrdered() throws Exception {
        int id = sim.newOrder("1").item("A", 10).create();
        int item = itemId(id, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                results.add(pool.submit(() -> http.ship(id, lines(item, 1)).statusCode()));
            }
            int ok = 0;
            for (Future<Integer> f : results) {
                if (f.get() == 200) {
                    ok++;
                }
            }
            assertThat(ok).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sim.shipmentCount()).isEqualTo(10);
        assertThat(item(id, 0).get("qty_shipped").asInt()).isEqualTo(10);
        assertThat(sim.shipments(id)).extracting(s -> s.get("entity_id").asInt()).doesNotHaveDuplicates();
        assertThat(sim.orderState(id)).isEqualTo("complete");
    }
}
