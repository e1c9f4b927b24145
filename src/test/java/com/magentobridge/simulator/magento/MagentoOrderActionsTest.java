package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.magentobridge.fixtures.OwnOrders;

import static com.magentobridge.simulator.magento.SimHttp.camelFilter;
import static com.magentobridge.simulator.magento.SimHttp.enc;
import static com.magentobridge.simulator.magento.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Order import / status flows over real HTTP: cancel, hold, unhold, comments, the test mutations (status,
 * updated_at, edit) and the search guarantees an importer pages with (updated_at filter, ties, page past the end).
 */
class MagentoOrderActionsTest extends RunningSimulator {

    private static final Instant T0 = Instant.parse("2024-06-01T08:00:00Z");
    private static final Instant T1 = Instant.parse("2024-06-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2024-06-01T10:00:00Z");
    private static final String NOT_FOUND =
            "{\"message\":\"The entity that was requested doesn't exist. Verify the entity and try again.\"}";

    @BeforeEach
    void fresh() {
        sim.reset();
        at(T0);
    }

    private static void at(Instant instant) {
        sim.setClock(Clock.fixed(instant, ZoneOffset.UTC));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return http.call("POST", path, body);
    }

    private static JsonNode order(int id) throws Exception {
        return http.getJson("/rest/V1/orders/" + id);
    }

    private static int pendingOrder(String increment) {
        return sim.newOrder(increment).configurable("WP13-28-Blue", 2).item("RACER", 1).invoiced(false)
                .state("new", "pending").create();
    }

    // ------------------------------------------------------------------ cancel

    @Test
    void cancelOfAPendingOrderAnswersTrueAndCancelsLikeRecordedOrder9() throws Exception {
        int id = pendingOrder("000000013");
        at(T1);

        HttpResponse<String> r = post("/rest/V1/orders/" + id + "/cancel", null);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("true");
        JsonNode o = order(id);
        assertThat(o.get("state").asText()).isEqualTo("canceled");
        assertThat(o.get("status").asText()).isEqualTo("canceled");
        assertThat(o.get("updated_at").asText()).isEqualTo("2024-06-01 09:00:00");
        assertThat(o.get("created_at").asText()).isEqualTo("2024-06-01 08:00:00");
        // configurable parent and simple line canceled, the configurable child (an invoice dummy) stays 0
        assertThat(o.get("items")).extracting(i -> i.get("qty_canceled").asInt()).containsExactly(2, 0, 1);
        assertThat(o.at("/items/0/updated_at").asText()).isEqualTo("2024-06-01 09:00:00");
        // copies inside the shipping assignment follow
        assertThat(o.at("/extension_attributes/shipping_assignments/0/items/0/qty_canceled").asInt()).isEqualTo(2);
        assertThat(o.get("subtotal_canceled").asInt()).isEqualTo(30);
        assertThat(o.get("shipping_canceled").asInt()).isEqualTo(5);
        assertThat(o.get("total_canceled").asInt()).isEqualTo(35);
        assertThat(o.get("base_total_canceled").asInt()).isEqualTo(35);
        assertThat(o.get("discount_canceled").asInt()).isZero();
        // Magento's cancel without a comment writes no status history
        assertThat(o.get("status_histories")).isEmpty();

        // canceled orders cannot be canceled again: false, HTTP 200
        at(T2);
        HttpResponse<String> again = post("/rest/default/V1/orders/" + id + "/cancel", null);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("false");
        assertThat(order(id).get("updated_at").asText()).isEqualTo("2024-06-01 09:00:00");
    }

    @Test
    void cancelIsRefusedWithFalseForCompleteFullyInvoicedAndHeldOrders() throws Exception {
        int complete = sim.newOrder("1").item("A", 2).state("complete", "complete").create();
        int invoiced = sim.newOrder("2").item("A", 2).create(); // processing, fully invoiced (builder default)
        int held = sim.newOrder("3").item("A", 2).invoiced(false).state("holded", "holded").create();
        at(T1);

        for (int id : List.of(complete, invoiced, held)) {
            String before = order(id).toString();
            HttpResponse<String> r = post("/rest/V1/orders/" + id + "/cancel", null);
            assertThat(r.statusCode()).as("order %s", id).isEqualTo(200);
            assertThat(r.body()).as("order %s", id).isEqualTo("false");
            assertThat(order(id).toString()).as("order %s untouched", id).isEqualTo(before);
        }
    }

