package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.magentobridge.fixtures.OwnOrders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole GET /V1/orders/{id} documents (the project's own, see {@link OwnOrders}) loaded into the simulator with
 * {@code addOrder} and read back over HTTP: unchanged, clashing ids reassigned with every reference following, and
 * searchable and shippable like the orders the builder makes. The contract suite does the same with the recorded
 * Magento orders ({@link MagentoOrderFixturesTest}); the checks both share are in {@link OrderDocumentsOnTheSimulator}.
 */
class MagentoOrderDocumentsTest extends OrderDocumentsOnTheSimulator {

    /** Every own document, by name, in {@link OwnOrders#ALL}'s order. */
    private static Map<String, JsonNode> ownOrders() {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        OwnOrders.ALL.forEach(name -> documents.put(name, OwnOrders.json(name)));
        return documents;
    }

    @Test
    void everyOwnOrderLoadsAndIsAnsweredUnchanged() throws Exception {
        eachLoadsAndIsAnsweredUnchanged(ownOrders());
    }

    @Test
    void allOwnOrdersLoadTogetherWithClashingIdsReassigned() throws Exception {
        // order 44 is there twice (before and after its edit): the second copy gets a new entity id
        allLoadTogetherWithClashingIdsReassigned(ownOrders(), 1);

        // the two copies of order 44 share their increment id: the search finds both, the first registered wins
        bothFoundByTheirSharedIncrementId("100000044", 44, "state", "new", "canceled");
    }

    @Test
    void editedOrderIsFoundByItsSuffixedIncrementId() throws Exception {
        sim.addOrder(OwnOrders.json(OwnOrders.EDIT_ORIGINAL_CANCELED));
        sim.addOrder(OwnOrders.json(OwnOrders.EDIT_CHILD));

        editFoundByItsSuffixedIncrementId("100000044", 44, 45);
        assertThat(search("relation_child_id", "45").at("/items/0/state").asText()).isEqualTo("canceled");
    }

    @Test
    void guestOrdersAreFoundByTheGuestFlag() throws Exception {
        guestsFoundByTheGuestFlag(List.of(OwnOrders.json(OwnOrders.GUEST_CONFIGURABLE),
                OwnOrders.json(OwnOrders.REGISTERED_EUR_DISCOUNT_VAT), OwnOrders.json(OwnOrders.GUEST_COUPON_TO_ZERO)),
                41, 43);
    }

    @Test
    void configurableGuestOrderShipsByTheParentAndRefusesTheChild() throws Exception {
        shipsByTheParentAndRefusesTheChild(OwnOrders.json(OwnOrders.GUEST_CONFIGURABLE),
                new ConfigurableLine(41, 401, 402, "JK-OTTER-M-Green", 2210));
    }
}
