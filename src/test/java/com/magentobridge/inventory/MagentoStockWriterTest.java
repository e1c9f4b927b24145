package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.config.BridgeProperties.InventoryApi;
import com.magentobridge.flow.LineResult;
import com.magentobridge.magento.BearerTokenAuthentication;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoRejectedException;
import com.magentobridge.magento.MagentoTransientException;
import com.magentobridge.retry.TransientStatuses;
import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.RecordedCall;

/**
 * The MSI stock writer against the Magento simulator over real HTTP, delivered the way the inventory-write route
 * delivers a chunk: again after a transient failure, up to the policy's redeliveries. MSI's deadlock answer (400
 * "Could not save Source Item") is retried for the chunk's pending writes, not pinned on a SKU.
 */
class MagentoStockWriterTest {

    private static final String TOKEN = "stock-writer-token";
    private static final int REDELIVERIES = 2;

    private final MagentoSimulator magento = new MagentoSimulator(TOKEN).allowIntegrationTokensAsBearer(true).start(0);
    private final StockWriteLimiter limiter = new StockWriteLimiter(4, Duration.ofSeconds(30));
    private MagentoClient client;
    private MagentoStockWriter writer;

    @BeforeEach
    void writer() {
        BridgeProperties.Magento settings = new BridgeProperties().getMagento();
        settings.setBaseUrl(magento.baseUrl());
        client = new MagentoClient(settings, new BearerTokenAuthentication(() -> TOKEN),
                TransientStatuses.of(List.of(429, 503)), new ObjectMapper(), new SimpleMeterRegistry());
        writer = new MagentoStockWriter(client, InventoryApi.MSI, REDELIVERIES, limiter);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        magento.stop();
    }

    /** A chunk of these SKUs, created in the simulator unless their name starts with GHOST. */
    private StockWriteChunk chunk(String... skus) {
        List<StockWrite> writes = IntStream.range(0, skus.length).mapToObj(i -> {
            if (!skus[i].startsWith("GHOST")) {
                magento.addProduct(skus[i]);
            }
            return new StockWrite(i + 1, skus[i], "default", 10 + i, 1);
        }).toList();
        return new StockWriteChunk(writes);
    }

    private static LineResult result(StockWriteChunk chunk, String sku) {
        StockWrite write = chunk.writes().stream().filter(w -> w.sku().equals(sku)).findFirst().orElseThrow();
        LineOutcome outcome = chunk.outcomes().get(write.lineId());
        return outcome == null ? null : outcome.result();
    }

    private List<RecordedCall> saves() {
        return magento.calls("source-items");
    }

    @Test
    void aChunkAnsweredWithTheDeadlock400TwiceThenSavedIsAppliedWholeWithoutHalving() {
        StockWriteChunk chunk = chunk("A", "B", "C", "D");
        magento.faults().deadlockBeyond(0, Duration.ZERO); // every save deadlocks

        assertThatThrownBy(() -> writer.write(chunk)).isInstanceOf(MagentoTransientException.class)
                .hasMessageContaining("Could not save Source Item").hasMessageContaining("4 of 4 writes");
        assertThat(limiter.width()).as("fewer writes in flight").isEqualTo(1);
        // the route's first redelivery
        assertThatThrownBy(() -> writer.write(chunk)).isInstanceOf(MagentoTransientException.class);
        magento.faults().reset(); // the deadlock passed
        // the second
        writer.write(chunk);

        assertThat(List.of("A", "B", "C", "D")).allSatisfy(sku -> {
            assertThat(result(chunk, sku)).isEqualTo(LineResult.Success);
            assertThat(magento.sourceQuantity(sku, "default")).isNotNull();
        });
        assertThat(saves()).as("the whole chunk each time, never halved").hasSize(3)
                .allSatisfy(call -> assertThat(call.body()).contains("\"A\"", "\"B\"", "\"C\"", "\"D\""));
        assertThat(saves()).extracting(RecordedCall::status).containsExactly(400, 400, 200);
        assertThat(chunk.attempts()).isEqualTo(3);
    }

    @Test
    void aChunkWhoseRunLostItsClaimsIsNotSent() {
        StockWriteChunk chunk = chunk("L1", "L2");
        com.magentobridge.storage.NodeLiveness liveness = com.magentobridge.storage.NodeLiveness.none();
        // claimed in a session of this node's liveness lock that has ended since
        chunk.claimedIn(new com.magentobridge.flow.InboxClaim("inventory", List.of(1L), liveness, liveness.session() + 1));

        assertThatThrownBy(() -> writer.write(chunk)).isInstanceOf(com.magentobridge.flow.ClaimLostException.class);

        assertThat(saves()).isEmpty();
        assertThat(chunk.pending()).hasSize(2);
    }

