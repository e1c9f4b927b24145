package com.magentobridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationTest {

    @BeforeEach
    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theIdsSetAreSummarisedForTheLogPattern() {
        Correlation.flow("shipment");
        Correlation.message(42);
        Correlation.order("000000019");
        Correlation.skus(List.of("MH01-XS-Black"));

        assertThat(MDC.get(Correlation.SUMMARY))
                .isEqualTo("[flow=shipment messageSeqId=42 orderIncrementId=000000019 sku=MH01-XS-Black] ");
        assertThat(MDC.get(Correlation.ORDER)).isEqualTo("000000019");
    }

    @Test
    void withoutIdsThereIsNoSummary() {
        Correlation.flow("inventory");
        Correlation.flow(null);

        assertThat(MDC.get(Correlation.SUMMARY)).isNull();
        assertThat(MDC.get(Correlation.FLOW)).isNull();
    }

    @Test
    void aScopePutsBackWhatWasThereBefore() {
        Correlation.flow("inventory");

        try (Correlation.Scope scope = Correlation.scope()) {
            Correlation.flow("orders-import");
            Correlation.order("000000007");
            assertThat(MDC.get(Correlation.SUMMARY)).isEqualTo("[flow=orders-import orderIncrementId=000000007] ");
        }

        assertThat(MDC.get(Correlation.SUMMARY)).isEqualTo("[flow=inventory] ");
        assertThat(MDC.get(Correlation.ORDER)).isNull();
    }

    @Test
    void aLargeChunkNamesItsFirstSkusAndHowManyMore() {
        List<String> skus = IntStream.rangeClosed(1, 25).mapToObj(i -> "SKU-" + i).toList();

        Correlation.skus(skus);

        assertThat(MDC.get(Correlation.SKU)).startsWith("SKU-1,SKU-2,").endsWith(",SKU-20,+5 more");
    }

    @Test
    void aSkuRepeatedInAChunkIsNamedOnce() {
        Correlation.skus(List.of("A", "B", "A"));

        assertThat(MDC.get(Correlation.SKU)).isEqualTo("A,B");
    }
}
