package com.magentobridge.logging;

import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.springframework.stereotype.Component;

/**
 * Scopes the correlation ids to a route: what the route's beans put in the MDC stays there while the route and its
 * error handler run (retry, exhausted and dead-letter log lines carry the ids), and is taken out when the route is done
 * with the exchange, so a pooled thread never logs a previous message's ids. Applied to every route (Camel picks up
 * {@link RoutePolicyFactory} beans).
 */
@Component
public class CorrelationRoutePolicy extends RoutePolicySupport implements RoutePolicyFactory {

    private static final String BEFORE = "BridgeCorrelationBefore.";

    /** The ids on the route's entry, and the thread they belong to. */
    private record Entry(Thread thread, Map<String, String> ids) { }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        return this;
    }

    @Override
    public void onExchangeBegin(Route route, Exchange exchange) {
        exchange.setProperty(BEFORE + route.getRouteId(), new Entry(Thread.currentThread(), Correlation.snapshot()));
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Object entry = exchange.removeProperty(BEFORE + route.getRouteId());
        // an exchange finished on another thread leaves this one alone: its MDC belongs to what runs there now
        if (entry instanceof Entry before && before.thread() == Thread.currentThread()) {
            Correlation.restore(before.ids());
        }
    }
}
