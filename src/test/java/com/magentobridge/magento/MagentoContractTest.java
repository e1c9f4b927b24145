package com.magentobridge.magento;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.magentobridge.config.BridgeProperties.InventoryApi;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.fixtures.SharedFixtures;
import com.magentobridge.inventory.StockWrite;
import com.magentobridge.inventory.StockWriteChunk;
import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.retry.TransientStatuses;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.RecordedCall;
import com.magentobridge.inventory.MagentoStockWriter;
import com.magentobridge.inventory.StockWriteLimiter;

/**
 * The Magento side checked against material nobody on the team wrote: Adobe's 2.4.8 OpenAPI and REST examples
 * (copied into test resources, default run) and, in the contract suite ({@code @Tag("contract")}), the recorded
 * Magento 2.3 traffic of the OCA connector (AGPL, read in place from {@code ../shared/fixtures}).
 */
class MagentoContractTest {

    /** The statuses bridge.retry.default retries out of the box. */
    private static final TransientStatuses DEFAULT_STATUSES =
            new RetryPolicies(new BridgeProperties().getRetry()).defaults().transientStatuses();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MagentoSimulator magento = new MagentoSimulator("contract-token").allowIntegrationTokensAsBearer(true).start(0);
    private MagentoClient client;

    @BeforeEach
    void client() {
        BridgeProperties.Magento settings = new BridgeProperties().getMagento();
        settings.setBaseUrl(magento.baseUrl());
        client = new MagentoClient(settings, new BearerTokenAuthentication(() -> "contract-token"), DEFAULT_STATUSES, JSON, new SimpleMeterRegistry());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        magento.stop();
    }

