package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and applying {@code searchCriteria} query strings (plain unit tests, no HTTP). */
class SearchCriteriaTest {

    /** The query strings of Adobe's "performing searches" page (copied test resource, Apache-2.0). */
    private static List<String> adobeExamples() throws Exception {
        String text = SimHttp.resource("searchCriteria-query-examples.http");
        List<String> queries = new ArrayList<>();
        StringBuilder current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("GET ")) {
                current = new StringBuilder(line.substring(line.indexOf('?') + 1));
            } else if (current != null && !line.isBlank() && !line.startsWith("###")) {
                current.append(line.trim());
            } else if (current != null) {
                queries.add(current.toString());
                current = null;
            }
        }
        if (current != null) {
            queries.add(current.toString());
        }
        return queries;
    }

    @Test
    void adobeExampleQueriesParseIntoTheDocumentedGroups() throws Exception {
        List<String> queries = adobeExamples();
        assertThat(queries).hasSize(7);

        SearchCriteria in = SearchCriteria.parse(queries.get(2));
        assertThat(in.groups()).hasSize(1);
        assertThat(in.groups().get(0).get(0)).isEqualTo(new SearchCriteria.Filter("entity_id", "1,2,3,4,5", "in"));

        SearchCriteria or = SearchCriteria.parse(queries.get(3));
        assertThat(or.groups()).hasSize(1);
        assertThat(or.groups().get(0)).extracting(SearchCriteria.Filter::value)
                .containsExactly("%Leggings%", "%Parachute%");

        SearchCriteria andOr = SearchCriteria.parse(queries.get(5));
        assertThat(andOr.groups()).hasSize(3);
        assertThat(andOr.groups().get(0)).hasSize(2);
        assertThat(andOr.groups().get(1).get(0).conditionType()).isEqualTo("from");

        SearchCriteria sorted = SearchCriteria.parse(queries.get(6));
        assertThat(sorted.groups().get(0).get(0).conditionType()).as("default").isEqualTo("eq");
        // no direction given: Magento's `direction == ASC ? ASC : DESC` sorts descending
        assertThat(sorted.sorts()).containsExactly(new SearchCriteria.Sort("increment_id", false, "DESC"));
    }

    @Test
    void bothSpellingsEncodedOrRawAndPlusAsSpaceAreUnderstood() {
        SearchCriteria camel = SearchCriteria.parse(
                "searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bfield%5D=updated_at"
                        + "&searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=2024-05-01+10%3A00%3A00"
                        + "&searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5BconditionType%5D=gteq"
                        + "&searchCriteria%5BpageSize%5D=50&searchCriteria%5BcurrentPage%5D=2&fields=items");
        SearchCriteria snake = SearchCriteria.parse(
                "searchCriteria[filter_groups][0][filters][0][field]=updated_at"
                        + "&searchCriteria[filter_groups][0][filters][0][value]=2024-05-01%2010:00:00"
                        + "&searchCriteria[filter_groups][0][filters][0][condition_type]=gteq"
                        + "&searchCriteria[page_size]=50&searchCriteria[current_page]=2");
        for (SearchCriteria sc : List.of(camel, snake)) {
            assertThat(sc.groups()).hasSize(1);
            assertThat(sc.groups().get(0)).containsExactly(
                    new SearchCriteria.Filter("updated_at", "2024-05-01 10:00:00", "gteq"));
            assertThat(sc.pageSize()).isEqualTo(50);
            assertThat(sc.currentPage()).isEqualTo(2);
        }
        assertThat(camel.toJson()).isEqualTo(snake.toJson());
        JsonNode echo = camel.toJson();
        assertThat(echo.at("/filter_groups/0/filters/0/condition_type").asText()).isEqualTo("gteq");
        assertThat(echo.get("page_size").asInt()).isEqualTo(50);

        assertThat(SearchCriteria.parse("searchCriteria=").present()).isTrue();
        assertThat(SearchCriteria.parse("fields=items").present()).isFalse();
        assertThat(SearchCriteria.parse(null).present()).isFalse();
        assertThat(SearchCriteria.parse("searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=a%2Bb")
                .groups().get(0).get(0).value()).isEqualTo("a+b");
    }

    @Test
    void filterIndexesAreOrderedNumerically() {
        SearchCriteria sc = SearchCriteria.parse("searchCriteria[filter_groups][10][filters][0][field]=b"
                + "&searchCriteria[filter_groups][2][filters][0][field]=a");
        assertThat(sc.groups()).extracting(g -> g.get(0).field()).containsExactly("a", "b");
    }

    @Test
    void badPageSizeIsMagentosTypeError() {
        assertThatThrownBy(() -> SearchCriteria.parse("searchCriteria[pageSize]=ten"))
                .isInstanceOfSatisfying(MagentoException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body().at("/parameters/value").asText()).isEqualTo("ten");
                });
    }

    @Test
    void matchingFollowsSqlRules() {
        ObjectNode o = Json.object();
        o.put("increment_id", "000000013");
        o.put("entity_id", 13);
        o.put("grand_total", 74.7);
        o.put("status", "Pending");
        o.putNull("customer_id");

        assertThat(matches(o, "increment_id", "000000013", "eq")).isTrue();
        assertThat(matches(o, "increment_id", "13", "eq")).as("VARCHAR compare").isFalse();
        assertThat(matches(o, "entity_id", "013", "eq")).as("INT compare").isTrue();
        assertThat(matches(o, "entity_id", "9", "gt")).as("numeric, not text").isTrue();
        assertThat(matches(o, "grand_total", "74.70", "eq")).isTrue();
        assertThat(matches(o, "status", "pending", "eq")).as("case-insensitive collation").isTrue();
        assertThat(matches(o, "status", "p_nding", "like")).isTrue();
        assertThat(matches(o, "status", "Pend", "like")).isFalse();
        assertThat(matches(o, "status", "canceled,pending", "in")).isTrue();
        assertThat(matches(o, "status", "canceled,pending", "nin")).isFalse();
        assertThat(matches(o, "customer_id", "1", "neq")).as("NULL never compares").isFalse();
        assertThat(matches(o, "customer_id", null, "null")).isTrue();
        assertThat(matches(o, "missing_field", null, "null")).isTrue();
        assertThat(matches(o, "status", "x", "notnull")).isTrue();
    }

    private static boolean matches(ObjectNode o, String field, String value, String condition) {
        String q = "searchCriteria[filter_groups][0][filters][0][field]=" + field
                + (value == null ? "" : "&searchCriteria[filter_groups][0][filters][0][value]=" + value)
                + "&searchCriteria[filter_groups][0][filters][0][condition_type]=" + condition;
        return SearchCriteria.parse(q).matches(o);
    }
}
