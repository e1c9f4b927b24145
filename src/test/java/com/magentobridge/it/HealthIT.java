package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * /actuator/health as a load balancer, an orchestrator and ops see it: Magento refusing the token makes the bridge
 * not-ready (never not-alive) until Magento takes it again; a stopped route counts, a paused flow does not.
 */
class HealthIT extends AbstractBridgeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();

    @Autowired
    private CamelContext camel;


    private JsonNode opsHealth(String path) throws Exception {
        return json.readTree(bridge().opsGet(path).body());
    }

    @Test
    void magentoRefusingTheTokenMakesTheBridgeNotReadyButKeepsItAliveUntilMagentoTakesItAgain() throws Exception {
        await().atMost(WAIT).until(() -> bridge().get("/actuator/health/readiness").status() == 200);

        MAGENTO.faults().onlyForPathContaining("/store/storeConfigs").errorStatuses(401).errorRate(1.0);

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(bridge().get("/actuator/health/readiness").status()).isEqualTo(503));
        JsonNode magento = opsHealth("/actuator/health/readiness").at("/components/magento");
        assertThat(magento.get("status").asText()).isEqualTo("DOWN");
        assertThat(magento.at("/details/httpStatus").asInt()).isEqualTo(401);
        assertThat(magento.at("/details/error").asText()).contains("GET /V1/store/storeConfigs → 401")
                .doesNotContain(SharedMagento.TOKEN);
        BridgeClient.Reply liveness = bridge().get("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(json.readTree(liveness.body()).get("status").asText()).isEqualTo("UP");
        BridgeClient.Reply anonymous = bridge().get("/actuator/health");
        assertThat(anonymous.status()).isEqualTo(503);
        assertThat(json.readTree(anonymous.body()).has("components")).as("details are for ops only").isFalse();

        MAGENTO.faults().reset();

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(bridge().get("/actuator/health/readiness").status()).isEqualTo(200));
        assertThat(opsHealth("/actuator/health").at("/components/magento/status").asText()).isEqualTo("UP");
    }

    @Test
    void aStoppedRouteMakesTheBridgeNotReadyAPausedFlowDoesNot() throws Exception {
        assertThat(bridge().opsPost("/ops/flows/shipment/pause", "").status()).isEqualTo(200);
        try {
            assertThat(bridge().get("/actuator/health/readiness").status()).as("paused: still receiving").isEqualTo(200);
        } finally {
            bridge().opsPost("/ops/flows/shipment/resume", "");
        }

        camel.getRouteController().stopRoute("orderstatus-replay");
        try {
            assertThat(bridge().get("/actuator/health/readiness").status()).isEqualTo(503);
            JsonNode routes = opsHealth("/actuator/health/readiness").at("/components/camelHealth");
            assertThat(routes.get("status").asText()).isEqualTo("DOWN");
            assertThat(routes.at("/details/route:orderstatus-replay").asText()).isEqualTo("DOWN");
            assertThat(bridge().get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            camel.getRouteController().startRoute("orderstatus-replay");
        }
        assertThat(bridge().get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void opsSeeEveryComponentAndWhichProbeCountsIt() throws Exception {
        BridgeClient.Reply anonymous = bridge().get("/actuator/health");
        JsonNode health = opsHealth("/actuator/health");

        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(json.readTree(anonymous.body()).has("components")).isFalse();
        assertThat(health.get("components").fieldNames()).toIterable()
                .contains("magento", "backOffice", "db", "camelHealth", "camelLivenessState", "livenessState",
                        "readinessState")
                .doesNotContain("camelReadinessState");
        assertThat(health.at("/components/backOffice/status").asText()).as("no back office configured here")
                .isEqualTo("UNKNOWN");
        assertThat(opsHealth("/actuator/health/liveness").get("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("livenessState", "camelLivenessState");
        assertThat(opsHealth("/actuator/health/readiness").get("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("readinessState", "db", "magento", "camelHealth");
    }
}
