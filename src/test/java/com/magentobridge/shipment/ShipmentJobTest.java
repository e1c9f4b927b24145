package com.magentobridge.shipment;

import com.magentobridge.flow.NotApplicableException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.flow.LineResult;
import org.junit.jupiter.api.Test;

class ShipmentJobTest {

    /** A plain mapper, as the dead-letter store writes a parked body and reads it back for a replay. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ShipmentMessage MESSAGE = new ShipmentMessage(
            "realtimeDespatchOrderFlowShipmentRequestManagementV1Create", 77, "000000005",
            List.of(new ShipmentMessage.Line("A", new BigDecimal("2"), "warehouse_uk"),
                    new ShipmentMessage.Line("B", new BigDecimal("1.5"), null),
                    new ShipmentMessage.Line("C", BigDecimal.ONE, null)),
            List.of("1Z999", "JD000"), "Shipment Created", true, true, "UPS", "Next Day", "2017-03-22 15:25:16");

    private static ShipmentJob roundTrip(ShipmentJob job) throws Exception {
        String json = JSON.writeValueAsString(job);
        return JSON.readValue(json, ShipmentJob.class);
    }

    /** Two planned shipments: warehouse_uk created as #501, default whose ship call lost its answer. */
    private static ShipmentJob jobHalfWay() {
        ShipmentJob job = new ShipmentJob(12, MESSAGE);
        PlannedShipment uk = new PlannedShipment("warehouse_uk",
                List.of(new PlannedShipment.Item(10, "A", new BigDecimal("2"), BigDecimal.ZERO)), List.of(1), null, false);
        PlannedShipment fallback = new PlannedShipment("default",
                List.of(new PlannedShipment.Item(11, "B", new BigDecimal("1.5"), new BigDecimal("0.5"))), List.of(2),
                null, false);
        job.plan(new ShipmentPlan(null, List.of(uk, fallback),
                Map.of(3, "Nothing left to ship: SKU C is already fully shipped on order 000000005")));
        uk.shipped(501);
        job.decide(1, new ShipmentOutcome(LineResult.Success, "Order 000000005 successfully shipped.", 10L, 501L,
                "1Z999 (ups: UPS Next Day)"));
        fallback.markUncertain();
        return job;
    }

    @Test
    void keepsTheMessageThroughAJsonRoundTrip() throws Exception {
        ShipmentJob copy = roundTrip(new ShipmentJob(12, MESSAGE));

        assertThat(copy.requestId()).isEqualTo(12);
        assertThat(copy.message()).isEqualTo(MESSAGE);
        assertThat(copy.planned()).as("not planned yet").isFalse();
        assertThat(copy.shipments()).isNull();
        assertThat(copy.outcomes()).isEmpty();
    }

    @Test
    void keepsPlannedShipmentsWithTheirIdsAndUncertaintyThroughAJsonRoundTrip() throws Exception {
        ShipmentJob copy = roundTrip(jobHalfWay());

        assertThat(copy.planned()).isTrue();
        assertThat(copy.shipments()).extracting(PlannedShipment::sourceCode, PlannedShipment::lineNos,
                        PlannedShipment::shipmentId, PlannedShipment::uncertain)
                .containsExactly(
                        tuple("warehouse_uk", List.of(1), 501L, false),
                        tuple("default", List.of(2), null, true));
        assertThat(copy.shipments().get(0).items())
                .containsExactly(new PlannedShipment.Item(10, "A", new BigDecimal("2"), BigDecimal.ZERO));
        assertThat(copy.shipments().get(1).items())
                .containsExactly(new PlannedShipment.Item(11, "B", new BigDecimal("1.5"), new BigDecimal("0.5")));
    }

    @Test
    void keepsTheDecidedOutcomesByLineNumberThroughAJsonRoundTrip() throws Exception {
        ShipmentJob copy = roundTrip(jobHalfWay());

        assertThat(copy.outcomes()).containsExactly(
                Map.entry(1, new ShipmentOutcome(LineResult.Success, "Order 000000005 successfully shipped.", 10L, 501L,
                        "1Z999 (ups: UPS Next Day)")),
                Map.entry(3, new ShipmentOutcome(LineResult.Duplicate,
                        "Nothing left to ship: SKU C is already fully shipped on order 000000005", null, null, null)));
    }

    @Test
    void aRoundTrippedJobDoesNotShipAnAlreadyCreatedShipmentAgainOnReplay() throws Exception {
        ShipmentJob copy = roundTrip(jobHalfWay());

        copy.replaying();

        assertThat(copy.planned()).as("a created shipment keeps the plan").isTrue();
        assertThat(copy.shipments().get(0).done()).isTrue();
        assertThat(copy.shipments().get(1).uncertain()).as("still checked before calling again").isTrue();
    }

    @Test
    void givesUndecidedLinesTheFailureReasonAndTheDeadLetterNumber() {
        ShipmentJob job = jobHalfWay();

        job.deadLettered(42, "Magento unavailable: POST /V1/order/5/ship timed out");

        assertThat(job.deadLetterId()).isEqualTo(42);
        assertThat(job.results()).containsExactly(
                Map.entry(1, new ShipmentOutcome(LineResult.Success, "Order 000000005 successfully shipped.", 10L, 501L,
                        "1Z999 (ups: UPS Next Day)")),
                Map.entry(2, new ShipmentOutcome(LineResult.Failed,
                        "Magento unavailable: POST /V1/order/5/ship timed out (dead letter #42)", null, null, null)),
                Map.entry(3, new ShipmentOutcome(LineResult.Duplicate,
                        "Nothing left to ship: SKU C is already fully shipped on order 000000005", null, null, null)));
    }

    @Test
    void keepsTheRefusalReasonOverTheDeadLetterReason() {
        ShipmentJob job = new ShipmentJob(12, MESSAGE);
        job.fail("Order 000000005 not found");

        job.deadLettered(7, "NotApplicableException: Order 000000005 not found");

        assertThat(job.results().values()).extracting(ShipmentOutcome::result, ShipmentOutcome::message)
                .containsExactly(
                        tuple(LineResult.Failed, "Order 000000005 not found (dead letter #7)"),
                        tuple(LineResult.Failed, "Order 000000005 not found (dead letter #7)"),
                        tuple(LineResult.Failed, "Order 000000005 not found (dead letter #7)"));
    }

    @Test
    void givesEveryLineAResultEvenWhenTheJobStoppedWithoutAReason() {
        ShipmentJob job = new ShipmentJob(12, MESSAGE);

        assertThat(job.results()).containsOnlyKeys(1, 2, 3);
        assertThat(job.results().values()).allSatisfy(outcome -> {
            assertThat(outcome.result()).isEqualTo(LineResult.Failed);
            assertThat(outcome.message()).isEqualTo("No result was recorded for this line; replay the message");
        });
    }

    @Test
    void startsAReplayFromAFreshPlanWhenNothingWasCreated() {
        ShipmentJob job = new ShipmentJob(12, MESSAGE);
        job.plan(new ShipmentPlan(null, List.of(new PlannedShipment("default")), Map.of()));
        job.fail("Magento refused the shipment");

        job.replaying();

        assertThat(job.planned()).isFalse();
        assertThat(job.failure()).isNull();
    }
}
