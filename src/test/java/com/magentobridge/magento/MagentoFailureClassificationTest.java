package com.magentobridge.magento;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.config.BridgeProperties.InventoryApi;
import com.magentobridge.flow.LineResult;
import com.magentobridge.inventory.StockWrite;
import com.magentobridge.inventory.StockWriteChunk;
import com.magentobridge.retry.TransientStatuses;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.inventory.MagentoStockWriter;
import com.magentobridge.inventory.StockWriteLimiter;

/** How a flow's transient statuses turn Magento's answers into "retry" or "park", over real HTTP. */
class MagentoFailureClassificationTest {

    private static final String TOKEN = "classification-token";

    private final MagentoSimulator magento = new MagentoSimulator(TOKEN).allowIntegrationTokensAsBearer(true).start(0);
    private MagentoClient client;

    @BeforeEach
    void client() {
        BridgeProperties.Magento settings = new BridgeProperties().getMagento();
        settings.setBaseUrl(magento.baseUrl());
        client = new MagentoClient(settings, new BearerTokenAuthentication(() -> TOKEN),
                TransientStatuses.of(List.of(429, 503)), new ObjectMapper(), new SimpleMeterRegistry());
        magento.addProduct("CLASS-1");
        magento.addProduct("CLASS-2");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        magento.stop();
    }

    private void post(MagentoClient through) {
        through.post("source-items", "/V1/inventory/source-items", Map.of("sourceItems", List.of(Map.of(
                "sku", "CLASS-1", "source_code", "default", "quantity", 1, "status", 1))));
    }

    /** A writer whose chunks are not delivered again (a deadlock answer is pinned like any other 400). */
    private MagentoStockWriter stockWriter() {
        return new MagentoStockWriter(client, InventoryApi.MSI, 0, new StockWriteLimiter(4, Duration.ofSeconds(30)));
    }

    @Test
    void aListedStatusIsTransientAndCarriesTheStatus() {
        magento.faults().failNext(1, 503);

        assertThatThrownBy(() -> post(client)).isInstanceOfSatisfying(MagentoTransientException.class,
                e -> assertThat(e.status()).isEqualTo(503));
    }

    @Test
    void aServerErrorTheFlowDoesNotListIsARefusal() {
        magento.faults().failNext(1, 500);

        assertThatThrownBy(() -> post(client)).isInstanceOfSatisfying(MagentoRejectedException.class,
                e -> assertThat(e.status()).isEqualTo(500));
    }

    @Test
    void aFlowCanRetryAClientErrorThroughItsOwnViewOfThePool() {
        MagentoClient retryingConflicts = client.withTransientStatuses(TransientStatuses.of(List.of(409)));
        magento.faults().failNext(1, 409).failNext(1, 409);

        assertThatThrownBy(() -> post(retryingConflicts)).isInstanceOf(MagentoTransientException.class);
        assertThatThrownBy(() -> post(client)).isInstanceOf(MagentoRejectedException.class);
    }

    @Test
    void closingAViewLeavesThePoolOpenForTheOthers() throws Exception {
        client.withTransientStatuses(TransientStatuses.of(List.of())).close();

        post(client);

        assertThat(magento.calls()).hasSize(1);
    }

    @Test
    void theStockWriterParksAWholeChunkOnAServerErrorItDoesNotRetryInsteadOfHalvingIt() {
        magento.faults().onlyForPathContaining("source-items").failNext(1, 500);
        StockWriteChunk chunk = new StockWriteChunk(List.of(new StockWrite(1, "CLASS-1", "default", 5, 1),
                new StockWrite(2, "CLASS-2", "default", 6, 1)));

        assertThatThrownBy(() -> stockWriter().write(chunk))
                .isInstanceOf(MagentoRejectedException.class);

        assertThat(magento.calls()).hasSize(1);
        assertThat(chunk.pending()).hasSize(2);
    }

    @Test
    void theStockWriterStillPinsAClientErrorOnItsSku() {
        StockWriteChunk chunk = new StockWriteChunk(List.of(new StockWrite(1, "CLASS-1", "default", 5, 1),
                new StockWrite(2, "CLASS-UNKNOWN", "default", 6, 1)));

        stockWriter().write(chunk);

        assertThat(chunk.outcomes().get(1L).result()).isEqualTo(LineResult.Success);
        assertThat(chunk.outcomes().get(2L).result()).isEqualTo(LineResult.Failed);
    }
}
