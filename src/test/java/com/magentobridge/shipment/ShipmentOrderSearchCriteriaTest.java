package com.magentobridge.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.magentobridge.magento.SearchCriteria;
import org.junit.jupiter.api.Test;

/** The searchCriteria query the shipment flow sends to find an order by increment id and list its shipments. */
class ShipmentOrderSearchCriteriaTest {

    private static final String FILTER_0 = "searchCriteria%5BfilterGroups%5D%5B0%5D%5Bfilters%5D%5B0%5D";

    /** The query's parameters, decoded, in order: "name=value". */
    private static List<String> decoded(String query) {
        return Arrays.stream(query.split("&"))
                .map(param -> URLDecoder.decode(param, StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void findsAnOrderByIncrementIdWithEveryBracketPercentEncoded() {
        String query = SearchCriteria.where("increment_id", "eq", "000000005").toQuery();

        assertThat(query).isEqualTo(FILTER_0 + "%5Bfield%5D=increment_id&"
                + FILTER_0 + "%5Bvalue%5D=000000005&"
                + FILTER_0 + "%5BconditionType%5D=eq");
        assertThat(query).doesNotContain("[", "]");
    }

    @Test
    void usesTheCamelCaseNamesOfTheOpenApi() {
        List<String> params = decoded(SearchCriteria.where("order_id", "eq", "5").sortBy("entity_id", true)
                .page(1, 20).toQuery());

        assertThat(params).containsExactly(
                "searchCriteria[filterGroups][0][filters][0][field]=order_id",
                "searchCriteria[filterGroups][0][filters][0][value]=5",
                "searchCriteria[filterGroups][0][filters][0][conditionType]=eq",
                "searchCriteria[sortOrders][0][field]=entity_id",
                "searchCriteria[sortOrders][0][direction]=ASC",
                "searchCriteria[pageSize]=20",
                "searchCriteria[currentPage]=1");
        assertThat(String.join("&", params)).doesNotContain("filter_groups", "condition_type", "sort_orders", "page_size");
    }

    @Test
    void encodesSpacesPercentSignsAndPlusSignsInValues() {
        String query = SearchCriteria.where("customer_lastname", "like", "Mc Donald%").and("sku", "eq", "A+B&C=D")
                .toQuery();

        assertThat(query).contains(FILTER_0 + "%5Bvalue%5D=Mc%20Donald%25&")
                .contains("searchCriteria%5BfilterGroups%5D%5B1%5D%5Bfilters%5D%5B0%5D%5Bvalue%5D=A%2BB%26C%3DD&")
                .doesNotContain("+", " ");
        assertThat(decoded(query)).contains(
                "searchCriteria[filterGroups][0][filters][0][value]=Mc Donald%",
                "searchCriteria[filterGroups][1][filters][0][value]=A+B&C=D");
    }

    @Test
    void putsEachFilterInItsOwnGroupSoTheyAreAnded() {
        List<String> params = decoded(SearchCriteria.where("increment_id", "eq", "000000013-1")
                .and("state", "neq", "canceled").toQuery());

        assertThat(params).containsExactly(
                "searchCriteria[filterGroups][0][filters][0][field]=increment_id",
                "searchCriteria[filterGroups][0][filters][0][value]=000000013-1",
                "searchCriteria[filterGroups][0][filters][0][conditionType]=eq",
                "searchCriteria[filterGroups][1][filters][0][field]=state",
                "searchCriteria[filterGroups][1][filters][0][value]=canceled",
                "searchCriteria[filterGroups][1][filters][0][conditionType]=neq");
    }

    @Test
    void sortsDescendingAndPages() {
        String query = new SearchCriteria().sortBy("created_at", false).sortBy("entity_id", true).page(3, 50).toQuery();

        assertThat(query).isEqualTo("searchCriteria%5BsortOrders%5D%5B0%5D%5Bfield%5D=created_at"
                + "&searchCriteria%5BsortOrders%5D%5B0%5D%5Bdirection%5D=DESC"
                + "&searchCriteria%5BsortOrders%5D%5B1%5D%5Bfield%5D=entity_id"
                + "&searchCriteria%5BsortOrders%5D%5B1%5D%5Bdirection%5D=ASC"
                + "&searchCriteria%5BpageSize%5D=50"
                + "&searchCriteria%5BcurrentPage%5D=3");
    }

    @Test
    void sendsAnEmptySearchCriteriaWhenNothingIsFiltered() {
        assertThat(new SearchCriteria().toQuery()).isEqualTo("searchCriteria=");
        assertThat(SearchCriteria.where("increment_id", "eq", "1")).hasToString(
                SearchCriteria.where("increment_id", "eq", "1").toQuery());
    }
}
