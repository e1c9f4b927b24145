package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.magentobridge.simulator.magento.SimHttp.camelFilter;
import static com.magentobridge.simulator.magento.SimHttp.enc;
import static com.magentobridge.simulator.magento.SimHttp.json;
import static com.magentobridge.simulator.magento.SimHttp.snakeFilterRaw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Orders: the builder's shape, GET /V1/orders/{id}, GET /V1/orders?searchCriteria (over real HTTP). */
class MagentoOrdersTest extends RunningSimulator {

    @BeforeEach
    void fresh() {
        sim.reset();
    }

    // ------------------------------------------------------------------ builder shape

    @Test
    void builtGuestConfigurableOrderHasTheShapeOfRecordedOrder16() throws Exception {
        Instant created = Instant.parse("2024-03-01T08:15:30Z");
        int id = sim.newOrder("000000019").guest().configurable("WP13-28-Blue", 1).invoiced(false)
                .state("new", "pending").createdAt(created).create();

        JsonNode o = http.getJson("/rest/V1/orders/" + id);

        assertThat(o.get("entity_id").isInt()).isTrue();
        assertThat(o.get("entity_id").asInt()).isEqualTo(id);
        assertThat(o.get("increment_id").isTextual()).isTrue();
        assertThat(o.get("increment_id").asText()).isEqualTo("000000019");
        assertThat(o.get("state").asText()).isEqualTo("new");
        assertThat(o.get("status").asText()).isEqualTo("pending");
        assertThat(o.get("created_at").asText()).isEqualTo("2024-03-01 08:15:30");
        assertThat(o.get("updated_at").asText()).isEqualTo("2024-03-01 08:15:30");
        // guest, exactly like order 16: the null customer fields are left out, group 0, flag 1
        assertThat(o.get("customer_is_guest").asInt()).isEqualTo(1);
        assertThat(o.get("customer_group_id").asInt()).isZero();
        assertThat(o.has("customer_id")).isFalse();
        assertThat(o.has("customer_firstname")).isFalse();
        assertThat(o.get("customer_email").asText()).isEqualTo("guest@example.com");
        assertThat(o.get("base_currency_code").asText()).isEqualTo("USD");
        assertThat(o.get("order_currency_code").asText()).isEqualTo("USD");
        assertThat(o.get("store_name").asText()).contains("\n");

        JsonNode items = o.get("items");
        assertThat(items).hasSize(2);
        JsonNode parent = items.get(0);
        JsonNode child = items.get(1);
        assertThat(parent.get("product_type").asText()).isEqualTo("configurable");
        assertThat(child.get("product_type").asText()).isEqualTo("simple");
        assertThat(parent.get("sku").asText()).isEqualTo("WP13-28-Blue");
        assertThat(child.get("sku").asText()).isEqualTo("WP13-28-Blue");
        assertThat(child.get("parent_item_id").asInt()).isEqualTo(parent.get("item_id").asInt());
        assertThat(parent.has("parent_item_id")).isFalse();
        assertThat(child.get("parent_item").get("item_id").asInt()).isEqualTo(parent.get("item_id").asInt());
        assertThat(child.get("order_id").asInt()).isEqualTo(id);
        for (String q : List.of("qty_ordered", "qty_shipped", "qty_invoiced", "qty_canceled", "qty_refunded")) {
            assertThat(parent.get(q).isNumber()).as(q).isTrue();
        }
        assertThat(parent.get("qty_ordered").asInt()).isEqualTo(1);
        assertThat(parent.get("qty_invoiced").asInt()).isZero();
        assertThat(child.get("row_total").asInt()).isZero();

        JsonNode assignment = o.at("/extension_attributes/shipping_assignments/0");
        assertThat(assignment.at("/shipping/method").asText()).isEqualTo("flatrate_flatrate");
        assertThat(assignment.at("/shipping/address/address_type").asText()).isEqualTo("shipping");
        assertThat(assignment.get("items")).hasSize(2);
        assertThat(o.at("/billing_address/parent_id").asInt()).isEqualTo(id);
        assertThat(o.at("/billing_address/entity_id").asInt()).isEqualTo(o.get("billing_address_id").asInt());
        assertThat(o.at("/payment/method").asText()).isEqualTo("checkmo");
        assertThat(o.get("status_histories").isArray()).isTrue();
        assertThat(o.get("grand_total").asInt()).isEqualTo(15); // 10 + flat rate 5
    }

