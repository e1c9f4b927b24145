package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.magentobridge.fixtures.SharedFixtures;

import static com.magentobridge.simulator.magento.SimHttp.camelFilter;
import static com.magentobridge.simulator.magento.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract suite: the recorded Magento 2.3 orders of the OCA cassettes (AGPL-3.0, read in place from
 * {@code ../shared/fixtures}; failing, naming the folder, when it is absent) loaded into the simulator and read back
 * over HTTP. The same on our own order documents, in the default run: {@link MagentoOrderDocumentsTest}.
 */
@Tag("contract")
class MagentoOrderFixturesTest extends RunningSimulator {

    @BeforeEach
    void fresh() {
        sim.reset();
    }

    private static List<Path> recordedOrders() throws IOException {
        try (Stream<Path> files = Files.list(SharedFixtures.ocaFolder())) {
            List<Path> out = new ArrayList<>(files
                    .filter(p -> p.getFileName().toString().matches("import_sale_order_.*__GET_V1_orders_.*\\.response\\.json"))
                    .sorted().toList());
            assertThat(out).hasSizeGreaterThanOrEqualTo(7);
            return out;
        }
    }

    @Test
    void everyRecordedOrderLoadsAndIsAnsweredUnchanged() throws Exception {
        for (Path file : recordedOrders()) {
            sim.reset();
            JsonNode recorded = SimHttp.JSON.readTree(file.toFile());
            int id = sim.addOrder(recorded);
            assertThat(id).as(file.getFileName().toString()).isEqualTo(recorded.get("entity_id").asInt());

            JsonNode answered = http.getJson("/rest/V1/orders/" + id);

            assertThat(answered).as(file.getFileName().toString()).isEqualTo(recorded);
            assertThat(sim.order(id).orElseThrow()).as("snapshot").isEqualTo(recorded);
            assertThat(sim.orderEntityId(recorded.get("increment_id").asText())).contains(id);
            assertThat(sim.orderState(id)).isEqualTo(recorded.get("state").asText());
        }
    }

    @Test
    void allRecordedOrdersLoadTogetherWithClashingIdsReassigned() throws Exception {
        List<Integer> entityIds = new ArrayList<>();
        Set<Integer> reassigned = new HashSet<>();
        for (Path file : recordedOrders()) {
            JsonNode recorded = SimHttp.JSON.readTree(file.toFile());
            int id = sim.addOrder(recorded);
            entityIds.add(id);
            if (id != recorded.get("entity_id").asInt()) {
                reassigned.add(id);
            }
        }
        assertThat(entityIds).doesNotHaveDuplicates();
        // order 9 is recorded twice (before and after the edit): the second copy gets a new entity id
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
        // order 13 was hand-edited by OCA to reuse order 12's increment id: the search finds both
        JsonNode dup = http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "increment_id", "000000015", "eq"));
        assertThat(dup.get("total_count").asInt()).isEqualTo(2);
        assertThat(dup.get("items")).extracting(i -> i.get("order_currency_code").asText())
                .containsExactlyInAnyOrder("USD", "EUR");
        assertThat(sim.orderEntityId("000000015")).contains(12);
    }

    @Test
    void editedOrderIsFoundByItsSuffixedIncrementId() throws Exception {
        sim.addOrder(SimHttp.ocaJson("import_sale_order_9__00__GET_V1_orders_9.response.json"));
        sim.addOrder(SimHttp.ocaJson("import_sale_order_10__00__GET_V1_orders_10.response.json"));

        JsonNode found = http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "increment_id", "000000013-1", "eq"));
        assertThat(found.get("total_count").asInt()).isEqualTo(1);
        JsonNode edited = found.at("/items/0");
        assertThat(edited.get("entity_id").asInt()).isEqualTo(10);
        assertThat(edited.get("relation_parent_id").isTextual()).isTrue();
        assertThat(edited.get("relation_parent_id").asText()).isEqualTo("9");
        assertThat(http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "relation_parent_id", "9", "eq"))
                .at("/items/0/increment_id").asText()).isEqualTo("000000013-1");
    }

    @Test
    void guestOrders16And17AreGuests() throws Exception {
        for (String f : List.of("import_sale_order_16__00__GET_V1_orders_16.response.json",
                "import_sale_order_17__00__GET_V1_orders_17.response.json")) {
            sim.addOrder(SimHttp.ocaJson(f));
        }
        JsonNode guests = http.getJson("/rest/V1/orders?" + camelFilter(0, 0, "customer_is_guest", "1", "eq"));
        assertThat(guests.get("items")).extracting(o -> o.get("entity_id").asInt()).containsExactly(16, 17);
        assertThat(guests.get("items")).allMatch(o -> !o.has("customer_id") || o.get("customer_id").isNull());
    }

    @Test
    void recordedConfigurableOrder16ShipsByTheParentAndRefusesTheChild() throws Exception {
        sim.addOrder(SimHttp.ocaJson("import_sale_order_16__00__GET_V1_orders_16.response.json"));

        HttpResponse<String> child = http.ship(16, "{\"items\":[{\"order_item_id\":33,\"qty\":1}]}");
        assertThat(child.statusCode()).isEqualTo(400);
        assertThat(sim.shipmentCount()).isZero();

        HttpResponse<String> parent = http.ship(16, "{\"items\":[{\"order_item_id\":\"32\",\"qty\":1.0}]}");
        assertThat(parent.statusCode()).isEqualTo(200);
        assertThat(json(parent).isTextual()).isTrue();
        JsonNode order = sim.order(16).orElseThrow();
        assertThat(order.at("/items/0/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/items/1/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/items/1/parent_item/qty_shipped").asInt()).isEqualTo(1);
        assertThat(order.at("/extension_attributes/shipping_assignments/0/items/1/qty_shipped").asInt()).isEqualTo(1);
        // recorded order 16 is new and not invoiced: shipping moves it to processing, not complete
        assertThat(sim.orderState(16)).isEqualTo("processing");
        assertThat(order.get("status").asText()).isEqualTo("processing");
        assertThat(sim.shipments(16).get(0).at("/items/0/sku").asText()).isEqualTo("WP13-28-Blue");
        assertThat(sim.shipments(16).get(0).at("/items/0/product_id").asInt()).isEqualTo(1909);
    }
}
