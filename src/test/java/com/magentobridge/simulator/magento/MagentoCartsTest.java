package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.magentobridge.simulator.magento.SimHttp.camelFilter;
import static com.magentobridge.simulator.magento.SimHttp.enc;
import static com.magentobridge.simulator.magento.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** GET /V1/carts/search (quotes for the inventory adjustment) over real HTTP. */
class MagentoCartsTest extends RunningSimulator {

    private static final Instant T1 = Instant.parse("2024-06-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2024-06-01T10:00:00Z");
    private static final Instant T3 = Instant.parse("2024-06-01T11:00:00Z");
    private static final Instant T4 = Instant.parse("2024-06-01T12:00:00Z");

    private int first;
    private int second;
    private int third;

    @BeforeEach
    void seed() {
        sim.reset();
        sim.setClock(Clock.fixed(T4, ZoneOffset.UTC));
        Map<String, Integer> two = new LinkedHashMap<>();
        two.put("A", 2);
        two.put("B", 1);
        first = sim.addCart(true, T1, two);
        second = sim.addCart(false, T2, Map.of("A", 1));
        third = sim.addCart(true, T3, Map.of("C", 5));
    }

    private static List<Integer> ids(String query) throws Exception {
        List<Integer> out = new ArrayList<>();
        http.getJson("/rest/V1/carts/search?" + query).get("items").forEach(c -> out.add(c.get("id").asInt()));
        return out;
    }

    @Test
    void activeCartsHaveTheQuoteShape() throws Exception {
        JsonNode r = http.getJson("/rest/V1/carts/search?" + camelFilter(0, 0, "is_active", "1", "eq"));

        assertThat(r.get("total_count").asInt()).isEqualTo(2);
        assertThat(r.at("/search_criteria/filter_groups/0/filters/0/field").asText()).isEqualTo("is_active");
        JsonNode cart = r.at("/items/0");
        assertThat(cart.get("id").asInt()).isEqualTo(first);
        assertThat(cart.get("is_active").isBoolean()).isTrue();
        assertThat(cart.get("is_active").asBoolean()).isTrue();
        assertThat(cart.get("is_virtual").isBoolean()).isTrue();
        assertThat(cart.get("created_at").asText()).isEqualTo("2024-06-01 09:00:00");
        assertThat(cart.get("updated_at").asText()).isEqualTo("2024-06-01 09:00:00");
        assertThat(cart.get("items_count").asInt()).isEqualTo(2);
        assertThat(cart.get("items_qty").asInt()).isEqualTo(3);
        assertThat(cart.get("store_id").asInt()).isEqualTo(1);
        assertThat(cart.at("/customer/email").asText()).isEqualTo("jane.doe@example.com");
        assertThat(cart.at("/currency/quote_currency_code").asText()).isEqualTo("USD");
        assertThat(cart.get("customer_is_guest").isBoolean()).isTrue();
        JsonNode items = cart.get("items");
        assertThat(items).extracting(i -> i.get("sku").asText()).containsExactly("A", "B");
        assertThat(items).extracting(i -> i.get("qty").asInt()).containsExactly(2, 1);
        JsonNode item = items.get(0);
        assertThat(item.get("item_id").isInt()).isTrue();
        assertThat(item.get("quote_id").isTextual()).as("quote_id is a string in Magento's cart item").isTrue();
        assertThat(item.get("quote_id").asText()).isEqualTo(String.valueOf(first));
        assertThat(item.get("product_type").asText()).isEqualTo("simple");
        assertThat(item.get("price").isNumber()).isTrue();
        assertThat(cart.at("/extension_attributes/shipping_assignments/0/items")).hasSize(2);
    }

    @Test
    void isActiveFiltersCompareLikeMySqlOnASmallintColumn() throws Exception {
        assertThat(ids(camelFilter(0, 0, "is_active", "1", "eq"))).containsExactly(first, third);
        assertThat(ids(camelFilter(0, 0, "is_active", "0", "eq"))).containsExactly(second);
        // MySQL turns 'true' and 'false' into 0 when comparing with a number: both select INACTIVE carts
        assertThat(ids(camelFilter(0, 0, "is_active", "true", "eq"))).containsExactly(second);
        assertThat(ids(camelFilter(0, 0, "is_active", "false", "eq"))).containsExactly(second);
        assertThat(ids(camelFilter(0, 0, "is_active", "0", "neq"))).containsExactly(first, third);
    }