    @Test
    @Tag("contract")
    void builtOrderHasTheSameFieldNamesAndTypesAsRecordedOrder16() throws Exception {
        JsonNode recorded = SimHttp.ocaJson("import_sale_order_16__00__GET_V1_orders_16.response.json");
        int id = sim.newOrder("000000019").guest().configurable("WP13-28-Blue", 1).invoiced(false)
                .state("new", "pending").create();
        JsonNode built = http.getJson("/rest/V1/orders/" + id);

        SimHttp.assertSameShape("order", recorded, built);
    }

    @Test
    void builderOptionsAreApplied() {
        int id = sim.newOrder("100000001").customer(42, "ann@example.com").item("A", 2).item("B", 3)
                .currency("EUR").storeId(2).state("holded", "holded").create();
        ObjectNode o = sim.order(id).orElseThrow();

        assertThat(o.get("customer_id").asInt()).isEqualTo(42);
        assertThat(o.get("customer_email").asText()).isEqualTo("ann@example.com");
        assertThat(o.get("customer_is_guest").asInt()).isZero();
        assertThat(o.get("customer_group_id").asInt()).isEqualTo(1);
        assertThat(o.get("order_currency_code").asText()).isEqualTo("EUR");
        assertThat(o.get("base_currency_code").asText()).isEqualTo("EUR");
        assertThat(o.get("store_id").asInt()).isEqualTo(2);
        assertThat(sim.orderState(id)).isEqualTo("holded");
        assertThat(o.get("status").asText()).isEqualTo("holded");
        assertThat(o.get("items")).extracting(i -> i.get("qty_invoiced").asInt()).containsExactly(2, 3);
        assertThat(o.get("total_qty_ordered").asInt()).isEqualTo(5);
        assertThat(o.get("total_item_count").asInt()).isEqualTo(2);
        assertThat(sim.orderEntityId("100000001")).contains(id);
        assertThat(sim.orderEntityId("nope")).isEmpty();
    }

