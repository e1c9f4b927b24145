package com.magentobridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.magentobridge.security.SecretNames;
import com.magentobridge.flow.DeadLetterAware;

/** What a dead letter records of the exchange that failed. */
class DeadLetterParkingTest {

    private CamelContext camel;

    @BeforeEach
    void camel() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:shipment-apply").routeId("shipment-apply").log("applied");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private record Parked(int attempts) implements DeadLetterAware {
        @Override public void deadLettered(long deadLetterId, String reason) { }
        @Override public String replayUri() { return "direct:shipment-replay"; }
        @Override public String flow() { return "shipment"; }
    }

    @Test
    void simpleHeadersAreKeptWithSecretsMasked() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("Authorization", "Basic b3JkZXJmbG93OnMzY3JldA==");
        exchange.getMessage().setHeader("X-Api-Token", "token-value");
        exchange.getMessage().setHeader("BridgeFlow", "shipment");
        exchange.getMessage().setHeader("CamelRedeliveryCounter", 2);
        exchange.getMessage().setHeader("BridgeBody", new Object());

        Map<String, Object> kept = DeadLetterParking.headers(exchange.getMessage());

        assertThat(kept).containsOnly(Map.entry("Authorization", SecretNames.MASK),
                Map.entry("X-Api-Token", SecretNames.MASK), Map.entry("BridgeFlow", "shipment"),
                Map.entry("CamelRedeliveryCounter", "2"));
    }

    @Test
    void attemptsAreCamelsRedeliveriesPlusTheFirstOrWhatTheBodyCounted() {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.REDELIVERY_COUNTER, 3);

        assertThat(DeadLetterParking.attempts(exchange, new Parked(1))).isEqualTo(4);
        assertThat(DeadLetterParking.attempts(exchange, new Parked(6))).isEqualTo(6);
        assertThat(DeadLetterParking.attempts(new DefaultExchange(camel), new Parked(0))).isEqualTo(1);
    }

    @Test
    void theEndpointIsWhereCamelWasSendingElseTheFailedRoutesInput() {
        Exchange sending = new DefaultExchange(camel);
        sending.setProperty(Exchange.FAILURE_ENDPOINT, "http://back-office/imports");
        Exchange inBean = new DefaultExchange(camel);

        assertThat(DeadLetterParking.endpoint(sending, "shipment-apply")).isEqualTo("http://back-office/imports");
        assertThat(DeadLetterParking.endpoint(inBean, "shipment-apply")).isEqualTo("direct://shipment-apply");
        assertThat(DeadLetterParking.endpoint(inBean, null)).isNull();
    }
}
