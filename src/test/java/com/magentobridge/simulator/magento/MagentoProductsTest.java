package com.magentobridge.simulator.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalogue routes: product reads and search, configurable children, attribute options, partial answers. */
class MagentoProductsTest extends RunningSimulator {

    @BeforeEach
    void catalogue() {
        sim.reset();
        sim.addProductAttribute("color", "select", Map.of("49", "Black", "50", "Blue"));
        sim.newProduct("MB01").name("Joust Duffle Bag").price("34").image("/m/b/mb01-blue-0.jpg")
                .attribute("color", "49").create();
        sim.newProduct("MH01-S").notVisibleIndividually().create();
        sim.newProduct("MH01-M").notVisibleIndividually().image("/m/h/mh01-m.jpg").create();
        sim.newProduct("MH01").type("configurable").image("/m/h/mh01.jpg").children("MH01-S", "MH01-M").create();
        sim.newProduct("VIRT").type("virtual").weight(null).create();
    }

    @Test
    void aProductHasMagentosShape() throws Exception {
        JsonNode product = http.getJson("/rest/V1/products/MB01");

        assertThat(product.get("name").asText()).isEqualTo("Joust Duffle Bag");
        assertThat(product.get("status").asInt()).isEqualTo(1);
        assertThat(product.at("/extension_attributes/website_ids/0").asInt()).isEqualTo(1);
        assertThat(product.at("/media_gallery_entries/0/types/0").asText()).isEqualTo("image");
        assertThat(product.at("/media_gallery_entries/0/file").asText()).isEqualTo("/m/b/mb01-blue-0.jpg");
        assertThat(attribute(product, "color")).isEqualTo("49");
        assertThat(attribute(http.getJson("/rest/V1/products/MH01-S"), "image")).isEqualTo("no_selection");
        assertThat(http.call("GET", "/rest/V1/products/NOPE", null).statusCode()).isEqualTo(404);
    }

    @Test
    @Tag("contract")
    void aProductHasTheFieldsAndTypesOfTheRecordedAnswer() throws Exception {
        JsonNode recorded = SimHttp.ocaJson("import_sale_order_12__04__GET_V1_products_MH09_XS_Blue.response.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) recorded.get("extension_attributes")).remove(
                java.util.List.of("stock_item", "category_links"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) recorded).remove("custom_attributes");
        com.fasterxml.jackson.databind.node.ObjectNode answered =
                (com.fasterxml.jackson.databind.node.ObjectNode) http.getJson("/rest/V1/products/MB01");
        answered.remove("custom_attributes");

        SimHttp.assertSameShape("product", recorded, answered);
    }

    @Test
    void aConfigurablesChildrenComeWithoutMediaGallery() throws Exception {
        JsonNode parent = http.getJson("/rest/V1/products/MH01");
        JsonNode children = http.getJson("/rest/V1/configurable-products/MH01/children");

        assertThat(parent.at("/extension_attributes/configurable_product_links")).hasSize(2);
        assertThat(parent.has("weight")).isFalse();
        assertThat(children).hasSize(2);
        assertThat(children.get(0).get("sku").asText()).isEqualTo("MH01-S");
        assertThat(children.get(0).has("media_gallery_entries")).isFalse();
        assertThat(attribute(children.get(1), "image")).isEqualTo("/m/h/mh01-m.jpg");
    }