    @Test
    void anUnknownSkuFailsAloneAtOnceAndTheRestIsApplied() {
        StockWriteChunk chunk = chunk("K1", "K2", "GHOST-1", "K3");

        writer.write(chunk);

        assertThat(result(chunk, "GHOST-1")).isEqualTo(LineResult.Failed);
        assertThat(chunk.outcomes().get(3L).message()).contains("GHOST-1");
        assertThat(List.of("K1", "K2", "K3")).allSatisfy(sku -> {
            assertThat(result(chunk, sku)).isEqualTo(LineResult.Success);
            assertThat(magento.sourceQuantity(sku, "default")).isNotNull();
        });
        assertThat(chunk.pending()).isEmpty();
        assertThat(chunk.attempts()).as("no retry").isEqualTo(1);
        assertThat(limiter.width()).as("not a deadlock").isEqualTo(4);
    }

    @Test
    void anUnknownSkuIsPinnedInTheSameAttemptThatMeetsADeadlockAndOnlyTheOthersAreSentAgain() {
        StockWriteChunk chunk = chunk("K1", "K2", "GHOST-2", "K3");
        magento.faults().deadlockBeyond(0, Duration.ZERO);

        assertThatThrownBy(() -> writer.write(chunk)).isInstanceOf(MagentoTransientException.class)
                .hasMessageContaining("3 of 4 writes");

        assertThat(result(chunk, "GHOST-2")).as("pinned on the first attempt").isEqualTo(LineResult.Failed);
        assertThat(chunk.pending()).extracting(StockWrite::sku).containsExactly("K1", "K2", "K3");
        magento.faults().reset();
        magento.clearCalls();

        writer.write(chunk);

        assertThat(List.of("K1", "K2", "K3")).allSatisfy(sku -> assertThat(result(chunk, sku)).isEqualTo(LineResult.Success));
        assertThat(saves()).singleElement().satisfies(call -> assertThat(call.body()).doesNotContain("GHOST-2"));
    }

    @Test
    void onTheLastAttemptASkuStillAnsweredSoIsPinnedAloneAndLeftForTheDeadLetterWhileTheRestIsApplied() {
        StockWriteChunk chunk = chunk("S1", "S2", "S3", "BROKEN", "S4", "S5");
        magento.faults().unsavable("BROKEN"); // every save naming it fails in the database: MSI's same words

        for (int attempt = 1; attempt <= REDELIVERIES; attempt++) {
            assertThatThrownBy(() -> writer.write(chunk)).isInstanceOf(MagentoTransientException.class);
        }
        assertThat(saves()).as("retried whole before anything is pinned").hasSize(REDELIVERIES);
        assertThatThrownBy(() -> writer.write(chunk)).isInstanceOfSatisfying(MagentoRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("Could not save Source Item", "[BROKEN]");
        });

        assertThat(List.of("S1", "S2", "S3", "S4", "S5")).allSatisfy(sku -> {
            assertThat(result(chunk, sku)).isEqualTo(LineResult.Success);
            assertThat(magento.sourceQuantity(sku, "default")).isNotNull();
        });
        assertThat(chunk.pending()).as("what the dead letter keeps for a replay").extracting(StockWrite::sku)
                .containsExactly("BROKEN");
        chunk.deadLettered(7, "after 3 attempts: Could not save Source Item");
        assertThat(chunk.outcomes().get(4L).result()).isEqualTo(LineResult.Failed);
        assertThat(chunk.outcomes().get(4L).message()).startsWith("Dead-lettered as #7");
    }

    @Test
    void aWriterThatIsNotDeliveredAgainPinsADeadlockAnswerAtOnce() {
        MagentoStockWriter once = new MagentoStockWriter(client, InventoryApi.MSI, 0, limiter);
        StockWriteChunk chunk = chunk("O1", "BROKEN-2");
        magento.faults().unsavable("BROKEN-2");

        assertThatThrownBy(() -> once.write(chunk)).isInstanceOf(MagentoRejectedException.class);

        assertThat(result(chunk, "O1")).isEqualTo(LineResult.Success);
        assertThat(chunk.pending()).extracting(StockWrite::sku).containsExactly("BROKEN-2");
    }
}