    private void writeBothWays(String sku) {
        magento.addProduct(sku);
        StockWrite write = new StockWrite(1, sku, "default", 30, 1);
        StockWriteLimiter limiter = new StockWriteLimiter(4, Duration.ofSeconds(30));
        new MagentoStockWriter(client, InventoryApi.MSI, 0, limiter).write(new StockWriteChunk(List.of(write)));
        new MagentoStockWriter(client, InventoryApi.LEGACY, 0, limiter).write(new StockWriteChunk(List.of(write)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> openApi() throws Exception {
        try (InputStream in = MagentoContractTest.class.getResourceAsStream(
                "/fixtures/admin-schema-2.4.8.connector-excerpt.yaml")) {
            return new Yaml().<Map<String, Object>>load(in);
        }
    }

    /** Fails unless each call's path and verb is declared in the OpenAPI; answers each call's declared path. */
    @SuppressWarnings("unchecked")
    private static List<String> assertDeclared(Map<String, Object> openApi, List<RecordedCall> calls) {
        Map<String, Object> paths = (Map<String, Object>) openApi.get("paths");
        List<String> declaredPaths = new java.util.ArrayList<>();
        for (RecordedCall call : calls) {
            String path = call.decodedPath().replaceFirst("^/rest(/[a-z0-9_]+)?(?=/V1/)", "");
            String declared = paths.entrySet().stream().filter(entry -> matches(entry.getKey(), path)
                    && ((Map<String, Object>) entry.getValue()).containsKey(call.method().toLowerCase()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            assertThat(declared).as("%s %s is declared in the 2.4.8 OpenAPI", call.method(), path).isNotNull();
            declaredPaths.add(call.method() + " " + declared);
        }
        return declaredPaths;
    }

    @Test
    void everyCallTheBridgeMakesIsDeclaredInAdobesOpenApi() throws Exception {
        writeBothWays("MH09-L-Blue");

        List<RecordedCall> calls = magento.calls();
        assertThat(calls).extracting(RecordedCall::method).contains("POST", "GET", "PUT");
        assertDeclared(openApi(), calls);
    }

    /** The catalogue reads of the product export: a configurable with two children, a select attribute. */
    private MagentoProducts catalogueWithAConfigurable() {
        magento.addProductAttribute("color", "select", Map.of("49", "Black", "50", "Blue"));
        magento.newProduct("MH01-S").name("Hoodie S").notVisibleIndividually().attribute("color", "49").create();
        magento.newProduct("MH01-M").name("Hoodie M").notVisibleIndividually().attribute("color", "50").create();
        magento.newProduct("MH01").name("Hoodie").type("configurable").image("/m/h/mh01.jpg")
                .children("MH01-S", "MH01-M").create();
        return new MagentoProducts(client);
    }

    @Test
    void everyCatalogueReadOfTheProductExportIsDeclaredInAdobesOpenApi() throws Exception {
        MagentoProducts products = catalogueWithAConfigurable();
        products.updatedSince("2000-01-01 00:00:00", 10, null);
        products.configurablesAfterId(0, 10, null);
        products.product("MH01-S");
        products.children("MH01");
        products.attribute("color");
        products.storeConfigs();

        assertThat(assertDeclared(openApi(), magento.calls())).contains(
                "GET /V1/configurable-products/{sku}/children", "GET /V1/products/attributes/{attributeCode}",
                "GET /V1/products", "GET /V1/products/{sku}", "GET /V1/store/storeConfigs");
    }

    @Test
    @SuppressWarnings("unchecked")
    void childrenAndAttributeAnswersHaveTheShapeOfAdobesSchemas() throws Exception {
        MagentoProducts products = catalogueWithAConfigurable();
        Map<String, Object> openApi = openApi();
        Map<String, Object> definitions = (Map<String, Object>) openApi.get("definitions");

        JsonNode children = products.children("MH01");
        JsonNode attribute = products.attribute("color");

        assertThat(children.isArray()).as("children: an array").isTrue();
        assertThat(children.findValuesAsText("sku")).containsExactlyInAnyOrder("MH01-S", "MH01-M");
        for (JsonNode child : children) {
            assertFits(child, definitions.get("catalog-data-product-interface"), definitions, "child");
        }
        assertFits(attribute, definitions.get("catalog-data-product-attribute-interface"), definitions, "attribute");
        assertThat(attribute.get("options").findValuesAsText("label")).contains("Black", "Blue");
    }

    /**
     * Every field of {@code answer} is a property its schema declares (following {@code $ref}s into objects and
     * arrays), every property the schema requires is there, and a value is a JSON array, object, string, number or
     * boolean where the schema says so.
     */
    @SuppressWarnings("unchecked")
    private static void assertFits(JsonNode answer, Object schemaNode, Map<String, Object> definitions, String where) {
        Map<String, Object> schema = (Map<String, Object>) schemaNode;
        if (schema.containsKey("$ref")) {
            String name = ((String) schema.get("$ref")).replace("#/definitions/", "");
            assertFits(answer, definitions.get(name), definitions, where);
            return;
        }
        if (answer.isNull()) {
            return;
        }
        String type = (String) schema.get("type");
        if ("array".equals(type)) {
            assertThat(answer.isArray()).as("%s is an array", where).isTrue();
            for (int i = 0; i < answer.size(); i++) {
                assertFits(answer.get(i), schema.get("items"), definitions, where + "[" + i + "]");
            }
        } else if ("object".equals(type) || schema.containsKey("properties")) {
            assertThat(answer.isObject()).as("%s is an object", where).isTrue();
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (String field : fieldNames(answer)) {
                assertThat(properties).as("%s.%s is declared", where, field).containsKey(field);
                assertFits(answer.get(field), properties.get(field), definitions, where + "." + field);
            }
            for (String required : (List<String>) schema.getOrDefault("required", List.of())) {
                assertThat(answer.has(required)).as("%s has the required %s", where, required).isTrue();
            }
        } else if ("string".equals(type)) {
            assertThat(answer.isValueNode()).as("%s is a string", where).isTrue();
        } else if ("integer".equals(type) || "number".equals(type)) {
            assertThat(answer.isNumber() || answer.isTextual()).as("%s is a number", where).isTrue();
        } else if ("boolean".equals(type)) {
            assertThat(answer.isBoolean() || answer.isNumber()).as("%s is a boolean", where).isTrue();
        }
    }

    private static boolean matches(String template, String path) {
        String[] t = template.replaceAll("/$", "").split("/");
        String[] p = path.replaceAll("/$", "").split("/");
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!t[i].startsWith("{") && !t[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void sourceItemsBodyHasTheShapeOfAdobesExample() throws Exception {
        JsonNode example;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/msi-reference__POST_V1_inventory_source-items.request.json")) {
            example = JSON.readTree(in);
        }
        JsonNode ours = JSON.valueToTree(MagentoStockWriter.sourceItemsBody(List.of(new StockWrite(1, "new_product1", "central", 1000, 1))));

        assertThat(fieldNames(ours)).isEqualTo(fieldNames(example));
        JsonNode exampleItem = example.get("sourceItems").get(0);
        JsonNode ourItem = ours.get("sourceItems").get(0);
        assertThat(fieldNames(ourItem)).isEqualTo(fieldNames(exampleItem));
        for (String field : fieldNames(exampleItem)) {
            assertThat(ourItem.get(field).getNodeType()).as(field).isEqualTo(exampleItem.get(field).getNodeType());
        }
        assertThat(ourItem.toString()).isEqualTo(exampleItem.toString());
    }

    @Test
    @Tag("contract")
    void legacyStockTrafficMatchesTheRecordedMagentoExchange() throws Exception {
        JsonNode recordedGet = SharedFixtures.ocaJson("test_product_export_qty__00__GET_V1_stockItems_MH09_L_Blue.response.json");
        JsonNode recordedPut = SharedFixtures.ocaJson("test_product_export_qty__01__PUT_V1_products_MH09_L_Blue_stockItems_190.request.json");
        JsonNode recordedReply = SharedFixtures.ocaJson("test_product_export_qty__01__PUT_V1_products_MH09_L_Blue_stockItems_190.response.json");

        writeBothWays("MH09-L-Blue");
        JsonNode simulatedGet = client.get("stock-items", "/V1/stockItems/MH09-L-Blue");
        RecordedCall put = magento.calls().stream().filter(c -> c.method().equals("PUT")).findFirst().orElseThrow();
        JsonNode ourPut = JSON.readTree(put.body());

        for (String field : fieldNames(recordedGet)) {
            assertThat(simulatedGet.has(field)).as("simulator's stock item has %s", field).isTrue();
            if (!recordedGet.get(field).isNull()) {
                assertThat(simulatedGet.get(field).getNodeType()).as(field).isEqualTo(recordedGet.get(field).getNodeType());
            }
        }
        assertThat(fieldNames(ourPut)).isEqualTo(fieldNames(recordedPut));
        assertThat(fieldNames(ourPut.get("stockItem"))).isEqualTo(fieldNames(recordedPut.get("stockItem")));
        assertThat(recordedReply.isTextual()).isTrue();
        assertThat(JSON.readTree(putReply(put)).isTextual()).as("the simulator answers a JSON string, as Magento did").isTrue();
    }

    private String putReply(RecordedCall put) {
        JsonNode reply = client.put("stock-items", put.decodedPath().replaceFirst("^/rest(/[a-z0-9_]+)?", ""),
                readUnchecked(put.body()));
        return reply.toString();
    }

    private static JsonNode readUnchecked(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void unauthorizedAnswerHasTheErrorShapeOfTheOpenApi() {
        BridgeProperties.Magento settings = new BridgeProperties().getMagento();
        settings.setBaseUrl(magento.baseUrl());
        try (MagentoClient wrong = new MagentoClient(settings, new BearerTokenAuthentication(() -> "wrong"), DEFAULT_STATUSES, JSON, new SimpleMeterRegistry())) {
            magento.addProduct("X");
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> wrong.get("stock-items", "/V1/stockItems/X"));
            assertThat(failure).isInstanceOf(MagentoAuthorizationException.class)
                    .hasMessageContaining("401").hasMessageContaining("The consumer isn't authorized to access");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

}
