package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.magentobridge.flow.Flow;
import com.magentobridge.inbound.InboundGate;

/**
 * Pause, resume and replay find a flow's routes through {@link Flow}: every id it names must be a route the YAML files
 * load (a route renamed in YAML alone fails here, not silently in production), and every processing or replay route
 * the files declare must be a flow's.
 */
class FlowRoutesIT extends AbstractBridgeIT {

    @Autowired
    private CamelContext camel;

    @Test
    void everyRouteAFlowNamesIsLoaded() {
        for (Flow flow : Flow.values()) {
            assertThat(camel.getRoute(flow.processingRoute())).as("processing route of %s", flow).isNotNull();
            if (flow.replayRoute() != null) {
                Route replay = camel.getRoute(flow.replayRoute());
                assertThat(replay).as("replay route of %s", flow).isNotNull();
                assertThat(replay.getEndpoint().getEndpointUri()).isEqualTo(flow.replayUri().replace("direct:", "direct://"));
            }
        }
    }

    @Test
    void theRoutesTheInboundGateWatchesAreLoaded() {
        for (String route : InboundGate.ROUTES) {
            assertThat(camel.getRoute(route)).as("inbound route %s", route).isNotNull();
        }
    }

    @Test
    void everyProcessingAndReplayRouteBelongsToAFlow() {
        List<String> named = java.util.Arrays.stream(Flow.values())
                .flatMap(flow -> java.util.stream.Stream.of(flow.processingRoute(), flow.replayRoute()))
                .filter(java.util.Objects::nonNull).toList();
        List<String> declared = camel.getRoutes().stream().map(Route::getRouteId)
                .filter(id -> id.endsWith("-process") || id.endsWith("-replay")).toList();

        assertThat(named).containsAll(declared);
    }
}
