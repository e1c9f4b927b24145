package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * "Ack only what is durable" on an H2 file URL with no settings in it (H2's own default writes a commit to the file up
 * to 500 ms later): the bridge runs as its own JVM and is killed with SIGKILL right after the 20th and the 40th
 * acknowledgement, restarted on the same file each time. Every acknowledged message must be in the database and
 * applied to Magento in the end.
 */
class CrashDurabilityIT {

    private static final MagentoSimulator MAGENTO = SharedMagento.SIMULATOR;
    private static final int MESSAGES = 60;
    private static final List<String> SKUS = List.of("IT-CRASH-A", "IT-CRASH-B", "IT-CRASH-C");

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesKillMinusNineOnAnH2UrlWithoutSettings() throws Exception {
        SKUS.forEach(MAGENTO::addProduct);
        String url = "jdbc:h2:file:" + dir.resolve("bridge");
        long firstId = 9_300_000_000L + System.nanoTime() % 1_000_000L * 100;
        List<Long> acknowledged = new ArrayList<>();
        Map<String, Long> lastQuantity = new LinkedHashMap<>();

        for (int life = 0; life < 3; life++) {
            BridgeProcess bridge = start(url, life);
            BridgeClient client = new BridgeClient(Integer.parseInt(bridge.url().substring(bridge.url().lastIndexOf(':') + 1)));
            for (int n = life * 20; n < life * 20 + 20; n++) {
                long messageId = firstId + n;
                String sku = SKUS.get(n % SKUS.size());
                long quantity = 100 + n;
                BridgeClient.Reply reply = client.soap("/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1",
                        BridgeClient.m2Envelope(messageId, BridgeClient.line(sku, quantity, messageId)));
                assertThat(reply.body()).contains("Success - Message " + messageId + " Received");
                acknowledged.add(messageId);
                lastQuantity.put(sku, quantity);
            }
            if (life < 2) {
                bridge.kill(); // right after the 20th / 40th acknowledgement
            } else {
                await().atMost(Duration.ofMinutes(2)).until(() -> bridge.undecided("inventory") == 0);
                lastQuantity.forEach((sku, quantity) -> assertThat(MAGENTO.sourceQuantity(sku, "default"))
                        .as("Magento's stock of %s", sku).isEqualByComparingTo(BigDecimal.valueOf(quantity)));
                bridge.close();
            }
        }

        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement query = connection.prepareStatement(
                     "SELECT state FROM inbound_request WHERE flow = 'inventory' AND message_seq_id = ?")) {
            List<Long> lost = new ArrayList<>();
            for (long messageId : acknowledged) {
                query.setLong(1, messageId);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next() || !"PROCESSED".equals(row.getString(1))) {
                        lost.add(messageId);
                    }
                }
            }
            assertThat(acknowledged).hasSize(MESSAGES);
            assertThat(lost).as("acknowledged messages not stored and processed").isEmpty();
        }
    }

    private BridgeProcess start(String url, int life) throws Exception {
        return BridgeProcess.start("-Xmx512m", List.of(
                "--spring.datasource.url=" + url,
                "--bridge.magento.base-url=" + MAGENTO.baseUrl(),
                "--bridge.magento.token=" + MAGENTO.token(),
                "--bridge.inbound.username=" + BridgeClient.INBOUND_USER,
                "--bridge.inbound.password=" + BridgeClient.INBOUND_PASSWORD,
                "--bridge.orders.import.enabled=false"),
                dir.resolve("bridge-" + life + ".log"));
    }
}
