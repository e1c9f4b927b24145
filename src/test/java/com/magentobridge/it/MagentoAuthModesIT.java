package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * The modes other than the ITs' default (oauth1), each a whole bridge over real HTTP: admin login with a 3 s token
 * lifetime applying stock across several expiries, and bearer mode against a store that refuses integration tokens as
 * bearer tokens, as a 2.4.4+ store does by default.
 */
@ExtendWith(OutputCaptureExtension.class)
class MagentoAuthModesIT {

    private static final String INVENTORY = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";
    private static final String ADMIN_USER = "bridge-admin-it";
    private static final String ADMIN_PASSWORD = "it-admin-password-7f3";

    private static BridgeClient client(ConfigurableApplicationContext bridge) {
        return new BridgeClient(Integer.parseInt(bridge.getEnvironment().getProperty("local.server.port")));
    }

    @Test
    void adminModeKeepsApplyingStockAcrossTokenExpiriesWithOneLoginPerExpiry(CapturedOutput output) {
        MagentoSimulator magento = SharedMagento.SIMULATOR;
        magento.addAdminUser(ADMIN_USER, ADMIN_PASSWORD).adminTokenLifetime(Duration.ofSeconds(3));
        int loginsBefore = magento.adminLogins();
        String sku = "ADMIN-MODE-" + System.nanoTime();
        magento.addProduct(sku);
        ConfigurableApplicationContext bridge = InJvmBridge.on("jdbc:h2:mem:admin-mode;DB_CLOSE_DELAY=-1",
                        "bridge-admin-mode", "CamelServletAdminMode")
                .without(SharedMagento.OAUTH1.keySet())
                .with("bridge.magento.admin-username", ADMIN_USER)
                .with("bridge.magento.admin-password", ADMIN_PASSWORD)
                .start();
        try {
            BridgeClient back = client(bridge);
            List<Long> quantities = new ArrayList<>();
            long[] message = {System.nanoTime() % 1_000_000_000L};
            // one stock update after another until three tokens have expired and been renewed
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                long quantity = quantities.size() + 1;
                quantities.add(quantity);
                message[0]++;
                assertThat(back.soap(INVENTORY, BridgeClient.m2Envelope(message[0],
                        BridgeClient.line(sku, quantity, message[0]))).status()).isEqualTo(200);
                return magento.adminLogins() - loginsBefore >= 4;
            });
            long last = quantities.get(quantities.size() - 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> BigDecimal.valueOf(last).compareTo(magento.sourceQuantity(sku, "default")) == 0);

            JdbcTemplate jdbc = bridge.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter", Integer.class)).isZero();
            int logins = magento.adminLogins() - loginsBefore;
            long writes = magento.calls().stream().filter(call -> call.path().endsWith("source-items")
                    && call.body().contains(sku)).count();
            assertThat(writes).as("stock writes per login").isGreaterThanOrEqualTo(3L * logins);
            String logs = output.getAll();
            assertThat(logs).doesNotContain(ADMIN_PASSWORD);
            magento.issuedAdminTokens().forEach(token -> assertThat(logs).doesNotContain(token));
        } finally {
            bridge.close();
            magento.adminTokenLifetime(Duration.ofHours(4));
        }
    }

    @Test
    void bearerModeAgainstADefaultStoreSaysWhichStoreSettingRefusesIt() {
        MagentoSimulator store = new MagentoSimulator(SharedMagento.TOKEN).start(0);
        ConfigurableApplicationContext bridge = InJvmBridge.on("jdbc:h2:mem:bearer-refused;DB_CLOSE_DELAY=-1",
                        "bridge-bearer-refused", "CamelServletBearerRefused")
                .without(SharedMagento.OAUTH1.keySet())
                .with("bridge.magento.base-url", store.baseUrl())
                .with("bridge.magento.token", SharedMagento.TOKEN)
                .with("bridge.health.magento-cache", "100ms")
                .start();
        try {
            BridgeClient ops = client(bridge);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ops.opsGet("/actuator/health").body())
                    .contains("\"auth\":\"bearer\"", "\"httpStatus\":401", "The consumer isn't authorized",
                            "enable_integration_as_bearer", "BRIDGE_MAGENTO_AUTH_TYPE=oauth1")
                    .doesNotContain(SharedMagento.TOKEN));
        } finally {
            bridge.close();
            store.stop();
        }
    }

    @Test
    void adminModeOnAStoreWithTwoFactorAuthSaysSoOnceAtStartUpAndInHealth(CapturedOutput output) {
        MagentoSimulator store = new MagentoSimulator(SharedMagento.TOKEN).start(0);
        store.addAdminUser(ADMIN_USER, ADMIN_PASSWORD).requireTwoFactorAuth(true);
        ConfigurableApplicationContext bridge = InJvmBridge.on("jdbc:h2:mem:admin-2fa;DB_CLOSE_DELAY=-1",
                        "bridge-admin-2fa", "CamelServletAdmin2fa")
                .without(SharedMagento.OAUTH1.keySet())
                .with("bridge.magento.base-url", store.baseUrl())
                .with("bridge.magento.admin-username", ADMIN_USER)
                .with("bridge.magento.admin-password", ADMIN_PASSWORD)
                .start();
        try {
            String refusal = "Magento authentication: admin login failed: Magento's two-factor authentication refuses "
                    + "admin-token login";
            await().atMost(Duration.ofSeconds(20)).until(() -> output.getAll().contains(refusal));
            assertThat(output.getAll().lines().filter(line -> line.contains(refusal)).count()).isEqualTo(1);
            assertThat(client(bridge).opsGet("/actuator/health").body())
                    .contains("\"auth\":\"admin\"", "two-factor", "BRIDGE_MAGENTO_AUTH_TYPE=oauth1")
                    .doesNotContain(ADMIN_PASSWORD);
        } finally {
            bridge.close();
            store.stop();
        }
    }
}