    @Test
    void itemIdsAreUniqueAcrossOrdersAndSnapshotsAreCopies() {
        int a = sim.newOrder("000000001").item("A", 1).configurable("C", 1).create();
        int b = sim.newOrder("000000002").bundle("BUNDLE", 2, "X", "Y").virtual("V", 1).create();

        List<Integer> ids = new ArrayList<>();
        for (int id : List.of(a, b)) {
            sim.order(id).orElseThrow().get("items").forEach(i -> ids.add(i.get("item_id").asInt()));
        }
        assertThat(ids).doesNotHaveDuplicates().hasSize(3 + 4);

        JsonNode bundle = sim.order(b).orElseThrow().get("items");
        assertThat(bundle.get(0).get("product_type").asText()).isEqualTo("bundle");
        assertThat(bundle.get(1).get("parent_item_id").asInt()).isEqualTo(bundle.get(0).get("item_id").asInt());
        assertThat(bundle.get(1).get("qty_ordered").asInt()).isEqualTo(2);
        assertThat(bundle.get(3).get("product_type").asText()).isEqualTo("virtual");
        assertThat(bundle.get(3).get("is_virtual").asInt()).isEqualTo(1);

        ObjectNode copy = sim.order(a).orElseThrow();
        copy.put("state", "tampered");
        assertThat(sim.orderState(a)).isEqualTo("processing");
        assertThatThrownBy(() -> sim.orderState(999)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void catalogProductIdsAreUsedForKnownSkus() {
        int productId = sim.addProduct("KNOWN");
        int id = sim.newOrder("000000001").item("KNOWN", 1).item("UNKNOWN", 1).create();
        JsonNode items = sim.order(id).orElseThrow().get("items");
        assertThat(items.get(0).get("product_id").asInt()).isEqualTo(productId);
        assertThat(items.get(1).get("product_id").asInt()).isGreaterThan(100_000);
    }

    @Test
    void stateImpliesTheQuantitiesMagentoWouldShow() {
        int canceled = sim.newOrder("1").configurable("C", 2).item("S", 1).state("canceled", "canceled").create();
        JsonNode c = sim.order(canceled).orElseThrow().get("items");
        // like recorded order 9: the configurable parent and the simple line are canceled, the child stays 0
        assertThat(c).extracting(i -> i.get("qty_canceled").asInt()).containsExactly(2, 0, 1);
        assertThat(c).extracting(i -> i.get("qty_invoiced").asInt()).containsExactly(0, 0, 0);

        int complete = sim.newOrder("2").item("S", 3).invoiced(false).state("complete", "complete").create();
        JsonNode done = sim.order(complete).orElseThrow().get("items").get(0);
        assertThat(done.get("qty_shipped").asInt()).isEqualTo(3);
        assertThat(done.get("qty_invoiced").asInt()).isEqualTo(3);

        int closed = sim.newOrder("3").item("S", 1).state("closed", "closed").create();
        assertThat(sim.order(closed).orElseThrow().at("/items/0/qty_refunded").asInt()).isEqualTo(1);
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> sim.newOrder("1").item("A", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.newOrder("1").item(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.newOrder("1").bundle("B", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.newOrder("1").create()).isInstanceOf(IllegalStateException.class);
        OrderBuilder b = sim.newOrder("1").item("A", 1);
        b.create();
        assertThatThrownBy(b::create).isInstanceOf(IllegalStateException.class);
    }

    // ------------------------------------------------------------------ GET /V1/orders/{id}

    @Test
    void unknownOrderAnswersMagentos404AndBadIdsAnswer400() throws Exception {
        HttpResponse<String> missing = http.call("GET", "/rest/V1/orders/4711", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo(
                "{\"message\":\"The entity that was requested doesn't exist. Verify the entity and try again.\"}");

        HttpResponse<String> word = http.call("GET", "/rest/default/V1/orders/abc", null);
        assertThat(word.statusCode()).isEqualTo(400);
        assertThat(json(word).at("/parameters/type").asText()).isEqualTo("int");

        HttpResponse<String> zero = http.call("GET", "/rest/V1/orders/0", null);
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(json(zero).get("message").asText()).isEqualTo("An ID is needed. Set the ID and try again.");
    }

    @Test
    void orderRoutesNeedTheSalesAclResources() throws Exception {
        int id = sim.newOrder("1").item("A", 1).create();
        HttpResponse<String> get = http.call("GET", "/rest/V1/orders/" + id, null, "wrong");
        assertThat(get.statusCode()).isEqualTo(401);
        assertThat(json(get).at("/parameters/resources").asText()).isEqualTo("Magento_Sales::actions_view");
        HttpResponse<String> ship = http.call("POST", "/rest/V1/order/" + id + "/ship", "{}", null);
        assertThat(json(ship).at("/parameters/resources").asText()).isEqualTo("Magento_Sales::ship");
        HttpResponse<String> shipments = http.call("GET", "/rest/V1/shipments?searchCriteria=", null, "wrong");
        assertThat(json(shipments).at("/parameters/resources").asText()).isEqualTo("Magento_Sales::shipment");
        assertThat(sim.shipmentCount()).isZero();
        assertThat(sim.orderState(id)).isEqualTo("processing");
    }

    // ------------------------------------------------------------------ search

    private void seedThree() {
        sim.setClock(Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC));
        sim.newOrder("000000013").item("A", 1).state("canceled", "canceled").create();
        sim.setClock(Clock.fixed(Instant.parse("2024-05-02T10:00:00Z"), ZoneOffset.UTC));
        sim.newOrder("000000013-1").item("A", 1).state("new", "pending").create();
        sim.setClock(Clock.fixed(Instant.parse("2024-05-03T10:00:00Z"), ZoneOffset.UTC));
        sim.newOrder("000000014").guest("guest@example.com").item("B", 1).create();
    }

    @Test
    void searchByIncrementIdInBothSpellingsKeepsLeadingZerosAndEditSuffix() throws Exception {
        seedThree();
        JsonNode camel = http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "increment_id", "000000013-1", "eq"));
        assertThat(camel.get("total_count").asInt()).isEqualTo(1);
        assertThat(camel.at("/items/0/increment_id").asText()).isEqualTo("000000013-1");
        JsonNode echo = camel.at("/search_criteria/filter_groups/0/filters/0");
        assertThat(echo.get("field").asText()).isEqualTo("increment_id");
        assertThat(echo.get("value").asText()).isEqualTo("000000013-1");
        assertThat(echo.get("condition_type").asText()).isEqualTo("eq");

        // snake_case with raw brackets, no condition type (defaults to eq)
        SimHttp.RawResponse raw = http.rawGet("/rest/default/V1/orders?"
                + snakeFilterRaw(0, 0, "increment_id", "000000013", null));
        assertThat(raw.status()).isEqualTo(200);
        JsonNode snake = raw.json();
        assertThat(snake.get("total_count").asInt()).isEqualTo(1);
        assertThat(snake.at("/items/0/increment_id").asText()).isEqualTo("000000013");
        assertThat(snake.at("/search_criteria/filter_groups/0/filters/0/condition_type").asText()).isEqualTo("eq");

        // snake_case percent-encoded
        String encodedSnake = enc("searchCriteria[filter_groups][0][filters][0][field]") + "=increment_id&"
                + enc("searchCriteria[filter_groups][0][filters][0][value]") + "=000000014&"
                + enc("searchCriteria[filter_groups][0][filters][0][condition_type]") + "=eq";
        assertThat(http.getJson("/rest/V1/orders?" + encodedSnake).at("/items/0/increment_id").asText())
                .isEqualTo("000000014");

        // the number without zeros is a different VARCHAR value
        assertThat(http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "increment_id", "13", "eq"))
                .get("total_count").asInt()).isZero();
    }

