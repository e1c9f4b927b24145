package com.magentobridge.simulator.magento;

import static com.magentobridge.simulator.magento.SimHttp.camelFilter;
import static com.magentobridge.simulator.magento.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;

/**
 * Whole GET /V1/orders/{id} documents loaded into the simulator with {@code addOrder} and read back over HTTP: the
 * checks shared by the project's own documents ({@link MagentoOrderDocumentsTest}, default run) and the recorded
 * Magento orders ({@link MagentoOrderFixturesTest}, contract suite). Each check takes the documents and the values
 * they must give; the simulator starts empty for every test.
 */
abstract class OrderDocumentsOnTheSimulator extends RunningSimulator {

    @BeforeEach
    void fresh() {
        sim.reset();
    }

    /** Each document, loaded alone, keeps its entity id and is answered, stored and found unchanged. */
    static void eachLoadsAndIsAnsweredUnchanged(Map<String, JsonNode> documents) throws Exception {
        for (Map.Entry<String, JsonNode> entry : documents.entrySet()) {
            String name = entry.getKey();
            JsonNode document = entry.getValue();
            sim.reset();
            int id = sim.addOrder(document);
            assertThat(id).as(name).isEqualTo(document.get("entity_id").asInt());

            JsonNode answered = http.getJson("/rest/V1/orders/" + id);

            assertThat(answered).as(name).isEqualTo(document);
            assertThat(sim.order(id).orElseThrow()).as("snapshot").isEqualTo(document);
            assertThat(sim.orderEntityId(document.get("increment_id").asText())).contains(id);
            assertThat(sim.orderState(id)).isEqualTo(document.get("state").asText());
        }
    }

    /**
     * All documents loaded together: entity ids stay unique, {@code reassignedCount} of them (the second copies of an
     * entity id) get a new one, and every reference inside a reassigned order follows its new id; item ids stay
     * unique and every reference to an item inside an order names one of its own items.
     */
    static void allLoadTogetherWithClashingIdsReassigned(Map<String, JsonNode> documents, int reassignedCount) {
        List<Integer> entityIds = new ArrayList<>();
        Set<Integer> reassigned = new HashSet<>();
        for (JsonNode document : documents.values()) {
            int id = sim.addOrder(document);
            entityIds.add(id);
            if (id != document.get("entity_id").asInt()) {
                reassigned.add(id);
            }
        }
        assertThat(entityIds).doesNotHaveDuplicates();
        assertThat(reassigned).hasSize(reassignedCount);
        Set<Integer> itemIds = new HashSet<>();
        for (int id : entityIds) {
            ObjectNode o = sim.order(id).orElseThrow();
            for (JsonNode item : o.get("items")) {
                assertThat(itemIds.add(item.get("item_id").asInt())).as("item id unique").isTrue();
                if (reassigned.contains(id)) {
                    assertThat(item.get("order_id").asInt()).isEqualTo(id);
                }
            }
            if (reassigned.contains(id)) {
                assertThat(o.at("/billing_address/parent_id").asInt()).isEqualTo(id);
                assertThat(o.at("/payment/parent_id").asInt()).isEqualTo(id);
                assertThat(o.at("/extension_attributes/shipping_assignments/0/shipping/address/parent_id").asInt())
                        .isEqualTo(id);
            }
            // references inside the order follow reassigned ids
            for (JsonNode item : o.get("items")) {
                if (item.has("parent_item_id")) {
                    int parent = item.get("parent_item_id").asInt();
                    assertThat(o.get("items")).anyMatch(p -> p.get("item_id").asInt() == parent);
                    assertThat(item.at("/parent_item/item_id").asInt()).isEqualTo(parent);
                }
            }
            List<Integer> own = new ArrayList<>();
            o.get("items").forEach(i -> own.add(i.get("item_id").asInt()));
            o.at("/extension_attributes/shipping_assignments/0/items")
                    .forEach(i -> assertThat(own).contains(i.get("item_id").asInt()));
            o.at("/extension_attributes/item_applied_taxes")
                    .forEach(t -> assertThat(own).contains(t.get("item_id").asInt()));
        }
    }