    @Test
    void cancelOfAPartlyShippedUninvoicedOrderCancelsOnlyWhatIsLeft() throws Exception {
        int id = sim.newOrder("1").item("A", 3).invoiced(false).state("processing", "processing").create();
        int itemId = sim.order(id).orElseThrow().at("/items/0/item_id").asInt();
        assertThat(http.ship(id, "{\"items\":[{\"order_item_id\":" + itemId + ",\"qty\":1}]}").statusCode())
                .isEqualTo(200);

        assertThat(post("/rest/V1/orders/" + id + "/cancel", null).body()).isEqualTo("true");

        JsonNode o = order(id);
        // Item::getQtyToCancel = min(to invoice 3, to ship 2) = 2; nothing was invoiced, so the order is canceled
        assertThat(o.at("/items/0/qty_canceled").asInt()).isEqualTo(2);
        assertThat(o.get("state").asText()).isEqualTo("canceled");
    }

    @Test
    void unknownOrdersAnswer404AndBadIds400() throws Exception {
        for (String action : List.of("cancel", "hold", "unhold")) {
            HttpResponse<String> r = post("/rest/V1/orders/4711/" + action, null);
            assertThat(r.statusCode()).as(action).isEqualTo(404);
            assertThat(r.body()).as(action).isEqualTo(NOT_FOUND);
        }
        HttpResponse<String> comment = post("/rest/V1/orders/4711/comments",
                "{\"statusHistory\":{\"comment\":\"x\",\"is_customer_notified\":0,\"is_visible_on_front\":0}}");
        assertThat(comment.statusCode()).isEqualTo(404);
        assertThat(comment.body()).isEqualTo(NOT_FOUND);

        HttpResponse<String> word = post("/rest/V1/orders/abc/cancel", null);
        assertThat(word.statusCode()).isEqualTo(400);
        assertThat(json(word).at("/parameters/type").asText()).isEqualTo("int");
    }