    @Test
    void selectOptionsComeWithTheirLabels() throws Exception {
        JsonNode color = http.getJson("/rest/V1/products/attributes/color");

        assertThat(color.get("frontend_input").asText()).isEqualTo("select");
        assertThat(color.at("/options/0/value").asText()).as("Magento's blank option first").isEmpty();
        assertThat(color.get("options").findValuesAsText("label")).contains("Black", "Blue");
        assertThat(http.call("GET", "/rest/V1/products/attributes/nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void searchFiltersSortsAndPagesWithThePageSizeLimit() throws Exception {
        String sorted = "searchCriteria[sortOrders][0][field]=updated_at&searchCriteria[sortOrders][0][direction]=ASC"
                + "&searchCriteria[sortOrders][1][field]=entity_id&searchCriteria[sortOrders][1][direction]=ASC";
        SimHttp.RawResponse page = http.rawGet("/rest/V1/products?" + sorted + "&searchCriteria[pageSize]=2"
                + "&searchCriteria[currentPage]=1&" + SimHttp.camelFilter(0, 0, "type_id", "simple", "eq"));
        SimHttp.RawResponse pastTheEnd = http.rawGet("/rest/V1/products?" + sorted + "&searchCriteria[pageSize]=2"
                + "&searchCriteria[currentPage]=9&" + SimHttp.camelFilter(0, 0, "type_id", "simple", "eq"));
        SimHttp.RawResponse tooLarge = http.rawGet("/rest/V1/products?searchCriteria[pageSize]=301");
        SimHttp.RawResponse byAttribute = http.rawGet("/rest/V1/products?" + SimHttp.camelFilter(0, 0, "color", "49",
                "eq"));

        assertThat(page.json().get("total_count").asInt()).isEqualTo(3);
        assertThat(page.json().get("items").findValuesAsText("sku")).containsExactly("MB01", "MH01-S");
        assertThat(pastTheEnd.json().get("items").findValuesAsText("sku")).as("the last page again")
                .containsExactly("MH01-M");
        assertThat(tooLarge.status()).isEqualTo(400);
        assertThat(tooLarge.json().get("message").asText()).isEqualTo("Maximum SearchCriteria pageSize is %max");
        assertThat(byAttribute.json().get("items").findValuesAsText("sku")).containsExactly("MB01");
    }

    @Test
    void withoutAPageSizeTheInputLimitsAnswerTwentyAndWithoutThemEverything() throws Exception {
        for (int i = 0; i < 25; i++) {
            sim.newProduct("BULK-" + i).create();
        }

        assertThat(http.rawGet("/rest/V1/products?searchCriteria=").json().get("items")).hasSize(20);
        sim.setInputLimitEnabled(false);
        assertThat(http.rawGet("/rest/V1/products?searchCriteria=").json().get("items")).hasSize(30);
    }

    @Test
    void fieldsAnswerPartiallyAndAnEmptyListIsNull() throws Exception {
        SimHttp.RawResponse partial = http.rawGet("/rest/V1/products?searchCriteria[pageSize]=10"
                + "&fields=items[sku,updated_at],total_count");
        SimHttp.RawResponse empty = http.rawGet("/rest/V1/products?searchCriteria[pageSize]=10&"
                + SimHttp.camelFilter(0, 0, "sku", "NONE", "eq") + "&fields=items[sku],total_count");

        JsonNode first = partial.json().get("items").get(0);
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.has("sku")).isTrue();
        assertThat(partial.json().has("search_criteria")).isFalse();
        assertThat(empty.json().get("items").isNull()).isTrue();
        assertThat(empty.json().get("total_count").asInt()).isZero();
    }

    @Test
    void aMassUpdateChangesValuesButNotUpdatedAt() throws Exception {
        sim.setProductUpdatedAt("MB01", Instant.parse("2026-01-01T00:00:00Z"));

        sim.massUpdateProduct("MB01", "name", "Renamed in bulk");
        JsonNode massUpdated = http.getJson("/rest/V1/products/MB01");
        sim.saveProduct("MB01", "name", "Renamed by a save");
        JsonNode saved = http.getJson("/rest/V1/products/MB01");

        assertThat(massUpdated.get("name").asText()).isEqualTo("Renamed in bulk");
        assertThat(massUpdated.get("updated_at").asText()).isEqualTo("2026-01-01 00:00:00");
        assertThat(saved.get("updated_at").asText()).isNotEqualTo("2026-01-01 00:00:00");
    }

    @Test
    void storeConfigsGiveTheMediaUrl() throws Exception {
        JsonNode configs = http.getJson("/rest/V1/store/storeConfigs");

        assertThat(configs.get(0).get("base_media_url").asText()).isEqualTo(sim.baseUrl() + "/media/");
    }

    private static String attribute(JsonNode product, String code) {
        for (JsonNode attribute : product.get("custom_attributes")) {
            if (code.equals(attribute.get("attribute_code").asText())) {
                return attribute.get("value").asText();
            }
        }
        return null;
    }
}
