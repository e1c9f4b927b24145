package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static com.magentobridge.simulator.magento.SimHttp.camelFilter;
import static com.magentobridge.simulator.magento.SimHttp.enc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order import benchmark's access pattern: 20,000 orders, paged with pageSize 300 sorted by updated_at over
 * real HTTP. Asserts behaviour only (every order exactly once, in order); the per-page times are printed, never
 * asserted.
 */
class MagentoOrderSearchScaleTest extends RunningSimulator {

    private static final int ORDERS = 20_000;
    private static final int PAGE_SIZE = 300;
    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    @BeforeAll
    static void keepMoreCalls() {
        sim.setCallLogCapacity(1_000);
    }

    @Test
    void twentyThousandOrdersPageInUpdatedAtOrderWithoutGapsOrDuplicates() throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < ORDERS; i++) {
            // seven orders per second: plenty of ties on updated_at
            sim.newOrder(String.format("%09d", i + 1)).item("SKU-" + (i % 50), 1 + i % 3).item("SKU-X", 1)
                    .invoiced(false).state("new", "pending").createdAt(START.plusSeconds(i / 7)).create();
        }
        // a few later changes, as a live shop would have them
        sim.setClock(Clock.fixed(START.plusSeconds(100_000), ZoneOffset.UTC));
        for (int id = 5; id <= ORDERS; id += 997) {
            sim.setOrderStatus(id, "processing", "processing");
        }
        long seeded = System.nanoTime();

        String base = "/rest/V1/orders?" + camelFilter(0, 0, "updated_at", "2024-01-01 00:00:00", "gteq")
                + "&" + enc("searchCriteria[sortOrders][0][field]") + "=updated_at"
                + "&" + enc("searchCriteria[sortOrders][0][direction]") + "=ASC"
                + "&" + enc("searchCriteria[pageSize]") + "=" + PAGE_SIZE
                + "&" + enc("searchCriteria[currentPage]") + "=";

        http.getJson(base + "1"); // warm-up (JIT, connection)
        List<Long> pageMicros = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        String previous = "";
        int previousId = 0;
        int pages = (ORDERS + PAGE_SIZE - 1) / PAGE_SIZE;
        for (int page = 1; page <= pages; page++) {
            long p0 = System.nanoTime();
            JsonNode r = http.getJson(base + page);
            pageMicros.add((System.nanoTime() - p0) / 1_000);
            assertThat(r.get("total_count").asInt()).isEqualTo(ORDERS);
            for (JsonNode o : r.get("items")) {
                int id = o.get("entity_id").asInt();
                String updated = o.get("updated_at").asText();
                assertThat(seen.add(id)).as("order %s once", id).isTrue();
                int c = updated.compareTo(previous);
                assertThat(c).as("updated_at ascending").isGreaterThanOrEqualTo(0);
                if (c == 0) {
                    assertThat(id).as("ties by entity_id").isGreaterThan(previousId);
                }
                previous = updated;
                previousId = id;
            }
        }
        assertThat(seen).hasSize(ORDERS);

        List<Long> sorted = new ArrayList<>(pageMicros);
        Collections.sort(sorted);
        long total = pageMicros.stream().mapToLong(Long::longValue).sum();
        System.out.printf("[order search scale] %d orders seeded in %d ms; %d pages of %d over HTTP: "
                        + "median %.1f ms, p90 %.1f ms, max %.1f ms, total %d ms%n",
                ORDERS, (seeded - t0) / 1_000_000, pages, PAGE_SIZE,
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get(sorted.size() * 9 / 10) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0, total / 1000);
    }
}