    @Test
    void filtersInAGroupAreOredAndGroupsAreAnded() throws Exception {
        seedThree();
        String or = camelFilter(0, 0, "status", "pending", "eq") + "&" + camelFilter(0, 1, "status", "processing", "eq");
        JsonNode either = http.getJson("/rest/V1/orders?" + or);
        assertThat(either.get("items")).extracting(i -> i.get("increment_id").asText())
                .containsExactly("000000013-1", "000000014");

        String and = or + "&" + camelFilter(1, 0, "customer_email", "guest@%", "like");
        JsonNode both = http.getJson("/rest/V1/orders?" + and);
        assertThat(both.get("items")).extracting(i -> i.get("increment_id").asText()).containsExactly("000000014");
        assertThat(both.at("/search_criteria/filter_groups")).hasSize(2);
    }

    @Test
    void conditionTypesWork() throws Exception {
        seedThree();
        assertThat(increments(camelFilter(0, 0, "updated_at", "2024-05-02 10:00:00", "gteq")))
                .containsExactly("000000013-1", "000000014");
        assertThat(increments(camelFilter(0, 0, "updated_at", "2024-05-02T10:00:00Z", "gt")))
                .containsExactly("000000014");
        assertThat(increments(camelFilter(0, 0, "created_at", "2024-05-02 10:00:00", "lt")))
                .containsExactly("000000013");
        assertThat(increments(camelFilter(0, 0, "created_at", "2024-05-02 10:00:00", "lteq")))
                .containsExactly("000000013", "000000013-1");
        assertThat(increments(camelFilter(0, 0, "state", "canceled", "neq")))
                .containsExactly("000000013-1", "000000014");
        assertThat(increments(camelFilter(0, 0, "entity_id", "1,3", "in"))).containsExactly("000000013", "000000014");
        assertThat(increments(camelFilter(0, 0, "increment_id", "000000013%", "like")))
                .containsExactly("000000013", "000000013-1");
        assertThat(increments(camelFilter(0, 0, "store_id", "1", "eq"))).hasSize(3);
        assertThat(increments(camelFilter(0, 0, "customer_id", "x", "null"))).containsExactly("000000014");
        assertThat(increments(camelFilter(0, 0, "customer_id", "x", "notnull")))
                .containsExactly("000000013", "000000013-1");
        assertThat(increments(camelFilter(0, 0, "entity_id", "2", "eq"))).containsExactly("000000013-1");
        assertThat(increments(camelFilter(0, 0, "status", "PENDING", "eq"))).containsExactly("000000013-1");
    }