    @Test
    void actionsNeedTheirOwnAclResources() throws Exception {
        int id = pendingOrder("1");
        String[][] cases = {
                {"cancel", "Magento_Sales::cancel"}, {"hold", "Magento_Sales::hold"},
                {"unhold", "Magento_Sales::unhold"}, {"comments", "Magento_Sales::comment"}};
        for (String[] c : cases) {
            HttpResponse<String> r = http.call("POST", "/rest/V1/orders/" + id + "/" + c[0], "{}", "wrong");
            assertThat(r.statusCode()).as(c[0]).isEqualTo(401);
            assertThat(json(r).at("/parameters/resources").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(sim.orderState(id)).isEqualTo("new");
    }

    @Test
    void faultInjectionAppliesToTheActions() throws Exception {
        int id = pendingOrder("1");
        sim.faults().failNext(1, 503);

        HttpResponse<String> failed = post("/rest/V1/orders/" + id + "/cancel", null);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(sim.orderState(id)).isEqualTo("new");

        sim.faults().resetAfterCommitNext(1);
        assertThatThrownBy(() -> post("/rest/V1/orders/" + id + "/hold", null)).isInstanceOf(java.io.IOException.class);
        assertThat(sim.orderState(id)).as("applied, answer lost").isEqualTo("holded");
    }

    // ------------------------------------------------------------------ hold / unhold

    @Test
    void holdAndUnholdRoundTripRestoresStateAndStatus() throws Exception {
        int id = pendingOrder("1");
        at(T1);

        HttpResponse<String> hold = post("/rest/V1/orders/" + id + "/hold", null);
        assertThat(hold.statusCode()).isEqualTo(200);
        assertThat(hold.body()).isEqualTo("true");
        JsonNode held = order(id);
        assertThat(held.get("state").asText()).isEqualTo("holded");
        assertThat(held.get("status").asText()).isEqualTo("holded");
        assertThat(held.get("hold_before_state").asText()).isEqualTo("new");
        assertThat(held.get("hold_before_status").asText()).isEqualTo("pending");
        assertThat(held.get("updated_at").asText()).isEqualTo("2024-06-01 09:00:00");

        // a held order can be neither canceled nor shipped
        assertThat(post("/rest/V1/orders/" + id + "/cancel", null).body()).isEqualTo("false");
        assertThat(http.ship(id, "{}").statusCode()).isEqualTo(400);

        at(T2);
        HttpResponse<String> unhold = post("/rest/V1/orders/" + id + "/unhold", null);
        assertThat(unhold.statusCode()).isEqualTo(200);
        assertThat(unhold.body()).isEqualTo("true");
        JsonNode released = order(id);
        assertThat(released.get("state").asText()).isEqualTo("new");
        assertThat(released.get("status").asText()).isEqualTo("pending");
        assertThat(released.has("hold_before_state")).isFalse();
        assertThat(released.has("hold_before_status")).isFalse();
        assertThat(released.get("updated_at").asText()).isEqualTo("2024-06-01 10:00:00");

        HttpResponse<String> twice = post("/rest/V1/orders/" + id + "/unhold", null);
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).isEqualTo("{\"message\":\"You cannot remove the hold.\"}");
    }

    @Test
    void holdIsRefusedForCanceledCompleteAndHeldOrders() throws Exception {
        int canceled = sim.newOrder("1").item("A", 1).state("canceled", "canceled").create();
        int complete = sim.newOrder("2").item("A", 1).state("complete", "complete").create();
        int held = sim.newOrder("3").item("A", 1).state("holded", "holded").create();
        for (int id : List.of(canceled, complete, held)) {
            HttpResponse<String> r = post("/rest/V1/orders/" + id + "/hold", null);
            assertThat(r.statusCode()).as("order %s", id).isEqualTo(400);
            assertThat(r.body()).isEqualTo("{\"message\":\"A hold action is not available.\"}");
        }
        assertThat(sim.orderState(canceled)).isEqualTo("canceled");

        // a builder-made held order carries what unhold restores
        assertThat(post("/rest/V1/orders/" + held + "/unhold", null).body()).isEqualTo("true");
        assertThat(order(held).get("status").asText()).isEqualTo("processing");
    }

    // ------------------------------------------------------------------ comments

    @Test
    void commentWithStatusSetsTheStatusAndIsListedNewestFirst() throws Exception {
        commentWithStatusThenOneWithout(
                "{\"statusHistory\":{\"comment\":\"Left with a neighbour\",\"is_customer_notified\":0,"
                        + "\"is_visible_on_front\":0}}",
                "Left with a neighbour", "true");
    }

    @Test
    @Tag("contract")
    void recordedCommentWithoutStatusKeepsTheStatusAndIsAnsweredAsRecorded() throws Exception {
        commentWithStatusThenOneWithout(
                SimHttp.ocaText("test_sale_order_cancel_export__02__POST_V1_orders_12_comments.request.json"),
                "canceled",
                SimHttp.ocaText("test_sale_order_cancel_export__02__POST_V1_orders_12_comments.response.json").trim());
    }

    /**
     * A comment with a status, then {@code withoutStatus}, a comment body without a status whose text is
     * {@code comment}, answered {@code answer}: the order keeps its status, updated_at does not move, newest first.
     */
    private static void commentWithStatusThenOneWithout(String withoutStatus, String comment, String answer)
            throws Exception {
        int id = sim.newOrder("000000015").item("A", 1).create();
        at(T1);

        HttpResponse<String> first = post("/rest/V1/orders/" + id + "/comments",
                "{\"statusHistory\":{\"comment\":\"Packed\",\"is_customer_notified\":0,\"is_visible_on_front\":1,"
                        + "\"status\":\"packing\"}}");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("true");
        JsonNode o = order(id);
        assertThat(o.get("status").asText()).isEqualTo("packing");
        assertThat(o.get("state").asText()).isEqualTo("processing");
        assertThat(o.get("updated_at").asText()).isEqualTo("2024-06-01 09:00:00");
        JsonNode h = o.at("/status_histories/0");
        assertThat(h.get("comment").asText()).isEqualTo("Packed");
        assertThat(h.get("status").asText()).isEqualTo("packing");
        assertThat(h.get("parent_id").asInt()).isEqualTo(id);
        assertThat(h.get("is_visible_on_front").asInt()).isEqualTo(1);
        assertThat(h.get("is_customer_notified").asInt()).isZero();
        assertThat(h.get("created_at").asText()).isEqualTo("2024-06-01 09:00:00");
        assertThat(h.get("entity_id").isInt()).isTrue();

        // a body without status (as OCA sent it): the order keeps its status, updated_at does not move
        at(T2);
        HttpResponse<String> second = post("/rest/V1/orders/" + id + "/comments", withoutStatus);
        assertThat(second.body()).isEqualTo(answer);
        JsonNode after = order(id);
        assertThat(after.get("status").asText()).isEqualTo("packing");
        assertThat(after.get("updated_at").asText()).isEqualTo("2024-06-01 09:00:00");
        assertThat(after.get("status_histories")).extracting(x -> x.get("comment").asText())
                .containsExactly(comment, "Packed");
        assertThat(after.at("/status_histories/0/status").asText()).isEqualTo("packing");
        assertThat(after.at("/status_histories/0/entity_id").asInt())
                .isGreaterThan(after.at("/status_histories/1/entity_id").asInt());
    }

    @Test
    void commentBodiesAreValidatedLikeMagento() throws Exception {
        int id = sim.newOrder("1").item("A", 1).create();
        HttpResponse<String> none = post("/rest/V1/orders/" + id + "/comments", "{}");
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).at("/parameters/fieldName").asText()).isEqualTo("statusHistory");

