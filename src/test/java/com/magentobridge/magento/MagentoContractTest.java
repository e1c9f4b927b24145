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

    @Test
    @SuppressWarnings("unchecked")
    void everyCallTheBridgeMakesIsDeclaredInAdobesOpenApi() throws Exception {
        writeBothWays("MH09-L-Blue");
        Map<String, Object> paths;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/admin-schema-2.4.8.connector-excerpt.yaml")) {
            paths = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("paths");
        }

        List<RecordedCall> calls = magento.calls();
        assertThat(calls).extracting(RecordedCall::method).contains("POST", "GET", "PUT");
        for (RecordedCall call : calls) {
            String path = call.decodedPath().replaceFirst("^/rest(/[a-z0-9_]+)?(?=/V1/)", "");
            boolean declared = paths.entrySet().stream().anyMatch(entry -> matches(entry.getKey(), path)
                    && ((Map<String, Object>) entry.getValue()).containsKey(call.method().toLowerCase()));
            assertThat(declared).as("%s %s is declared in the 2.4.8 OpenAPI", call.method(), path).isTrue();
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