    /**
     * Two loaded orders sharing one increment id: the search finds both (their {@code field} the given values), and
     * the order registered first, {@code firstEntityId}, is the one the increment id names.
     */
    static void bothFoundByTheirSharedIncrementId(String incrementId, int firstEntityId, String field,
                                                  String... values) throws Exception {
        JsonNode both = search("increment_id", incrementId);
        assertThat(both.get("total_count").asInt()).isEqualTo(2);
        assertThat(both.get("items")).extracting(i -> i.get(field).asText()).containsExactlyInAnyOrder(values);
        assertThat(sim.orderEntityId(incrementId)).contains(firstEntityId);
    }

    /** The orders matching one search filter on {@code field}, as the simulator's search answers them. */
    static JsonNode search(String field, String value) throws Exception {
        return http.getJson("/rest/V1/orders?" + camelFilter(0, 0, field, value, "eq"));
    }

    /**
     * An order edited once ({@code <original>-1}, entity {@code editEntityId}), loaded with its original: found by
     * its suffixed increment id, its relation_parent_id kept as the JSON string Magento sends, and found by it.
     */
    static void editFoundByItsSuffixedIncrementId(String originalIncrementId, int originalEntityId, int editEntityId)
            throws Exception {
        String editIncrementId = originalIncrementId + "-1";
        JsonNode found = search("increment_id", editIncrementId);
        assertThat(found.get("total_count").asInt()).isEqualTo(1);
        JsonNode edited = found.at("/items/0");
        assertThat(edited.get("entity_id").asInt()).isEqualTo(editEntityId);
        assertThat(edited.get("relation_parent_id").isTextual()).isTrue();
        assertThat(edited.get("relation_parent_id").asText()).isEqualTo(String.valueOf(originalEntityId));
        assertThat(search("relation_parent_id", String.valueOf(originalEntityId)).at("/items/0/increment_id").asText())
                .isEqualTo(editIncrementId);
    }

    /** The documents loaded, the guest flag finds exactly the orders {@code guestEntityIds}, none with a customer. */
    static void guestsFoundByTheGuestFlag(List<JsonNode> documents, Integer... guestEntityIds) throws Exception {
        for (JsonNode document : documents) {
            sim.addOrder(document);
        }
        JsonNode guests = search("customer_is_guest", "1");
        assertThat(guests.get("items")).extracting(o -> o.get("entity_id").asInt()).containsExactly(guestEntityIds);
        assertThat(guests.get("items")).allMatch(o -> !o.has("customer_id") || o.get("customer_id").isNull());
    }

    /** A configurable product's line in a loaded order (parent and child item ids), and what its shipment shows. */
    record ConfigurableLine(int orderId, int parentItemId, int childItemId, String sku, int productId) {
    }

    /**
     * A new, uninvoiced order with one configurable line: shipping the child item is refused and ships nothing;
     * shipping the parent (its id as a string, the quantity a decimal) ships parent and child and moves the order to
     * processing, not complete.
     */
    static void shipsByTheParentAndRefusesTheChild(JsonNode document, ConfigurableLine line) throws Exception {
        sim.addOrder(document);
        int orderId = line.orderId();

        HttpResponse<String> child = http.ship(orderId,
                "{\"items\":[{\"order_item_id\":" + line.childItemId() + ",\"qty\":1}]}");
        assertThat(child.statusCode()).isEqualTo(400);
        assertThat(sim.shipmentCount()).isZero();

        HttpResponse<String> parent = http.ship(orderId,
                "{\"items\":[{\"order_item_id\":\"" + line.parentItemId() + "\",\"qty\":1.0}]}");
        assertThat(parent.statusCode()).isEqualTo(200);
        assertThat(json(parent).isTextual()).isTrue();
        JsonNode order = sim.order(orderId).orElseThrow();
        assertThat(order.at("/items/0/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/items/1/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/items/1/parent_item/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/extension_attributes/shipping_assignments/0/items/1/qty_shipped").asInt()).isEqualTo(1);
        // new and not invoiced: shipping moves it to processing, not complete
        assertThat(sim.orderState(orderId)).isEqualTo("processing");
        assertThat(order.get("status").asText()).isEqualTo("processing");
        assertThat(sim.shipments(orderId).get(0).at("/items/0/sku").asText()).isEqualTo(line.sku());
        assertThat(sim.shipments(orderId).get(0).at("/items/0/product_id").asInt()).isEqualTo(line.productId());
    }
}
