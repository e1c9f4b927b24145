package com.magentobridge.shipment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.flow.LineResult;
import com.magentobridge.logging.Correlation;
import com.magentobridge.magento.MagentoOrder;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.magento.MagentoRejectedException;
import com.magentobridge.magento.MagentoTransientException;
import com.magentobridge.magento.Quantities;
import com.magentobridge.flow.NotApplicableException;
import com.magentobridge.flow.Flow;

/**
 * Creates a message's shipments in Magento, at most once each: the order is looked up by increment id, the lines
 * planned against it on the first attempt, and each planned shipment created with one ship call. When a call fails
 * in a way where Magento may have committed (timeout, reset, 5xx), the next attempt first checks the order: if the
 * items' shipped quantities moved by this shipment's quantities, the matching shipment is taken as the result.
 */
public class ShipmentApplier {

    private static final Logger LOG = LoggerFactory.getLogger(ShipmentApplier.class);

    private final MagentoOrders orders;
    private final ShipmentPlanner planner;
    private final ShipRequestBuilder requests;
    private final ShipmentProgress progress;

    public ShipmentApplier(MagentoOrders orders, ShipmentPlanner planner, ShipRequestBuilder requests,
                           ShipmentProgress progress) {
        this.orders = orders;
        this.planner = planner;
        this.requests = requests;
        this.progress = progress;
    }

    public ShipmentJob apply(ShipmentJob job) {
        Correlation.flow(Flow.SHIPMENT.id());
        Correlation.message(job.message().messageSeqId());
        Correlation.order(job.message().orderIncrementId());
        Correlation.skus(job.message().lines().stream().map(ShipmentMessage.Line::sku).toList());
        job.attempted();
        String number = job.message().orderIncrementId();
        MagentoOrder order = orders.findByIncrementId(number)
                .orElseThrow(() -> refuse(job, "Order " + number + " not found"));
        if (!job.planned()) {
            ShipmentPlan plan = planner.plan(job.message(), order);
            if (plan.isRefused()) {
                throw refuse(job, plan.refusal());
            }
            job.plan(plan);
            progress.save(job);
        }
        for (PlannedShipment shipment : job.shipments()) {
            if (shipment.done()) {
                continue;
            }
            if (shipment.uncertain()) {
                Optional<Long> committed = committedEarlier(order, shipment);
                if (committed.isPresent()) {
                    LOG.warn("order {}: the ship call whose answer was lost had committed (shipment {}); not shipping again",
                            number, committed.get());
                    shipped(job, shipment, committed.get());
                    continue;
                }
            }
            // nothing more once the run lost its claim: whoever holds it now ships, from this committed progress
            job.ensureOwned();
            // committed before the call: if the process dies after Magento's commit, the next attempt checks first
            shipment.markUncertain();
            progress.save(job);
            try {
                shipped(job, shipment, orders.ship(order.entityId(), requests.body(job.message(), shipment)));
                progress.save(job);
            } catch (MagentoTransientException e) {
                throw e;
            } catch (MagentoRejectedException e) {
                throw refuse(job, "Magento refused the shipment for order " + number + ": " + e.getMessage());
            }
        }
        return job;
    }

    /** A replay from the dead-letter store: same rules, starting from the order as it is now. */
    public ShipmentJob replay(ShipmentJob parked) {
        ShipmentJob job = progress.load(parked.requestId()).orElse(parked);
        job.replaying();
        return apply(job);
    }

    private void shipped(ShipmentJob job, PlannedShipment shipment, long shipmentId) {
        shipment.shipped(shipmentId);
        String message = "Order " + job.message().orderIncrementId() + " successfully shipped.";
        String tracks = requests.describeTracks(job.message());
        for (int lineNo : shipment.lineNos()) {
            String sku = job.message().lines().get(lineNo - 1).sku();
            Long itemId = shipment.items().stream().filter(item -> item.sku().equalsIgnoreCase(sku))
                    .map(PlannedShipment.Item::orderItemId).findFirst().orElse(null);
            job.decide(lineNo, new ShipmentOutcome(LineResult.Success, message, itemId,
                    shipmentId == 0 ? null : shipmentId, tracks.isEmpty() ? null : tracks));
        }
    }

    /**
     * Whether a ship call whose answer was lost committed: every item's qty_shipped grew by at least this shipment's
     * qty since planning. Returns the matching shipment's id (newest with the same items and source), or 0 when the
     * quantities moved but no shipment matches exactly (still shipped: never ship twice).
     */
    private Optional<Long> committedEarlier(MagentoOrder order, PlannedShipment shipment) {
        for (PlannedShipment.Item item : shipment.items()) {
            MagentoOrder.Item now = order.item(item.orderItemId());
            if (now == null || now.qtyShipped().compareTo(item.qtyShippedBefore().add(item.qty())) < 0) {
                return Optional.empty();
            }
        }
        List<MagentoOrders.Shipment> existing = orders.shipments(order.entityId());
        for (int i = existing.size() - 1; i >= 0; i--) {
            MagentoOrders.Shipment candidate = existing.get(i);
            if (sameItems(candidate.qtyByOrderItem(), shipment)
                    && (shipment.sourceCode() == null || candidate.sourceCode() == null
                        || shipment.sourceCode().equals(candidate.sourceCode()))) {
                return Optional.of(candidate.id());
            }
        }
        return Optional.of(0L);
    }

    private static boolean sameItems(Map<Long, BigDecimal> shipped, PlannedShipment shipment) {
        if (shipped.size() != shipment.items().size()) {
            return false;
        }
        for (PlannedShipment.Item item : shipment.items()) {
            BigDecimal qty = shipped.get(item.orderItemId());
            if (qty == null || Quantities.normalized(qty).compareTo(Quantities.normalized(item.qty())) != 0) {
                return false;
            }
        }
        return true;
    }

    private static NotApplicableException refuse(ShipmentJob job, String reason) {
        job.fail(reason);
        return new NotApplicableException(reason);
    }
}
