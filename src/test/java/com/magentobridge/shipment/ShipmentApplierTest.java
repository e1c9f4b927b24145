package com.magentobridge.shipment;

import com.magentobridge.flow.NotApplicableException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.flow.LineResult;
import com.magentobridge.magento.MagentoOrder;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.magento.MagentoRejectedException;
import com.magentobridge.magento.MagentoTransientException;
import com.magentobridge.mapping.CourierMapping;
import org.junit.jupiter.api.Test;

/** Creating a message's shipments at most once each, against an in-memory Magento (no HTTP). */
class ShipmentApplierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Magento as the applier sees it: the order, the ship calls it received, and scripted answers. */
    private static final class FakeOrders extends MagentoOrders {

        MagentoOrder order;
        final List<Map<String, Object>> shipCalls = new ArrayList<>();
        final Deque<Object> answers = new ArrayDeque<>();
        final List<MagentoOrders.Shipment> shipments = new ArrayList<>();

        FakeOrders(MagentoOrder order) {
            super(null);
            this.order = order;
        }

        @Override
        public Optional<MagentoOrder> findByIncrementId(String incrementId) {
            return order != null && order.incrementId().equals(incrementId) ? Optional.of(order) : Optional.empty();
        }

        @Override
        public long ship(long orderEntityId, Map<String, Object> body) {
            shipCalls.add(body);
            Object answer = answers.isEmpty() ? (long) (500 + shipCalls.size()) : answers.pop();
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            return (Long) answer;
        }

        @Override
        public List<MagentoOrders.Shipment> shipments(long orderEntityId) {
            return shipments;
        }
    }

    private static MagentoOrder order(String shippedA, String shippedB) {
        try {
            return MagentoOrder.from(JSON.readTree("""
                    {"entity_id": 5, "increment_id": "000000005", "state": "processing", "status": "processing",
                     "items": [
                       {"item_id": 10, "sku": "A", "product_type": "simple", "qty_ordered": 2, "qty_shipped": %s},
                       {"item_id": 11, "sku": "B", "product_type": "simple", "qty_ordered": 1, "qty_shipped": %s}]}"""
                    .formatted(shippedA, shippedB)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ShipmentMessage message(ShipmentMessage.Line... lines) {
        return new ShipmentMessage("op", 77, "000000005", List.of(lines), List.of("1Z999"), null, true, false, "UPS",
                "Next Day", null);
    }

    private static ShipmentMessage.Line line(String sku, String qty, String source) {
        return new ShipmentMessage.Line(sku, new BigDecimal(qty), source);
    }

    private static ShipmentApplier applier(FakeOrders orders) {
        return new ShipmentApplier(orders, new ShipmentPlanner("default"),
                new ShipRequestBuilder(new CourierMapping(Map.of("UPS", "ups"), "custom")), new NoProgressStore());
    }

    /** Progress is persisted by the real ShipmentProgress (covered over HTTP in ShipmentFlowIT); not needed here. */
    private static final class NoProgressStore extends ShipmentProgress {
        NoProgressStore() {
            super(null, null, null);
        }

        @Override
        public void save(ShipmentJob job) {
            // nothing to persist in a unit test
        }

        @Override
        public java.util.Optional<ShipmentJob> load(long requestId) {
            return java.util.Optional.empty();
        }
    }

    @Test
    void createsOneShipmentPerSourceAndRecordsEachLinesSuccess() {
        FakeOrders orders = new FakeOrders(order("0", "0"));
        ShipmentJob job = new ShipmentJob(1, message(line("A", "2", "warehouse_uk"), line("B", "1", null)));

        applier(orders).apply(job);

        assertThat(orders.shipCalls).hasSize(2);
        assertThat(job.shipments()).extracting(PlannedShipment::sourceCode, PlannedShipment::shipmentId)
                .containsExactly(tuple("warehouse_uk", 501L),
                        tuple("default", 502L));
        assertThat(job.results()).containsExactly(
                Map.entry(1, new ShipmentOutcome(LineResult.Success, "Order 000000005 successfully shipped.", 10L, 501L,
                        "1Z999 (ups: UPS Next Day)")),
                Map.entry(2, new ShipmentOutcome(LineResult.Success, "Order 000000005 successfully shipped.", 11L, 502L,
                        "1Z999 (ups: UPS Next Day)")));
    }

    @Test
    void aJobWhoseRunLostItsClaimsSendsNoShipCall() {
        FakeOrders orders = new FakeOrders(order("0", "0"));
        ShipmentJob job = new ShipmentJob(1, message(line("A", "2", null)));
        com.magentobridge.storage.NodeLiveness liveness = com.magentobridge.storage.NodeLiveness.none();
        // claimed in a session of this node's liveness lock that has ended since
        job.claimedIn(new com.magentobridge.flow.InboxClaim("shipment", List.of(1L), liveness, liveness.session() + 1));

        assertThatThrownBy(() -> applier(orders).apply(job))
                .isInstanceOf(com.magentobridge.flow.ClaimLostException.class);
        assertThat(orders.shipCalls).isEmpty();
        assertThat(job.shipments()).allSatisfy(shipment -> assertThat(shipment.uncertain()).isFalse());
    }

    @Test
    void neverShipsACreatedShipmentAgainWhenTheJobRunsAgain() {
        FakeOrders orders = new FakeOrders(order("0", "0"));
        ShipmentJob job = new ShipmentJob(1, message(line("A", "2", null)));
        ShipmentApplier applier = applier(orders);
        applier.apply(job);

        orders.order = order("2", "0");
        applier.apply(job);
        applier.replay(job);

        assertThat(orders.shipCalls).hasSize(1);
    }

    @Test
    void refusesAnOrderMagentoDoesNotHave() {
        FakeOrders orders = new FakeOrders(null);
        ShipmentJob job = new ShipmentJob(1, message(line("A", "1", null)));

        assertThatThrownBy(() -> applier(orders).apply(job))
                .isInstanceOf(NotApplicableException.class)
                .hasMessage("Order 000000005 not found");
        assertThat(job.results().get(1).message()).isEqualTo("Order 000000005 not found");
        assertThat(orders.shipCalls).isEmpty();
    }

    @Test
    void refusesAPlanTheOrderCannotTakeWithoutCallingShip() {
        FakeOrders orders = new FakeOrders(order("0", "0"));
        ShipmentJob job = new ShipmentJob(1, message(line("A", "1", null), line("NOPE", "1", null)));

        assertThatThrownBy(() -> applier(orders).apply(job))
                .isInstanceOf(NotApplicableException.class)
                .hasMessage("Order item with SKU NOPE does not exist on order 000000005");
        assertThat(orders.shipCalls).isEmpty();
        assertThat(job.results().values()).extracting(ShipmentOutcome::result)
                .containsOnly(LineResult.Failed);
    }

    @Test
    void refusesWhatMagentoRejectsNamingTheOrder() {
        FakeOrders orders = new FakeOrders(order("0", "0"));
        orders.answers.add(new MagentoRejectedException("Shipment Document Validation Error(s)", 400));
        ShipmentJob job = new ShipmentJob(1, message(line("A", "1", null)));

        assertThatThrownBy(() -> applier(orders).apply(job))
                .isInstanceOf(NotApplicableException.class)
                .hasMessage("Magento refused the shipment for order 000000005: Shipment Document Validation Error(s)");
    }

    @Test
    void takesTheShipmentACallWithALostAnswerCreatedInsteadOfShippingTwice() {
        FakeOrders orders = new FakeOrders(order("0", "0"));
        orders.answers.add(new MagentoTransientException("read timed out", 0, null));
        ShipmentJob job = new ShipmentJob(1, message(line("A", "2", null)));
        ShipmentApplier applier = applier(orders);
        assertThatThrownBy(() -> applier.apply(job)).isInstanceOf(MagentoTransientException.class);
        assertThat(job.shipments().get(0).uncertain()).isTrue();

        // Magento had committed: the item's qty_shipped moved and the shipment is listed
        orders.order = order("2", "0");
        orders.shipments.add(new MagentoOrders.Shipment(731, "default", Map.of(10L, new BigDecimal("2.0000"))));
        applier.apply(job);

        assertThat(orders.shipCalls).hasSize(1);
        assertThat(job.shipments().get(0).shipmentId()).isEqualTo(731L);
        assertThat(job.results().get(1).result()).isEqualTo(LineResult.Success);
        assertThat(job.results().get(1).shipmentId()).isEqualTo(731L);
    }

    @Test
    void shipsAgainWhenTheCallWithALostAnswerHadNotCommitted() {
        FakeOrders orders = new FakeOrders(order("0", "0"));
        orders.answers.add(new MagentoTransientException("connection reset", 0, null));
        ShipmentJob job = new ShipmentJob(1, message(line("A", "2", null)));
        ShipmentApplier applier = applier(orders);
        assertThatThrownBy(() -> applier.apply(job)).isInstanceOf(MagentoTransientException.class);

        applier.apply(job);

        assertThat(orders.shipCalls).hasSize(2);
        assertThat(job.shipments().get(0).done()).isTrue();
        assertThat(job.shipments().get(0).uncertain()).isFalse();
        assertThat(job.results().get(1).result()).isEqualTo(LineResult.Success);
    }
}
