package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import com.magentobridge.simulator.backoffice.OrderFlowSimulator;

/**
 * Product export end to end over real HTTP: the Magento simulator's catalogue polled into the product ledger and sent
 * to the OrderFlow simulator as {@code <imports>} product documents. The schedules are off (a cron in 2099); the ops
 * "run now" endpoints trigger the poll, the batches and the sweep.
 */
@TestPropertySource(properties = {
        "camel.servlet.mapping.servlet-name=CamelServletProducts",
        "bridge.products.enabled=true",
        "bridge.products.export.cron=0 0 0 1 1 ? 2099",
        "bridge.products.sweep.cron=0 0 0 1 1 ? 2099",
        "bridge.products.export.batch-size=3",
        "bridge.products.import.page-size=4",
        "bridge.products.fields.colour=color",
        "bridge.products.fields.notes=care_notes",
        "bridge.backoffice.organisation=it-org",
        "bridge.backoffice.channel=it-channel",
        "bridge.mappings.stores.3.organisation=it-org",
        "bridge.mappings.stores.3.channel=it-wholesale"
})
class ProductExportIT extends AbstractBridgeIT {

    private static final OrderFlowSimulator ORDERFLOW = SharedBackOffice.SIMULATOR;
    private final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void backOffice(DynamicPropertyRegistry registry) {
        SharedBackOffice.register(registry);
    }

    @BeforeAll
    static void catalogue() {
        MAGENTO.addProductAttribute("color", "select", Map.of("49", "Black", "50", "Blue"));
        // website 2's store has no mapping of its own: the back office's defaults, as website 1's; website 3's has one
        MAGENTO.addStoreView(2, "second", 2);
        MAGENTO.addStoreView(3, "wholesale", 3);
    }

    private static String prefix() {
        return "P" + nextMessageId() + "-";
    }

    private JsonNode runNow() throws Exception {
        return opsPostOk("/ops/products/run", "");
    }

    private JsonNode sweepNow() throws Exception {
        return opsPostOk("/ops/products/sweep", "");
    }

    private JsonNode product(String sku) throws Exception {
        return opsGetOk("/ops/products/" + sku);
    }

    private String state(String sku) throws Exception {
        return product(sku).at("/destinations/0/exportState").asText();
    }

    /** How many times the back office was sent this product and took it (a merge or a duplicate). */
    private long sent(String sku) {
        String reference = "<import type=\"product\" operation=\"merge\" externalReference=\"" + sku + "\">";
        return ORDERFLOW.received().stream().filter(call -> call.status() == 200)
                .mapToLong(call -> call.body().split(java.util.regex.Pattern.quote(reference), -1).length - 1).sum();
    }

    private long productCalls() {
        return ORDERFLOW.received().stream().filter(call -> call.body().contains("type=\"product\"")).count();
    }

    @Test
    void aCatalogueExportsExactlyItsSimpleProductsOnceWithTheMappedFields() throws Exception {
        String p = prefix();
        MAGENTO.newProduct(p + "BAG").name("Joust Duffle Bag").price("34.50").weight("0").image("/m/b/mb01.jpg")
                .attribute("color", "49").attribute("care_notes", "Hand wash\nDo not iron").create();
        MAGENTO.newProduct(p + "OFF").name("Retired bag").disabled().create();
        MAGENTO.newProduct(p + "HOODIE-S").name("Hoodie S").notVisibleIndividually().create();
        MAGENTO.newProduct(p + "HOODIE-M").name("Hoodie M").notVisibleIndividually().image("/m/h/mh01-m.jpg").create();
        MAGENTO.newProduct(p + "HOODIE").name("Hoodie").type("configurable").image("/m/h/mh01.jpg")
                .children(p + "HOODIE-S", p + "HOODIE-M").create();
        MAGENTO.newProduct(p + "GIFT").name("Gift card").type("virtual").weight(null).create();
        MAGENTO.newProduct(p + "KIT").name("Kit").type("bundle").create();

        runNow();

        assertThat(ORDERFLOW.product(p + "BAG")).containsExactly(
                Map.entry("externalReference", p + "BAG"), Map.entry("description", "Joust Duffle Bag"),
                Map.entry("weight", "0"), Map.entry("priceNet", "34.5"), Map.entry("sellable", "1"),
                Map.entry("priceGross", "34.5"), Map.entry("magentoType", "simple"),
                Map.entry("imageReference", MAGENTO.baseUrl() + "/media/catalog/product/m/b/mb01.jpg"),
                Map.entry("colour", "Black"), Map.entry("notes", "Hand wash[BR]Do not iron"));
        assertThat(ORDERFLOW.product(p + "OFF")).as("disabled: not sellable").containsEntry("sellable", "0");
        assertThat(ORDERFLOW.product(p + "HOODIE-S")).as("a child without an image gets its parent's")
                .containsEntry("imageReference", MAGENTO.baseUrl() + "/media/catalog/product/m/h/mh01.jpg");
        assertThat(ORDERFLOW.product(p + "HOODIE-M"))
                .containsEntry("imageReference", MAGENTO.baseUrl() + "/media/catalog/product/m/h/mh01-m.jpg");
        for (String notSent : List.of("HOODIE", "GIFT", "KIT")) {
            assertThat(ORDERFLOW.product(p + notSent)).as(notSent).isNull();
            assertThat(bridge().opsGet("/ops/products/" + p + notSent).status()).isEqualTo(404);
        }
        for (String simple : List.of("BAG", "OFF", "HOODIE-S", "HOODIE-M")) {
            assertThat(sent(p + simple)).as(simple + " sent once").isEqualTo(1);
            assertThat(state(p + simple)).isEqualTo("EXPORTED");
        }
        assertThat(ORDERFLOW.received().stream().filter(call -> call.body().contains(p + "BAG")))
                .allSatisfy(call -> {
                    assertThat(call.organisation()).isEqualTo("it-org");
                    assertThat(call.channel()).isEqualTo("it-channel");
                });

        runNow();

        for (String simple : List.of("BAG", "OFF", "HOODIE-S", "HOODIE-M")) {
            assertThat(sent(p + simple)).as(simple + " not sent again").isEqualTo(1);
        }
    }

