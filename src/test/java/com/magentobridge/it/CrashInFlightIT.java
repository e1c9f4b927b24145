package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.magentobridge.simulator.magento.MagentoSimulator;
import com.magentobridge.simulator.magento.StockWrite;

/**
 * Newest wins when the only bridge, on an embedded H2, is killed while its write is in Magento's hands and restarted
 * (issue 15, point 3: "no older value ever reaches Magento after a newer one, with any number of nodes and crashes").
 * The bridge writes seq 10 to a Magento whose save takes 15 s and is killed with SIGKILL meanwhile: like Magento's PHP,
 * the simulator finishes the save although its caller is gone. The restarted bridge gets seq 11 for the same SKU. It
 * must not write 11 before the dead process's 10 can have landed: the earlier process's claim began writing, so it
 * waits one Magento answer window (connect + read timeout: 1 s + 15 s here) from the restart, and 11 waits with it.
 * Before, the restarted process took the claim over at once, wrote 10 and 11, and the first 10 landed after them.
 */
class CrashInFlightIT {

    private static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final Duration SAVE_TIME = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private BridgeProcess bridge;

    @AfterEach
    void stop() throws Exception {
        MAGENTO.faults().reset();
        if (bridge != null) {
            bridge.kill();
        }
    }

    @Test
    void aWriteInMagentosHandsWhenTheOnlyBridgeIsKilledNeverLandsAfterTheNewerValueItsRestartWrites() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("bridge");
        long unique = System.nanoTime() % 1_000_000_000L;
        String sku = "CRASH-INFLIGHT-" + unique;
        MAGENTO.addProduct(sku);
        long olderMessage = 9_500_000_000L + unique * 2;
        long newerMessage = olderMessage + 1;

        // 1. seq 10 is written; Magento's save takes 15 s
        bridge = start(url, 0);
        MAGENTO.faults().onlyForPathContaining("source-items").deadlockBeyond(100, SAVE_TIME);
        assertThat(client(bridge).soap("/soap/default", BridgeClient.m2Envelope(olderMessage,
                BridgeClient.line(sku, 10, 10))).body()).contains("Success - Message " + olderMessage + " Received");
        await().atMost(Duration.ofSeconds(60)).until(() -> MAGENTO.faults().savesInFlight() == 1);
        MAGENTO.faults().reset(); // later saves are quick; this one goes on for its 15 s

        // 2. killed while the save is in Magento's hands, restarted on the same file
        bridge.kill();
        bridge = start(url, 1);

        // 3. the newer seq 11 for the same SKU
        assertThat(client(bridge).soap("/soap/default", BridgeClient.m2Envelope(newerMessage,
                BridgeClient.line(sku, 11, 11))).body()).contains("Success - Message " + newerMessage + " Received");
        await().atMost(Duration.ofSeconds(90)).until(() -> bridge.undecided("inventory") == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> MAGENTO.faults().savesInFlight() == 0);

        List<BigDecimal> written = MAGENTO.stockWrites().stream().filter(w -> w.sku().equals(sku))
                .map(StockWrite::quantity).toList();
        assertThat(written).as("writes of %s in the order Magento applied them", sku)
                .isSortedAccordingTo(BigDecimal::compareTo)
                .usingElementComparator(BigDecimal::compareTo).contains(BigDecimal.valueOf(10), BigDecimal.valueOf(11));
        assertThat(MAGENTO.sourceQuantity(sku, "default")).isEqualByComparingTo("11");
        System.out.printf("CrashInFlightIT: writes of the SKU %s%n", written);
    }

    private BridgeProcess start(String url, int life) throws Exception {
        return BridgeProcess.start("-Xmx384m -XX:TieredStopAtLevel=1", List.of(
                "--spring.datasource.url=" + url,
                "--bridge.magento.base-url=" + MAGENTO.baseUrl(),
                "--bridge.magento.token=" + MAGENTO.token(),
                "--bridge.magento.connect-timeout=1s",
                "--bridge.magento.read-timeout=15s",
                "--bridge.inbound.username=" + BridgeClient.INBOUND_USER,
                "--bridge.inbound.password=" + BridgeClient.INBOUND_PASSWORD,
                "--bridge.orders.import.enabled=false",
                "--bridge.inventory.poll-delay-ms=50"),
                dir.resolve("bridge-" + life + ".log"));
    }

    private static BridgeClient client(BridgeProcess node) {
        return new BridgeClient(Integer.parseInt(node.url().substring(node.url().lastIndexOf(':') + 1)));
    }
}
