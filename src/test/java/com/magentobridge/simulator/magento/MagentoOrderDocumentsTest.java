package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.magentobridge.fixtures.OwnOrders;

import static com.magentobridge.simulator.magento.SimHttp.camelFilter;
import static com.magentobridge.simulator.magento.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole GET /V1/orders/{id} documents (the project's own, see {@link OwnOrders}) loaded into the simulator with
 * {@code addOrder} and read back over HTTP: unchanged, clashing ids reassigned with every reference following, and
 * searchable and shippable like the orders the builder makes. The contract suite does the same with the recorded
 * Magento orders ({@link MagentoOrderFixturesTest}).
 */
class MagentoOrderDocumentsTest extends RunningSimulator {

    @BeforeEach
    void fresh() {
        sim.reset();
    }

    @Test
    void everyOwnOrderLoadsAndIsAnsweredUnchanged() throws Exception {
        for (String name : OwnOrders.ALL) {
            sim.reset();
            JsonNode document = OwnOrders.json(name);
            int id = sim.addOrder(document);
            assertThat(id).as(name).isEqualTo(document.get("entity_id").asInt());

            JsonNode answered = http.getJson("/rest/V1/orders/" + id);

            assertThat(answered).as(name).isEqualTo(document);
            assertThat(sim.order(id).orElseThrow()).as("snapshot").isEqualTo(document);
            assertThat(sim.orderEntityId(document.get("increment_id").asText())).contains(id);
            assertThat(sim.orderState(id)).isEqualTo(document.get("state").asText());
        }
    }

    @Test
    void allOwnOrdersLoadTogetherWithClashingIdsReassigned() throws Exception {
        List<Integer> entityIds = new ArrayList<>();
        Set<Integer> reassigned = new HashSet<>();
        for (String name : OwnOrders.ALL) {
            JsonNode document = OwnOrders.json(name);
            int id = sim.addOrder(document);
            entityIds.add(id);
            if (id != document.get("entity_id").asInt()) {
                reassigned.add(id);
            }
        }
        assertThat(entityIds).doesNotHaveDuplicates();
        // order 44 is there twice (before and after its edit): the second copy gets a new entity id
        assertThat(reassigned).hasSize(1);
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
        // the two copies of order 44 share their increment id: the search finds both, the first registered wins
        JsonNode twice = http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "increment_id", "100000044", "eq"));
        assertThat(twice.get("total_count").asInt()).isEqualTo(2);
        assertThat(twice.get("items")).extracting(i -> i.get("state").asText())
                .containsExactlyInAnyOrder("new", "canceled");
        assertThat(sim.orderEntityId("100000044")).contains(44);
    }

    @Test
    void editedOrderIsFoundByItsSuffixedIncrementId() throws Exception {
        sim.addOrder(OwnOrders.json(OwnOrders.EDIT_ORIGINAL_CANCELED));
        sim.addOrder(OwnOrders.json(OwnOrders.EDIT_CHILD));

        JsonNode found = http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "increment_id", "100000044-1", "eq"));
        assertThat(found.get("total_count").asInt()).isEqualTo(1);
        JsonNode edited = found.at("/items/0");
        assertThat(edited.get("entity_id").asInt()).isEqualTo(45);
        assertThat(edited.get("relation_parent_id").isTextual()).isTrue();
        assertThat(edited.get("relation_parent_id").asText()).isEqualTo("44");
        assertThat(http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "relation_parent_id", "44", "eq"))
                .at("/items/0/increment_id").asText()).isEqualTo("100000044-1");
        assertThat(http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "relation_child_id", "45", "eq"))
                .at("/items/0/state").asText()).isEqualTo("canceled");
    }

    @Test
    void guestOrdersAreFoundByTheGuestFlag() throws Exception {
        for (String name : List.of(OwnOrders.GUEST_CONFIGURABLE, OwnOrders.REGISTERED_EUR_DISCOUNT_VAT,
                OwnOrders.GUEST_COUPON_TO_ZERO)) {
            sim.addOrder(OwnOrders.json(name));
        }
        JsonNode guests = http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "customer_is_guest", "1", "eq"));
        assertThat(guests.get("items")).extracting(o -> o.get("entity_id").asInt()).containsExactly(41, 43);
        assertThat(guests.get("items")).allMatch(o -> !o.has("customer_id") || o.get("customer_id").isNull());
    }

    @Test
    void configurableGuestOrderShipsByTheParentAndRefusesTheChild() throws Exception {
        sim.addOrder(OwnOrders.json(OwnOrders.GUEST_CONFIGURABLE));

        HttpResponse<String> child = http.ship(41, "{\"items\":[{\"order_item_id\":402,\"qty\":1}]}");
        assertThat(child.statusCode()).isEqualTo(400);
        assertThat(sim.shipmentCount()).isZero();

        HttpResponse<String> parent = http.ship(41, "{\"items\":[{\"order_item_id\":\"401\",\"qty\":1.0}]}");
        assertThat(parent.statusCode()).isEqualTo(200);
        assertThat(json(parent).isTextual()).isTrue();
        JsonNode order = sim.order(41).orElseThrow();
        assertThat(order.at("/items/0/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/items/1/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/items/1/parent_item/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/extension_attributes/shipping_assignments/0/items/1/qty_shipped").asInt()).isEqualTo(1);
        // new and not invoiced: shipping moves it to processing, not complete
        assertThat(sim.orderState(41)).isEqualTo("processing");
        assertThat(order.get("status").asText()).isEqualTo("processing");
        assertThat(sim.shipments(41).get(0).at("/items/0/sku").asText()).isEqualTo("JK-OTTER-M-Green");
        assertThat(sim.shipments(41).get(0).at("/items/0/product_id").asInt()).isEqualTo(2210);
    }
}