    @Test
    void aProductInSeveralWebsitesIsSentOncePerDestination() throws Exception {
        String p = prefix();
        MAGENTO.newProduct(p + "SAME").websites(1, 2).create();
        MAGENTO.newProduct(p + "BOTH").websites(1, 3).create();

        runNow();

        assertThat(sent(p + "SAME")).as("two websites, one destination").isEqualTo(1);
        assertThat(product(p + "SAME").get("destinations")).hasSize(1);
        assertThat(sent(p + "BOTH")).isEqualTo(2);
        assertThat(product(p + "BOTH").get("destinations").findValuesAsText("destination"))
                .containsExactly("it-org/it-channel", "it-org/it-wholesale");
        assertThat(ORDERFLOW.received().stream().filter(call -> call.body().contains(p + "BOTH")))
                .extracting(OrderFlowSimulator.Received::channel).containsExactlyInAnyOrder("it-channel", "it-wholesale");
    }

    @Test
    void anEditIsSentOnceAndASaveThatChangesNothingSendsNothing() throws Exception {
        String sku = prefix() + "EDIT";
        MAGENTO.newProduct(sku).name("Before").create();
        runNow();
        assertThat(sent(sku)).isEqualTo(1);

        MAGENTO.saveProduct(sku, "name", "After");
        runNow();
        runNow();

        assertThat(ORDERFLOW.product(sku)).containsEntry("description", "After");
        assertThat(sent(sku)).isEqualTo(2);

        MAGENTO.touchProduct(sku);
        runNow();

        assertThat(sent(sku)).as("updated_at moved, nothing the warehouse sees changed").isEqualTo(2);
        assertThat(state(sku)).isEqualTo("EXPORTED");
    }

    @Test
    void theSweepFindsAMassUpdateThePollCannotSeeAndAnUnchangedCatalogueSendsNothing() throws Exception {
        String sku = prefix() + "MASS";
        MAGENTO.newProduct(sku).name("Before mass update").create();
        runNow();
        assertThat(sent(sku)).isEqualTo(1);
        // long before the cursor's overlap window, as an untouched product is
        MAGENTO.setProductUpdatedAt(sku, Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));

        MAGENTO.massUpdateProduct(sku, "name", "After mass update");
        runNow();

        assertThat(sent(sku)).as("the poll on updated_at cannot see a mass update").isEqualTo(1);

        JsonNode sweep = sweepNow();
        runNow();

        assertThat(sweep.get("pending").asInt()).isEqualTo(1);
        assertThat(ORDERFLOW.product(sku)).containsEntry("description", "After mass update");
        assertThat(sent(sku)).isEqualTo(2);

        long calls = productCalls();
        JsonNode unchanged = sweepNow();
        runNow();

