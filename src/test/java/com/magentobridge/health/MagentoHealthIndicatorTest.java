package com.magentobridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.magento.AdminTokenAuthentication;
import com.magentobridge.magento.BearerTokenAuthentication;
import com.magentobridge.magento.MagentoAuthentication;
import com.magentobridge.magento.OAuth1Authentication;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.simulator.magento.MagentoSimulator;

/** The magento health component against the simulator over real HTTP. */
class MagentoHealthIndicatorTest {

    private static final String TOKEN = "health0check0access0token0005521";

    private final MagentoSimulator magento = new MagentoSimulator(TOKEN).allowIntegrationTokensAsBearer(true).start(0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private MagentoClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        magento.stop();
    }

    private MagentoHealthIndicator indicator(String baseUrl, Duration cache) {
        return indicator(baseUrl, cache, new BearerTokenAuthentication(() -> TOKEN));
    }

    private MagentoHealthIndicator indicator(String baseUrl, Duration cache, MagentoAuthentication authentication) {
        BridgeProperties properties = new BridgeProperties();
        properties.getMagento().setBaseUrl(baseUrl);
        properties.getMagento().setConnectTimeout(Duration.ofSeconds(2));
        properties.getHealth().setMagentoCache(cache);
        client = new MagentoClient(properties.getMagento(), authentication,
                new RetryPolicies(properties.getRetry()).defaults().transientStatuses(), new ObjectMapper(), meters);
        return new MagentoHealthIndicator(client, properties);
    }

    @Test
    void upWhenMagentoAnswersTheStoreConfigsWithTheToken() {
        Health health = indicator(magento.baseUrl(), Duration.ZERO).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("stores", 1).containsKey("checkedAt");
        assertThat(magento.calls("/rest/all/V1/store/storeConfigs")).hasSize(1);
        assertThat(meters.get("bridge.magento.calls").tag("endpoint", "store.configs").tag("status", "200").timer()
                .count()).isEqualTo(1);
    }

    @Test
    void downWithTheStatusAndMagentosMessageWhenTheTokenIsRefused() {
        magento.faults().onlyForPathContaining("storeConfigs").errorStatuses(401).errorRate(1.0);

        Health health = indicator(magento.baseUrl(), Duration.ZERO).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("httpStatus", 401);
        assertThat(health.getDetails().get("error").toString())
                .contains("GET /V1/store/storeConfigs → 401", "isn't authorized")
                .doesNotContain(TOKEN);
    }

    @Test
    void namesTheModeAndMagentosReasonWhenASignatureIsRefusedWithoutAnySecret() {
        MagentoSimulator.Integration real = magento.integration();
        OAuth1Authentication wrongSecret = new OAuth1Authentication(new OAuth1Authentication.Credentials(
                real.consumerKey(), "wrong-consumer-secret-x", real.accessToken(), real.accessTokenSecret()),
                java.time.Clock.systemUTC());

        Health health = indicator(magento.baseUrl(), Duration.ZERO, wrongSecret).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("auth", "oauth1").containsEntry("httpStatus", 401);
        assertThat(health.getDetails().toString()).contains("The signature is invalid. Verify and try again.")
                .doesNotContain("wrong-consumer-secret-x", real.consumerKey(), real.consumerSecret(), real.accessToken(),
                        real.accessTokenSecret());
    }

    @Test
    void namesTheTwoFactorRefusalOfAnAdminLogin() {
        magento.addAdminUser("bridge-admin", "admin-password-9").requireTwoFactorAuth(true);

        Health health = indicator(magento.baseUrl(), Duration.ZERO, new AdminTokenAuthentication("bridge-admin",
                () -> "admin-password-9", Duration.ofHours(4), java.time.Clock.systemUTC())).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("auth", "admin").containsEntry("httpStatus", 401);
        assertThat(health.getDetails().get("error").toString()).contains("two-factor", "BRIDGE_MAGENTO_AUTH_TYPE=oauth1")
                .doesNotContain("admin-password-9");
    }

    @Test
    void downWhenMagentoFails() {
        magento.faults().onlyForPathContaining("storeConfigs").errorStatuses(503).errorRate(1.0);

        Health health = indicator(magento.baseUrl(), Duration.ZERO).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("httpStatus", 503);
    }

    @Test
    void downWithStatusZeroWhenMagentoDoesNotAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Health health = indicator("http://127.0.0.1:" + closedPort, Duration.ZERO).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("httpStatus", 0);
        assertThat(health.getDetails().get("error").toString()).contains("failed without a response");
    }

    @Test
    void theAnswerIsReusedUntilTheCacheExpires() {
        MagentoHealthIndicator indicator = indicator(magento.baseUrl(), Duration.ofHours(1));
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        magento.faults().onlyForPathContaining("storeConfigs").errorStatuses(401).errorRate(1.0);

        for (int probe = 0; probe < 5; probe++) {
            assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
        }

        assertThat(magento.calls("storeConfigs")).as("one call to Magento for six probes").hasSize(1);
    }
}
