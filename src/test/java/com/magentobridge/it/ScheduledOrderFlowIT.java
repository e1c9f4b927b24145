package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The order import and export on their Quartz schedules (every second here), with nobody pressing "run now". The
 * context is closed afterwards: left running it would export the orders of other test classes from the shared
 * simulator to the shared OrderFlow simulator.
 */
@DirtiesContext
@TestPropertySource(properties = {
        "camel.servlet.mapping.servlet-name=CamelServletScheduledOrders",
        "bridge.orders.import.enabled=true",
        "bridge.orders.import.cron=* * * * * ?",
        "bridge.orders.export.enabled=true",
        "bridge.orders.export.cron=* * * * * ?",
        "bridge.orders.export.batch-size=1000",
        "bridge.backoffice.organisation=scheduled-org",
        "bridge.backoffice.channel=scheduled-channel"
})
class ScheduledOrderFlowIT extends AbstractBridgeIT {

    @DynamicPropertySource
    static void backOffice(DynamicPropertyRegistry registry) {
        registry.add("bridge.backoffice.base-url", SharedBackOffice.SIMULATOR::baseUrl);
        registry.add("bridge.backoffice.username", () -> SharedBackOffice.USER);
        registry.add("bridge.backoffice.password", () -> SharedBackOffice.PASSWORD);
    }

    @Test
    void anOrderPlacedInMagentoReachesTheBackOfficeOnItsOwn() {
        String number = String.format("%09d", nextMessageId() % 1_000_000_000L);
        MAGENTO.newOrder(number).item("SCHEDULED-SKU", 1).create();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(SharedBackOffice.SIMULATOR.imported(number)).as("received by OrderFlow").isNotNull());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT export_state FROM order_ledger WHERE increment_id = ?", String.class, number)).isEqualTo("EXPORTED"));
    }
}