        assertThat(unchanged.get("pending").asInt()).as("nothing differs from what was exported").isZero();
        assertThat(unchanged.get("read").asInt()).isEqualTo(MAGENTO.productCount());
        assertThat(productCalls()).as("an unchanged catalogue sends nothing").isEqualTo(calls);
    }

    @Test
    void opsExportChosenProductsNowAndResetProductsToPending() throws Exception {
        String p = prefix();
        MAGENTO.newProduct(p + "A").create();
        MAGENTO.newProduct(p + "B").create();
        runNow();
        String unseen = p + "UNSEEN";
        MAGENTO.newProduct(unseen).create();
        MAGENTO.setProductUpdatedAt(unseen, Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));

        BridgeClient.Reply manual = bridge().opsPost("/ops/products/export",
                "{\"skus\": [\"" + p + "A\", \"" + unseen + "\", \"" + p + "NOPE\"]}");

        assertThat(manual.status()).as(manual.body()).isEqualTo(200);
        assertThat(json.readTree(manual.body()).get("unknown").get(0).asText()).isEqualTo(p + "NOPE");
        assertThat(sent(p + "A")).as("sent again on request").isEqualTo(2);
        assertThat(product(p + "A").at("/destinations/0/exportReason").asText()).startsWith("Duplicate");
        assertThat(sent(unseen)).as("read from Magento although the poll never saw it").isEqualTo(1);
        assertThat(sent(p + "B")).isEqualTo(1);
        assertThat(bridge().opsPost("/ops/products/export", "{\"skus\": []}").status()).isEqualTo(400);

        BridgeClient.Reply reset = bridge().opsPost("/ops/products/reset", "{\"skuPrefix\": \"" + p + "\"}");

        assertThat(json.readTree(reset.body()).get("reset").asInt()).isEqualTo(3);
        assertThat(opsPostOk("/ops/products/reset", "{\"store\": \"1\", \"skuPrefix\": \"" + p + "\"}")
                .get("reset").asInt()).as("store 1's destination is it-org/it-channel").isEqualTo(3);
        assertThat(opsPostOk("/ops/products/reset", "{\"destination\": \"other/channel\", \"skuPrefix\": \"" + p
                + "\"}").get("reset").asInt()).isZero();
        JsonNode pending = json.readTree(bridge().opsGet("/ops/products?state=pending&limit=500").body());
        assertThat(pending.findValuesAsText("sku")).contains(p + "A", p + "B", unseen);
        runNow();
        assertThat(sent(p + "A")).isEqualTo(3);
        assertThat(sent(p + "B")).isEqualTo(2);
        assertThat(state(p + "B")).isEqualTo("EXPORTED");
        JsonNode history = json.readTree(bridge().opsGet("/ops/products/exports").body());
        assertThat(history.get(0).get("messageId").asText()).startsWith("sim-");
        assertThat(product(p + "B").get("exports")).hasSize(2);
    }

    @Test
    void theCliExportsChosenProductsAndShowsThem() throws Exception {
        String sku = prefix() + "CLI";
        MAGENTO.newProduct(sku).name("From the terminal").create();

        Run export = cli("products", "export", sku);
        Run show = cli("products", "show", sku);
        Run failedOnes = cli("products", "list", "--state", "FAILED");

        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(json.readTree(export.out()).get("queued").get(0).asText()).isEqualTo(sku);
        assertThat(ORDERFLOW.product(sku)).containsEntry("description", "From the terminal");
        assertThat(json.readTree(show.out()).at("/destinations/0/exportState").asText()).isEqualTo("EXPORTED");
        assertThat(failedOnes.exit()).isZero();
        assertThat(cli("products", "show", sku + "-NONE").exit()).isEqualTo(1);
    }

    @Test
    void aValueOverOrderFlowsLimitFailsThatProductOnlyNamingTheField() throws Exception {
        String p = prefix();
        MAGENTO.newProduct(p + "LONG").name("x".repeat(121)).create();
        MAGENTO.newProduct(p + "FINE").name("y".repeat(120)).create();

        runNow();

        assertThat(state(p + "LONG")).isEqualTo("FAILED");
        assertThat(product(p + "LONG").at("/destinations/0/exportReason").asText())
                .contains("description is 121 characters", "120");
        assertThat(sent(p + "LONG")).isZero();
        assertThat(ORDERFLOW.product(p + "FINE")).containsEntry("description", "y".repeat(120));
        String metrics = bridge().opsGet("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("bridge_products_ledger\\{[^}]*state=\"FAILED\"[^}]*\\} [1-9]");
        assertThat(metrics).containsPattern("bridge_products_last_export_seconds [1-9]");
        assertThat(metrics).containsPattern(
                "bridge_messages_total\\{[^}]*flow=\"products-export\"[^}]*result=\"applied\"[^}]*\\} [1-9]");
    }

    @Test
    void aBackOfficeDownThroughTheRetriesLeavesTheProductsPendingForALaterRun() throws Exception {
        String sku = prefix() + "DOWN";
        runNow();
        MAGENTO.newProduct(sku).create();
        ORDERFLOW.failNext(4, 503);

        runNow();

        assertThat(state(sku)).isEqualTo("PENDING");
        assertThat(product(sku).at("/destinations/0/exportReason").asText()).contains("Back office unavailable");
        assertThat(ORDERFLOW.product(sku)).isNull();

        runNow();

        assertThat(state(sku)).isEqualTo("EXPORTED");
        assertThat(sent(sku)).isEqualTo(1);
    }

    @Test
    void aCallRefusedAsAWholeIsDeadLetteredAndTheReplaySendsIt() throws Exception {
        String sku = prefix() + "REFUSED";
        runNow();
        MAGENTO.newProduct(sku).create();
        ORDERFLOW.failNext(1, 400);

        runNow();

        assertThat(state(sku)).isEqualTo("FAILED");
        assertThat(product(sku).at("/destinations/0/exportReason").asText()).contains("Refused by the back office");
        long ledgerId = product(sku).at("/destinations/0/id").asLong();
        JsonNode letter = openDeadLetter(ledgerId);
        assertThat(letter.get("replayUri").asText()).isEqualTo("direct:products-export-replay");

        BridgeClient.Reply replay = bridge().opsPost("/ops/dead-letters/" + letter.get("id").asLong() + "/replay", "");

        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(json.readTree(replay.body()).get("state").asText()).isEqualTo("REPLAYED");
        assertThat(state(sku)).isEqualTo("EXPORTED");
        assertThat(sent(sku)).isEqualTo(1);
    }

    @Test
    void theConsoleSummaryShowsTheProductExportLikeTheOrderExport() throws Exception {
        String p = prefix();
        MAGENTO.newProduct(p + "CARD").create();
        MAGENTO.newProduct(p + "CARD-LONG").name("z".repeat(121)).create();
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);

        runNow();

        JsonNode products = null;
        for (JsonNode flow : opsGetOk("/ops/summary").get("flows")) {
            if (flow.get("flow").asText().equals("products-export")) {
                products = flow;
            }
        }
        assertThat(products).as("a products-export card").isNotNull();
        assertThat(products.get("processing").asText()).isEqualTo("Started");
        JsonNode states = products.get("states");
        for (String state : List.of("EXPORTED", "FAILED")) {
            assertThat(states.get(state).asLong()).as(state).isEqualTo(
                    json.readTree(bridge().opsGet("/ops/products?state=" + state + "&limit=500").body()).size());
        }
        assertThat(products.get("inboxDepth").asLong()).as("waiting for export")
                .isEqualTo(states.path("PENDING").asLong() + states.path("QUEUED").asLong());
        assertThat(OffsetDateTime.parse(products.get("lastSuccessAt").asText())).isAfter(before);
        assertThat(products.at("/results/Success").asLong()).isPositive();
        JsonNode latest = products.at("/lastRuns/0");
        assertThat(latest.get("label").asText()).isEqualTo("export " + opsGetOk("/ops/products/exports").at("/0/messageId")
                .asText());
        assertThat(latest.at("/counts/products").asInt()).isPositive().isEqualTo(latest.at("/counts/successes").asInt()
                + latest.at("/counts/duplicates").asInt() + latest.at("/counts/failures").asInt());
        assertThat(products.get("deadLetterFlow").asText()).isEqualTo("products-export");
        JsonNode orders = null;
        for (JsonNode flow : opsGetOk("/ops/summary").get("flows")) {
            if (flow.get("flow").asText().equals("orders-export")) {
                orders = flow;
            }
        }
        assertThat(orders.at("/lastRuns").findValuesAsText("label")).as("product exports are not order exports")
                .doesNotContain(latest.get("label").asText());
    }

    private JsonNode openDeadLetter(long ledgerId) throws Exception {
        BridgeClient.Reply reply = bridge().opsGet("/ops/dead-letters?flow=products-export&state=OPEN&limit=500");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> bodies = new ArrayList<>();
        for (JsonNode letter : json.readTree(reply.body())) {
            for (JsonNode id : json.readTree(letter.get("body").asText()).get("ids")) {
                if (id.asLong() == ledgerId) {
                    return letter;
                }
            }
            bodies.add(letter.get("body").asText());
        }
        throw new AssertionError("no open products-export dead letter holds " + ledgerId + ": " + bodies);
    }
}
