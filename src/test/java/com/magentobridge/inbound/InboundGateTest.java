package com.magentobridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gate in front of the back office's calls, in each state the bridge goes through: a real Camel context with the
 * two inbound routes and Spring's availability bean, the calls through MockMvc. What is behind the gate answers
 * "through"; the gate's own answers are 503 with Retry-After, in the call's SOAP version or JSON.
 */
class InboundGateTest {

    private static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
    private static final String INVENTORY = "/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1";

    @RestController
    static class Routes {
        @PostMapping({"/soap/{store}", "/rest/V1/orderflow/inventory"})
        String through() {
            return "through";
        }
    }

    private final ApplicationAvailabilityBean availability = new ApplicationAvailabilityBean();
    private volatile boolean databaseUp = true;
    private CamelContext camel;
    private MockMvc mvc;

    @BeforeEach
    void bridgeNotStartedYet() throws Exception {
        camel = new DefaultCamelContext();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:soap").routeId("soap-inbound").log("soap");
                from("direct:rest").routeId("rest-inbound").log("rest");
            }
        });
        mvc = MockMvcBuilders.standaloneSetup(new Routes())
                .addFilter(new InboundGate(availability, () -> camel, () -> databaseUp), "/soap/*", "/rest/*").build();
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    private void readiness(ReadinessState state) {
        availability.onApplicationEvent(new AvailabilityChangeEvent<>(this, state));
    }

    private MockHttpServletResponse soap(String contentType) throws Exception {
        var request = post(INVENTORY).content("<Envelope/>");
        if (contentType != null) {
            request.contentType(contentType);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletResponse rest() throws Exception {
        return mvc.perform(post("/rest/V1/orderflow/inventory").contentType("application/json").content("{}"))
                .andReturn().getResponse();
    }

    @Test
    void beforeTheBridgeHasStartedEveryCallIsA503StartingInTheCallsSoapVersionOrJson() throws Exception {
        MockHttpServletResponse soap11 = soap("text/xml; charset=utf-8");
        MockHttpServletResponse soap12 = soap("application/soap+xml; charset=utf-8");
        MockHttpServletResponse unknown = soap(null);
        MockHttpServletResponse rest = rest();

        for (MockHttpServletResponse response : new MockHttpServletResponse[] {soap11, soap12, unknown, rest}) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            assertThat(response.getContentAsString()).doesNotContain("through")
                    .contains("The bridge is starting: the message was not stored, send it again in 5 seconds");
        }
        assertThat(soap11.getContentType()).startsWith("text/xml");
        assertThat(soap11.getContentAsString()).startsWith("<soap:Envelope xmlns:soap=\"" + SOAP11 + "\">")
                .contains("<faultcode>soap:Server</faultcode>");
        assertThat(soap12.getContentType()).startsWith("application/soap+xml");
        assertThat(soap12.getContentAsString()).startsWith("<env:Envelope xmlns:env=\"" + SOAP12 + "\">")
                .contains("<env:Value>env:Receiver</env:Value>");
        assertThat(unknown.getContentAsString()).as("no content type: SOAP 1.1").contains("<faultcode>soap:Server</faultcode>");
        assertThat(rest.getContentType()).startsWith("application/json");
        assertThat(rest.getContentAsString()).isEqualTo(
                "{\"message\":\"The bridge is starting: the message was not stored, send it again in 5 seconds\"}");
    }

    @Test
    void camelStartedButTheApplicationNotReadyYetIsStillStarting() throws Exception {
        camel.start();

        assertThat(soap("text/xml").getContentAsString()).contains("The bridge is starting");
    }

    @Test
    void opensOnceTheApplicationIsReadyAndTheInboundRoutesRun() throws Exception {
        camel.start();
        readiness(ReadinessState.ACCEPTING_TRAFFIC);

        assertThat(soap("text/xml").getContentAsString()).isEqualTo("through");
        assertThat(rest().getContentAsString()).isEqualTo("through");
    }

    @Test
    void onceTheShutdownBeginsEveryCallIsA503Stopping() throws Exception {
        camel.start();
        readiness(ReadinessState.ACCEPTING_TRAFFIC);
        readiness(ReadinessState.REFUSING_TRAFFIC);

        MockHttpServletResponse soap = soap("text/xml");
        MockHttpServletResponse rest = rest();

        assertThat(soap.getStatus()).isEqualTo(503);
        assertThat(soap.getHeader("Retry-After")).isEqualTo("15");
        assertThat(soap.getContentAsString()).contains("<faultcode>soap:Server</faultcode>")
                .contains("The bridge is stopping: the message was not stored, send it again in 15 seconds");
        assertThat(rest.getStatus()).isEqualTo(503);
        assertThat(rest.getContentAsString()).contains("The bridge is stopping");
    }

    @Test
    void aStoppedCamelContextIsStoppingEvenWhileSpringStillAcceptsTraffic() throws Exception {
        camel.start();
        readiness(ReadinessState.ACCEPTING_TRAFFIC);
        camel.stop();

        MockHttpServletResponse soap = soap("application/soap+xml");

        assertThat(soap.getStatus()).isEqualTo(503);
        assertThat(soap.getContentAsString()).contains("env:Receiver").contains("The bridge is stopping");
    }

    @Test
    void aStoppedInboundRouteIsNotReceiving() throws Exception {
        camel.start();
        readiness(ReadinessState.ACCEPTING_TRAFFIC);
        camel.getRouteController().stopRoute("rest-inbound");

        MockHttpServletResponse rest = rest();

        assertThat(rest.getStatus()).isEqualTo(503);
        assertThat(rest.getHeader("Retry-After")).isEqualTo("15");
        assertThat(rest.getContentAsString()).contains("The bridge is not receiving");
    }

    @Test
    void whileTheDatabaseIsDownEveryCallIsA503NamingTheDatabaseUntilItAnswersAgain() throws Exception {
        camel.start();
        readiness(ReadinessState.ACCEPTING_TRAFFIC);
        databaseUp = false;

        MockHttpServletResponse soap11 = soap("text/xml; charset=utf-8");
        MockHttpServletResponse soap12 = soap("application/soap+xml; charset=utf-8");
        MockHttpServletResponse rest = rest();

        for (MockHttpServletResponse response : new MockHttpServletResponse[] {soap11, soap12, rest}) {
            assertThat(response.getStatus()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("5");
            assertThat(response.getContentAsString()).doesNotContain("through").doesNotContain("starting")
                    .contains("The database is unavailable: the message was not stored, send it again in 5 seconds");
        }
        assertThat(soap11.getContentAsString()).contains("<faultcode>soap:Server</faultcode>");
        assertThat(soap12.getContentAsString()).contains("<env:Value>env:Receiver</env:Value>");
        assertThat(rest.getContentAsString()).isEqualTo(
                "{\"message\":\"The database is unavailable: the message was not stored, send it again in 5 seconds\"}");

        databaseUp = true;

        assertThat(soap("text/xml").getContentAsString()).isEqualTo("through");
        assertThat(rest().getContentAsString()).isEqualTo("through");
    }

    @Test
    void startingAndStoppingOutrankTheDatabase() throws Exception {
        databaseUp = false;
        assertThat(soap("text/xml").getContentAsString()).contains("The bridge is starting");

        camel.start();
        readiness(ReadinessState.ACCEPTING_TRAFFIC);
        readiness(ReadinessState.REFUSING_TRAFFIC);
        assertThat(soap("text/xml").getContentAsString()).contains("The bridge is stopping");
    }
}
