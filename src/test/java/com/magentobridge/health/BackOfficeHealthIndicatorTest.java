package com.magentobridge.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.backoffice.ConfiguredBackOfficeExporter;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.simulator.backoffice.OrderFlowSimulator;

/** The backOffice health component against the OrderFlow simulator over real HTTP, for both adapters. */
class BackOfficeHealthIndicatorTest {

    private static final String USER = "health-of-user";
    private static final String PASSWORD = "health-of-password-8817";

    private final OrderFlowSimulator orderFlow = new OrderFlowSimulator(USER, PASSWORD).start(0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ConfiguredBackOfficeExporter backOffice;

    @AfterEach
    void stop() throws Exception {
        if (backOffice != null) {
            backOffice.close();
        }
        orderFlow.stop();
    }

    private BackOfficeHealthIndicator indicator(BridgeProperties.BackOfficeType type, String baseUrl, String password) {
        BridgeProperties properties = new BridgeProperties();
        properties.getBackoffice().setType(type);
        properties.getBackoffice().setBaseUrl(baseUrl);
        properties.getBackoffice().setUsername(USER);
        properties.getBackoffice().setPassword(password);
        properties.getHealth().setBackOfficeCache(Duration.ZERO);
        backOffice = new ConfiguredBackOfficeExporter(properties,
                new RetryPolicies(properties.getRetry()).of("orders-export").transientStatuses(), meters);
        return new BackOfficeHealthIndicator(backOffice, properties);
    }

    @Test
    void upWhenOrderFlowTakesTheCredentials() {
        Health health = indicator(BridgeProperties.BackOfficeType.ORDERFLOW, orderFlow.baseUrl(), PASSWORD).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("type", "orderflow").containsEntry("httpStatus", 405);
        assertThat(orderFlow.received()).as("a probe imports nothing").isEmpty();
        assertThat(meters.get("bridge.backoffice.calls").tag("endpoint", "probe").tag("method", "GET")
                .tag("status", "405").timer().count()).isEqualTo(1);
    }

    @Test
    void upWhenTheJsonEndpointTakesTheCredentials() {
        Health health = indicator(BridgeProperties.BackOfficeType.JSON, orderFlow.jsonUrl(), PASSWORD).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("type", "json");
    }

    @Test
    void downNamingTheUserButNotThePasswordWhenTheCredentialsAreRefused() {
        Health health = indicator(BridgeProperties.BackOfficeType.ORDERFLOW, orderFlow.baseUrl(), "rotated-" + PASSWORD)
                .health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("httpStatus", 401);
        assertThat(health.getDetails().get("error").toString())
                .contains("credentials refused", USER)
                .doesNotContain(PASSWORD);
    }

    @Test
    void downWithStatusZeroWhenTheBackOfficeDoesNotAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        Health health = indicator(BridgeProperties.BackOfficeType.ORDERFLOW, "http://127.0.0.1:" + closedPort, PASSWORD)
                .health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("httpStatus", 0);
        assertThat(health.getDetails().get("error").toString()).contains("failed without an answer");
    }

    @Test
    void unknownWhenNoBackOfficeIsConfigured() {
        Health health = indicator(BridgeProperties.BackOfficeType.ORDERFLOW, null, PASSWORD).health();

        assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.getDetails().get("reason").toString()).contains("BRIDGE_BACKOFFICE_BASE_URL");
    }
}