    private List<String> increments(String query) throws Exception {
        List<String> out = new ArrayList<>();
        http.getJson("/rest/V1/orders?" + query).get("items").forEach(i -> out.add(i.get("increment_id").asText()));
        return out;
    }

    @Test
    void sortingAndPagingLikeMagentoIncludingThePagePastTheEnd() throws Exception {
        for (int i = 1; i <= 5; i++) {
            sim.newOrder(String.format("%09d", i)).item("A", 1).create();
        }
        String base = "/rest/V1/orders?" + enc("searchCriteria[sortOrders][0][field]") + "=entity_id&"
                + enc("searchCriteria[sortOrders][0][direction]") + "=DESC&" + enc("searchCriteria[pageSize]") + "=2&"
                + enc("searchCriteria[currentPage]") + "=";

        JsonNode page1 = http.getJson(base + "1");
        assertThat(page1.get("items")).extracting(i -> i.get("entity_id").asInt()).containsExactly(5, 4);
        assertThat(page1.get("total_count").asInt()).isEqualTo(5);
        assertThat(page1.at("/search_criteria/page_size").asInt()).isEqualTo(2);
        assertThat(page1.at("/search_criteria/current_page").asInt()).isEqualTo(1);
        assertThat(page1.at("/search_criteria/sort_orders/0/direction").asText()).isEqualTo("DESC");

        JsonNode page3 = http.getJson(base + "3");
        assertThat(page3.get("items")).extracting(i -> i.get("entity_id").asInt()).containsExactly(1);

        // Magento's quirk: past the last page the last page comes again; total_count stays the real total
        JsonNode page9 = http.getJson(base + "9");
        assertThat(page9.get("items")).extracting(i -> i.get("entity_id").asInt()).containsExactly(1);
        assertThat(page9.get("total_count").asInt()).isEqualTo(5);
        assertThat(page9.at("/search_criteria/current_page").asInt()).isEqualTo(9);

        // snake_case spelling, ascending; no page size → everything
        SimHttp.RawResponse all = http.rawGet("/rest/V1/orders?searchCriteria[sort_orders][0][field]=increment_id"
                + "&searchCriteria[sort_orders][0][direction]=asc");
        assertThat(all.json().get("items")).extracting(i -> i.get("entity_id").asInt())
                .containsExactly(1, 2, 3, 4, 5);
        SimHttp.RawResponse page = http.rawGet("/rest/V1/orders?searchCriteria[page_size]=3&searchCriteria[current_page]=2");
        assertThat(page.json().get("items")).extracting(i -> i.get("entity_id").asInt()).containsExactly(4, 5);
    }

    @Test
    void searchWithoutSearchCriteriaIsRefusedAndAnEmptyOneListsAll() throws Exception {
        sim.newOrder("1").item("A", 1).create();
        HttpResponse<String> none = http.call("GET", "/rest/V1/orders", null);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).at("/parameters/fieldName").asText()).isEqualTo("searchCriteria");

        JsonNode all = http.getJson("/rest/V1/orders?searchCriteria=");
        assertThat(all.get("total_count").asInt()).isEqualTo(1);
        assertThat(all.get("search_criteria").get("filter_groups")).isEmpty();

        HttpResponse<String> badSize = http.call("GET", "/rest/V1/orders?" + enc("searchCriteria[pageSize]") + "=x",
                null);
        assertThat(badSize.statusCode()).isEqualTo(400);
    }

    @Test
    void resetForgetsOrdersShipmentsAndCounters() throws Exception {
        int first = sim.newOrder("1").item("A", 1).create();
        assertThat(http.ship(first, "{}").statusCode()).isEqualTo(200);
        assertThat(sim.shipmentCount()).isEqualTo(1);

        sim.reset();

        assertThat(sim.order(first)).isEmpty();
        assertThat(sim.shipmentCount()).isZero();
        assertThat(http.getJson("/rest/V1/orders?searchCriteria=").get("total_count").asInt()).isZero();
        int again = sim.newOrder("1").item("A", 1).create();
        assertThat(again).isEqualTo(first);
        assertThat(sim.order(again).orElseThrow().at("/items/0/item_id").asInt()).isEqualTo(1);
        HttpResponse<String> ship = http.ship(again, "{}");
        assertThat(ship.body()).isEqualTo("\"1\"");
    }
}