        HttpResponse<String> text = post("/rest/V1/orders/" + id + "/comments", "{\"statusHistory\":\"hi\"}");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text).at("/parameters/type").asText()).endsWith("OrderStatusHistoryInterface");

        HttpResponse<String> broken = post("/rest/V1/orders/" + id + "/comments", "{");
        assertThat(broken.statusCode()).isEqualTo(400);

        // camelCase keys are accepted like Magento's input processor does
        HttpResponse<String> camel = post("/rest/V1/orders/" + id + "/comments",
                "{\"statusHistory\":{\"comment\":\"c\",\"isCustomerNotified\":true,\"isVisibleOnFront\":0,"
                        + "\"status\":\"on_the_way\"}}");
        assertThat(camel.body()).isEqualTo("true");
        assertThat(order(id).get("status").asText()).isEqualTo("on_the_way");
        assertThat(order(id).at("/status_histories/0/is_customer_notified").asInt()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ mutations + search for importers

    private static String updatedSince(Instant since, String direction, int pageSize, int page) {
        return "/rest/V1/orders?" + camelFilter(0, 0, "updated_at", since.toString(), "gteq")
                + "&" + enc("searchCriteria[sortOrders][0][field]") + "=updated_at"
                + "&" + enc("searchCriteria[sortOrders][0][direction]") + "=" + direction
                + "&" + enc("searchCriteria[pageSize]") + "=" + pageSize
                + "&" + enc("searchCriteria[currentPage]") + "=" + page;
    }

    private static List<Integer> ids(JsonNode result) {
        List<Integer> out = new ArrayList<>();
        result.get("items").forEach(i -> out.add(i.get("entity_id").asInt()));
        return out;
    }

    @Test
    void setOrderStatusBumpsUpdatedAtAndTheOrderIsFoundByAnUpdatedAtSearch() throws Exception {
        int a = pendingOrder("1");
        int b = pendingOrder("2");
        int c = pendingOrder("3");
        at(T1);

        sim.setOrderStatus(b, "processing", "processing");
        sim.touchOrder(c);

        JsonNode found = http.getJson(updatedSince(T1, "ASC", 10, 1));
        assertThat(ids(found)).containsExactly(b, c);
        assertThat(found.get("total_count").asInt()).isEqualTo(2);
        JsonNode ob = order(b);
        assertThat(ob.get("state").asText()).isEqualTo("processing");
        assertThat(ob.get("status").asText()).isEqualTo("processing");
        assertThat(ob.get("updated_at").asText()).isEqualTo("2024-06-01 09:00:00");
        assertThat(ob.get("status_histories")).isEmpty();
        assertThat(order(c).get("status").asText()).isEqualTo("pending");
        assertThat(order(a).get("updated_at").asText()).isEqualTo("2024-06-01 08:00:00");

        assertThatThrownBy(() -> sim.setOrderStatus(999, "new", "pending"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.touchOrder(999)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tiesOnUpdatedAtAreOrderedByEntityIdAndAPagePastTheEndRepeatsTheLastPage() throws Exception {
        List<Integer> id = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            id.add(pendingOrder(String.format("%09d", i)));
        }
        sim.setOrderUpdatedAt(id.get(4), T1);
        sim.setOrderUpdatedAt(id.get(2), T1);
        sim.setOrderUpdatedAt(id.get(0), T1);
        sim.setOrderUpdatedAt(id.get(3), T2);
        sim.setOrderUpdatedAt(id.get(1), T0);

        List<Integer> ascending = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            JsonNode r = http.getJson(updatedSince(T0, "ASC", 2, page));
            assertThat(r.get("total_count").asInt()).isEqualTo(5);
            ascending.addAll(ids(r));
        }
        assertThat(ascending).containsExactly(id.get(1), id.get(0), id.get(2), id.get(4), id.get(3));

        JsonNode desc = http.getJson(updatedSince(T0, "DESC", 10, 1));
        assertThat(ids(desc)).as("ties stay entity_id ascending when sorting DESC")
                .containsExactly(id.get(3), id.get(0), id.get(2), id.get(4), id.get(1));

        JsonNode past = http.getJson(updatedSince(T0, "ASC", 2, 7));
        assertThat(ids(past)).as("Magento clamps the page: the last page again").containsExactly(id.get(3));
        assertThat(past.get("total_count").asInt()).isEqualTo(5);
        assertThat(past.at("/search_criteria/current_page").asInt()).isEqualTo(7);

        JsonNode since = http.getJson(updatedSince(T1, "ASC", 2, 1));
        assertThat(ids(since)).containsExactly(id.get(0), id.get(2));
        assertThat(since.get("total_count").asInt()).isEqualTo(4);
    }

    // ------------------------------------------------------------------ order edit

    @Test
    void editOrderProducesTheEditedOrderShapeOfOurOwnDocuments() throws Exception {
        editOrderAndCompareWith(OwnOrders.json(OwnOrders.EDIT_CHILD), OwnOrders.json(OwnOrders.EDIT_ORIGINAL_CANCELED));
    }

    @Test
    @Tag("contract")
    void editOrderProducesTheRecordedEditedOrderShape() throws Exception {
        editOrderAndCompareWith(SimHttp.ocaJson("import_sale_order_10__00__GET_V1_orders_10.response.json"),
                SimHttp.ocaJson("import_sale_order_10__02__GET_V1_orders_9.response.json"));
    }

    /**
     * Edits a pending order and checks the edit and the canceled original, their field types against
     * {@code recordedChild} / {@code recordedParent} (an edit and its canceled original as Magento answers them).
     */
    private static void editOrderAndCompareWith(JsonNode recordedChild, JsonNode recordedParent) throws Exception {
        int original = sim.newOrder("000000013").configurable("MH09-XS-Blue", 2).item("RACER", 1)
                .invoiced(false).state("new", "pending").create();
        JsonNode before = order(original);
        at(T1);

        int edited = sim.editOrder(original);

        assertThat(edited).isNotEqualTo(original);
        JsonNode child = order(edited);
        JsonNode parent = order(original);
        for (String f : List.of("relation_parent_id", "relation_parent_real_id", "original_increment_id",
                "edit_increment", "increment_id", "state", "status")) {
            assertThat(child.has(f)).as(f).isTrue();
            assertThat(child.get(f).getNodeType()).as(f + " type").isEqualTo(recordedChild.get(f).getNodeType());
        }
        assertThat(child.get("increment_id").asText()).isEqualTo("000000013-1");
        assertThat(child.get("relation_parent_id").isTextual()).isTrue();
        assertThat(child.get("relation_parent_id").asText()).isEqualTo(String.valueOf(original));
        assertThat(child.get("relation_parent_real_id").asText()).isEqualTo("000000013");
        assertThat(child.get("original_increment_id").asText()).isEqualTo("000000013");
        assertThat(child.get("edit_increment").asInt()).isEqualTo(1);
        assertThat(child.get("state").asText()).isEqualTo("new");
        assertThat(child.get("status").asText()).isEqualTo("pending");
        assertThat(child.get("created_at").asText()).isEqualTo("2024-06-01 09:00:00");
        assertThat(child.get("quote_id").asInt()).isNotEqualTo(before.get("quote_id").asInt());
        assertThat(child.get("billing_address_id").asInt()).isNotEqualTo(before.get("billing_address_id").asInt());
        assertThat(child.at("/billing_address/parent_id").asInt()).isEqualTo(edited);
        assertThat(child.at("/payment/entity_id").asInt()).isEqualTo(edited);
        assertThat(child.get("status_histories")).isEmpty();
        // new item ids, references rewritten, same lines
        List<Integer> oldItems = new ArrayList<>();
        before.get("items").forEach(i -> oldItems.add(i.get("item_id").asInt()));
        JsonNode items = child.get("items");
        assertThat(items).hasSize(3);
        for (JsonNode i : items) {
            assertThat(oldItems).doesNotContain(i.get("item_id").asInt());
            assertThat(i.get("order_id").asInt()).isEqualTo(edited);
            assertThat(i.get("qty_canceled").asInt()).isZero();
        }
        assertThat(items.get(1).get("parent_item_id").asInt()).isEqualTo(items.get(0).get("item_id").asInt());
        assertThat(items).extracting(i -> i.get("sku").asText()).containsExactly("MH09-XS-Blue", "MH09-XS-Blue", "RACER");

        // the original: canceled like recorded order 9, linked to its child
        for (String f : List.of("relation_child_id", "relation_child_real_id", "edit_increment", "total_canceled")) {
            assertThat(parent.get(f).getNodeType()).as(f + " type").isEqualTo(recordedParent.get(f).getNodeType());
        }
        assertThat(parent.get("state").asText()).isEqualTo("canceled");
        assertThat(parent.get("relation_child_id").asText()).isEqualTo(String.valueOf(edited));
        assertThat(parent.get("relation_child_real_id").asText()).isEqualTo("000000013-1");
        assertThat(parent.get("updated_at").asText()).isEqualTo("2024-06-01 09:00:00");
        assertThat(parent.get("items")).extracting(i -> i.get("qty_canceled").asInt()).containsExactly(2, 0, 1);

        // searchable like the recorded pair, and editing the edit continues the suffix
        assertThat(ids(http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "relation_parent_id",
                String.valueOf(original), "eq")))).containsExactly(edited);
        int again = sim.editOrder(edited);
        assertThat(order(again).get("increment_id").asText()).isEqualTo("000000013-2");
        assertThat(order(again).get("original_increment_id").asText()).isEqualTo("000000013");
        assertThat(order(again).get("edit_increment").asInt()).isEqualTo(2);
        assertThat(sim.orderState(edited)).isEqualTo("canceled");
        int named = sim.editOrder(again, "100000099");
        assertThat(sim.orderEntityId("100000099")).contains(named);
    }

    @Test
    void editOrderRefusesWhatMagentoCannotEdit() {
        int invoiced = sim.newOrder("1").item("A", 1).create();
        int canceled = sim.newOrder("2").item("A", 1).state("canceled", "canceled").create();
        assertThatThrownBy(() -> sim.editOrder(invoiced)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sim.editOrder(canceled)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sim.editOrder(999)).isInstanceOf(IllegalArgumentException.class);
        int pending = pendingOrder("3");
        assertThatThrownBy(() -> sim.editOrder(pending, "1")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.orderState(pending)).isEqualTo("new");
    }
}