    @Test
    void inactiveCartsComeWithoutItemsLikeMagentosLoadHandler() throws Exception {
        JsonNode cart = http.getJson("/rest/V1/carts/search?" + camelFilter(0, 0, "is_active", "0", "eq"))
                .at("/items/0");
        assertThat(cart.get("id").asInt()).isEqualTo(second);
        assertThat(cart.get("is_active").asBoolean()).isFalse();
        assertThat(cart.has("items")).isFalse();
        assertThat(cart.get("items_qty").asInt()).isEqualTo(1);
        assertThat(cart.has("extension_attributes")).isFalse();
    }

    @Test
    void datesStoreGroupsSortingAndPaging() throws Exception {
        assertThat(ids(camelFilter(0, 0, "updated_at", "2024-06-01T10:00:00Z", "gteq"))).containsExactly(second, third);
        assertThat(ids(camelFilter(0, 0, "updated_at", "2024-06-01 10:00:00", "lteq"))).containsExactly(first, second);
        assertThat(ids(camelFilter(0, 0, "created_at", "2024-06-01 10:00:00", "gteq"))).containsExactly(second, third);
        assertThat(ids(camelFilter(0, 0, "store_id", "1", "eq"))).containsExactly(first, second, third);
        assertThat(ids(camelFilter(0, 0, "store_id", "2", "eq"))).isEmpty();
        assertThat(ids(camelFilter(0, 0, "is_active", "1", "eq") + "&"
                + camelFilter(1, 0, "updated_at", "2024-06-01 10:00:00", "gteq"))).containsExactly(third);
        assertThat(ids(camelFilter(0, 0, "entity_id", first + "," + third, "in"))).containsExactly(first, third);

        String sorted = enc("searchCriteria[sortOrders][0][field]") + "=updated_at&"
                + enc("searchCriteria[sortOrders][0][direction]") + "=DESC&" + enc("searchCriteria[pageSize]") + "=2&"
                + enc("searchCriteria[currentPage]") + "=";
        assertThat(ids(sorted + "1")).containsExactly(third, second);
        assertThat(ids(sorted + "2")).containsExactly(first);
        JsonNode past = http.getJson("/rest/V1/carts/search?" + sorted + "5");
        assertThat(past.get("items")).extracting(c -> c.get("id").asInt()).containsExactly(first);
        assertThat(past.get("total_count").asInt()).isEqualTo(3);
    }

    @Test
    void deactivatingACartMovesUpdatedAtToTheClock() throws Exception {
        sim.setCartActive(first, false);

        assertThat(ids(camelFilter(0, 0, "is_active", "0", "eq"))).containsExactly(first, second);
        assertThat(ids(camelFilter(0, 0, "updated_at", "2024-06-01 12:00:00", "gteq"))).containsExactly(first);
        sim.setCartActive(first, false); // no change, no bump
        sim.setCartUpdatedAt(first, T1);
        sim.setCartActive(first, false);
        assertThat(ids(camelFilter(0, 0, "updated_at", "2024-06-01 12:00:00", "gteq"))).isEmpty();
        sim.setCartActive(first, true);
        assertThat(ids(camelFilter(0, 0, "updated_at", "2024-06-01 12:00:00", "gteq"))).containsExactly(first);

        assertThatThrownBy(() -> sim.setCartActive(99, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim.addCart(true, T1, Map.of("A", 0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cartSearchNeedsTheCartAclAndSearchCriteria() throws Exception {
        HttpResponse<String> denied = http.call("GET", "/rest/V1/carts/search?searchCriteria=", null, "wrong");
        assertThat(denied.statusCode()).isEqualTo(401);
        assertThat(json(denied).at("/parameters/resources").asText()).isEqualTo("Magento_Cart::manage");

        HttpResponse<String> none = http.call("GET", "/rest/V1/carts/search", null);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(json(none).at("/parameters/fieldName").asText()).isEqualTo("searchCriteria");

        assertThat(http.getJson("/rest/default/V1/carts/search?searchCriteria=").get("total_count").asInt())
                .isEqualTo(3);

        sim.reset();
        assertThat(http.getJson("/rest/V1/carts/search?searchCriteria=").get("total_count").asInt()).isZero();
        assertThat(sim.addCart(true, T1, Map.of())).isEqualTo(1);
    }
}
