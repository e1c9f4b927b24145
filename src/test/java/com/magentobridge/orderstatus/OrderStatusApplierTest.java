package com.magentobridge.orderstatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.ClaimLostException;
import com.magentobridge.flow.InboxClaim;
import com.magentobridge.flow.LineResult;
import com.magentobridge.inbound.OrderStatusMessage;
import com.magentobridge.magento.MagentoOrder;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.storage.NodeLiveness;

/** Back-office status messages against an in-memory Magento (no HTTP, no database). */
class OrderStatusApplierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Magento as the applier sees it: one order, and the actions it was asked for. */
    private static final class FakeOrders extends MagentoOrders {

        final List<String> actions = new ArrayList<>();

        FakeOrders() {
            super(null);
        }

        @Override
        public Optional<MagentoOrder> findByIncrementId(String incrementId) {
            try {
                return Optional.of(MagentoOrder.from(JSON.readTree("""
                        {"entity_id": 9, "increment_id": "%s", "state": "processing", "status": "processing",
                         "items": []}""".formatted(incrementId))));
            } catch (IOException e) {
                throw new IllegalArgumentException(e);
            }
        }

        @Override
        public boolean act(long orderEntityId, String action) {
            actions.add(action);
            return true;
        }

        @Override
        public boolean comment(long orderEntityId, String comment, String status) {
            actions.add("comment");
            return true;
        }
    }

    /** No message applied before for any order. */
    private static final class NothingApplied extends OrderStatusStore {
        NothingApplied() {
            super(null, null);
        }

        @Override
        public Long lastApplied(String incrementId) {
            return null;
        }
    }

    private static OrderStatusApplier applier(FakeOrders orders) {
        BridgeProperties properties = new BridgeProperties();
        properties.getMappings().getBackOfficeStatuses().put("CANCELLED", "cancel");
        return new OrderStatusApplier(new NothingApplied(), orders, properties);
    }

    private static StatusJob job() {
        return new StatusJob(3, new OrderStatusMessage("op", 41, "000000009", "CANCELLED", null));
    }

    @Test
    void aMessageOfALiveClaimIsApplied() {
        FakeOrders orders = new FakeOrders();
        StatusJob job = job();
        NodeLiveness liveness = NodeLiveness.none();
        job.claimedIn(new InboxClaim("orderstatus", List.of(3L), liveness, liveness.session()));

        applier(orders).apply(job);

        assertThat(orders.actions).containsExactly("cancel");
        assertThat(job.result()).isEqualTo(LineResult.Success);
    }

    @Test
    void aMessageWhoseRunLostItsClaimsIsNotSentToMagento() {
        FakeOrders orders = new FakeOrders();
        StatusJob job = job();
        NodeLiveness liveness = NodeLiveness.none();
        // claimed in a session of this node's liveness lock that has ended since
        job.claimedIn(new InboxClaim("orderstatus", List.of(3L), liveness, liveness.session() + 1));

        assertThatThrownBy(() -> applier(orders).apply(job)).isInstanceOf(ClaimLostException.class);

        assertThat(orders.actions).isEmpty();
        assertThat(job.result()).as("nothing decided: its holder applies it").isNull();
    }
}
