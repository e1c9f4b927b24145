package com.magentobridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The ids a route's beans set stay for the route and its error handler, and are gone when the route is done. */
class CorrelationRoutePolicyTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private ProducerTemplate producer;

    @BeforeEach
    void start() throws Exception {
        MDC.clear();
        camel.addRoutePolicyFactory(new CorrelationRoutePolicy());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:process").routeId("shipment-process")
                        .process(exchange -> Correlation.flow("shipment"))
                        .to("direct:apply")
                        .process(exchange -> seen.add("after apply: " + MDC.get(Correlation.SUMMARY)));
                from("direct:apply").routeId("shipment-apply")
                        .onException(IllegalStateException.class).handled(true)
                            .process(exchange -> seen.add("error handler: " + MDC.get(Correlation.SUMMARY)))
                        .end()
                        .process(exchange -> {
                            Correlation.order("000000019");
                            if (exchange.getIn().getBody(String.class).equals("fail")) {
                                throw new IllegalStateException("Magento refused");
                            }
                        });
            }
        });
        camel.start();
        producer = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        MDC.clear();
    }

    @Test
    void theErrorHandlerLogsWithTheIdsTheRouteSet() {
        producer.sendBody("direct:process", "fail");

        assertThat(seen).containsExactly("error handler: [flow=shipment orderIncrementId=000000019] ");
    }

    @Test
    void theIdsOfACalledRouteAreGoneWhenItReturns() {
        producer.sendBody("direct:process", "ok");

        assertThat(seen).containsExactly("after apply: [flow=shipment] ");
    }

    @Test
    void theIdsAreGoneWhenTheRouteIsDone() {
        MDC.put("unrelated", "kept");

        producer.sendBody("direct:process", "ok");

        assertThat(Correlation.snapshot()).isEqualTo(Map.of());
        assertThat(MDC.get(Correlation.SUMMARY)).isNull();
        assertThat(MDC.get("unrelated")).isEqualTo("kept");
    }
}
