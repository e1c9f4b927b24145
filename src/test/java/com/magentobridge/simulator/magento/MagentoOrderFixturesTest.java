package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.magentobridge.fixtures.SharedFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract suite: the recorded Magento 2.3 orders of the OCA cassettes (AGPL-3.0, read in place from
 * {@code ../shared/fixtures}; failing, naming the folder, when it is absent) loaded into the simulator and read back
 * over HTTP. The same on our own order documents, in the default run: {@link MagentoOrderDocumentsTest}; the checks
 * both share are in {@link OrderDocumentsOnTheSimulator}.
 */
@Tag("contract")
class MagentoOrderFixturesTest extends OrderDocumentsOnTheSimulator {

    /** Every recorded order answer of the import cassettes, by file name, sorted. */
    private static Map<String, JsonNode> recordedOrders() throws IOException {
        try (Stream<Path> files = Files.list(SharedFixtures.ocaFolder())) {
            List<Path> out = new ArrayList<>(files
                    .filter(p -> p.getFileName().toString().matches("import_sale_order_.*__GET_V1_orders_.*\\.response\\.json"))
                    .sorted().toList());
            assertThat(out).hasSizeGreaterThanOrEqualTo(7);
            Map<String, JsonNode> documents = new LinkedHashMap<>();
            for (Path file : out) {
                documents.put(file.getFileName().toString(), SimHttp.JSON.readTree(file.toFile()));
            }
            return documents;
        }
    }

    @Test
    void everyRecordedOrderLoadsAndIsAnsweredUnchanged() throws Exception {
        eachLoadsAndIsAnsweredUnchanged(recordedOrders());
    }

    @Test
    void allRecordedOrdersLoadTogetherWithClashingIdsReassigned() throws Exception {
        // order 9 is recorded twice (before and after the edit): the second copy gets a new entity id
        allLoadTogetherWithClashingIdsReassigned(recordedOrders(), 1);

        // order 13 was hand-edited by OCA to reuse order 12's increment id: the search finds both
        bothFoundByTheirSharedIncrementId("000000015", 12, "order_currency_code", "USD", "EUR");
    }

    @Test
    void editedOrderIsFoundByItsSuffixedIncrementId() throws Exception {
        sim.addOrder(SimHttp.ocaJson("import_sale_order_9__00__GET_V1_orders_9.response.json"));
        sim.addOrder(SimHttp.ocaJson("import_sale_order_10__00__GET_V1_orders_10.response.json"));

        editFoundByItsSuffixedIncrementId("000000013", 9, 10);
    }

    @Test
    void guestOrders16And17AreGuests() throws Exception {
        guestsFoundByTheGuestFlag(List.of(SimHttp.ocaJson("import_sale_order_16__00__GET_V1_orders_16.response.json"),
                SimHttp.ocaJson("import_sale_order_17__00__GET_V1_orders_17.response.json")), 16, 17);
    }

    @Test
    void recordedConfigurableOrder16ShipsByTheParentAndRefusesTheChild() throws Exception {
        // recorded order 16 is new and not invoiced
        shipsByTheParentAndRefusesTheChild(SimHttp.ocaJson("import_sale_order_16__00__GET_V1_orders_16.response.json"),
                new ConfigurableLine(16, 32, 33, "WP13-28-Blue", 1909));
    }
}
