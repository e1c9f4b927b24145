package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;

/** The json adapter (for ERPs): orders exported as canonical JSON, and later Magento status changes sent as updates. */
@TestPropertySource(properties = {
        "camel.servlet.mapping.servlet-name=CamelServletJson",
        "bridge.backoffice.type=json",
        "bridge.orders.export.batch-size=1000",
        "bridge.backoffice.organisation=erp-org",
        "bridge.backoffice.channel=erp-channel",
        "bridge.products.enabled=true",
        "bridge.products.export.cron=0 0 0 1 1 ? 2099",
        "bridge.products.sweep.cron=0 0 0 1 1 ? 2099"
})
class JsonBackOfficeIT extends AbstractBridgeIT {

    private static final OrderFlowSimulator ERP = SharedBackOffice.SIMULATOR;
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void backOffice(DynamicPropertyRegistry registry) {
        registry.add("bridge.backoffice.base-url", ERP::jsonUrl);
        registry.add("bridge.backoffice.username", () -> SharedBackOffice.USER);
        registry.add("bridge.backoffice.password", () -> SharedBackOffice.PASSWORD);
    }

    private JsonNode post(String path) throws Exception {
        return opsPostOk(path, "");
    }

    @Test
    void productsGoOutAsJsonWithTheMappedFieldsAndPerProductResults() throws Exception {
        String sku = "ERP-PRODUCT-" + nextMessageId();
        MAGENTO.newProduct(sku).name("Line one\nLine two").price("12.50").weight("0").disabled().create();
        ERP.failReference(sku + "-BAD", "Unknown product group");
        MAGENTO.newProduct(sku + "-BAD").name("Refused").create();

        post("/ops/products/run");

        JsonNode product = ERP.jsonProduct(sku);
        assertThat(product).as("product received by the ERP").isNotNull();
        assertThat(product.get("externalReference").asText()).isEqualTo(sku);
        assertThat(product.get("description").asText()).isEqualTo("Line one[BR]Line two");
        assertThat(product.get("priceNet").asText()).isEqualTo("12.5");
        assertThat(product.get("weight").asText()).isEqualTo("0");
        assertThat(product.get("sellable").asText()).isEqualTo("0");
        assertThat(product.at("/backOffice/channel").asText()).isEqualTo("erp-channel");
        assertThat(opsGetOk("/ops/products/" + sku).at("/destinations/0/exportState").asText()).isEqualTo("EXPORTED");
        JsonNode refused = opsGetOk("/ops/products/" + sku + "-BAD");
        assertThat(refused.at("/destinations/0/exportState").asText()).isEqualTo("FAILED");
        assertThat(refused.at("/destinations/0/exportReason").asText()).contains("Unknown product group");
        assertThat(opsGetOk("/ops/products/exports").get(0).get("adapter").asText()).isEqualTo("json");
    }

    @Test
    void ordersGoOutAsJsonAndLaterStatusChangesFollowAsUpdates() throws Exception {
        String number = String.format("%09d", nextMessageId() % 1_000_000_000L);
        int id = MAGENTO.newOrder(number).guest().item("ERP-SKU", 3).create();
        post("/ops/orders/import");

        JsonNode exported = post("/ops/orders/export");

        assertThat(exported.get("summary").asText()).contains("(json)");
        JsonNode order = ERP.jsonOrder(number);
        assertThat(order).as("order received by the ERP").isNotNull();
        assertThat(order.at("/backOffice/status").asText()).isEqualTo("new");
        assertThat(order.at("/backOffice/paymentMethod").asText()).isEqualTo("CHEQUE");
        assertThat(order.at("/backOffice/channel").asText()).isEqualTo("erp-channel");
        assertThat(order.at("/customer/guest").asBoolean()).isTrue();
        assertThat(order.at("/lines/0/sku").asText()).isEqualTo("ERP-SKU");

        MAGENTO.setOrderStatus(id, "complete", "complete");
        MAGENTO.setOrderUpdatedAt(id, Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS));
        post("/ops/orders/import");
        JsonNode updated = post("/ops/orders/export");

        assertThat(updated.get("statusUpdatesSummary").asText()).contains("1 sent");
        assertThat(ERP.statusUpdates(number)).containsExactly("despatched");
        JsonNode ledger = json.readTree(bridge().opsGet("/ops/orders/" + number).body());
        assertThat(ledger.at("/order/exportState").asText()).isEqualTo("EXPORTED");
        assertThat(ledger.at("/order/exportedStatus").asText()).isEqualTo("complete");
        assertThat(ledger.get("versions").toString()).contains("status update queued for the back office");
    }
}
