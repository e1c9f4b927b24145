package com.magentobridge.flow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.magentobridge.security.SecretNames;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.DeadLetterAware;
import com.magentobridge.storage.DeadLetterStore;

/**
 * The end of every dead-letter channel: stores the original body (as JSON, so it can be replayed), its
 * simple headers with secrets masked, where it failed, the exception and the attempt count.
 */
@Component
public class DeadLetterParking {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterParking.class);

    private final DeadLetterStore store;
    private final ObjectMapper json;
    private final FlowMetrics metrics;

    public DeadLetterParking(DeadLetterStore store, ObjectMapper json, FlowMetrics metrics) {
        this.store = store;
        this.json = json;
        this.metrics = metrics;
    }

    public void park(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        if (!(body instanceof DeadLetterAware replayable)) {
            throw new IllegalStateException("Cannot park a " + (body == null ? "null" : body.getClass().getName())
                    + " body: only replayable bodies reach the dead-letter channel");
        }
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        int attempts = attempts(exchange, replayable);
        String routeId = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        // the first attempt was made as the exchange was created, and failed within the call's timeout
        OffsetDateTime firstFailed = OffsetDateTime.ofInstant(Instant.ofEpochMilli(exchange.getClock().getCreated()),
                ZoneOffset.UTC);
        long id = store.insert(replayable.flow(), routeId == null ? "unknown" : routeId, endpoint(exchange, routeId),
                replayable.replayUri(), body.getClass().getName(), json.writeValueAsString(body),
                json.writeValueAsString(headers(message)), failure == null ? null : failure.getClass().getName(),
                failure == null ? null : failure.getMessage(), attempts, firstFailed);
        String reason = failure == null ? "unknown failure" : failure.getMessage();
        replayable.deadLettered(id, "after " + attempts + " attempts: " + reason);
        metrics.deadLettered(replayable.flow());
        LOG.error("dead-lettered #{} from route {} after {} attempts: {}", id, routeId, attempts, reason);
    }

    /** Delivery attempts of a failed exchange: Camel's redeliveries plus the first, or what the body counted itself. */
    static int attempts(Exchange exchange, DeadLetterAware body) {
        return Math.max(exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, 0, Integer.class) + 1,
                body.attempts());
    }

    /**
     * Where it failed: the endpoint Camel was sending to when it failed, else (a bean step, which has no endpoint) the
     * input of the route that failed, e.g. direct://shipment-apply.
     */
    static String endpoint(Exchange exchange, String routeId) {
        String failed = exchange.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
        if (failed != null) {
            return failed;
        }
        Route route = routeId == null ? null : exchange.getContext().getRoute(routeId);
        return route == null ? null : route.getEndpoint().getEndpointUri();
    }

    static Map<String, Object> headers(Message message) {
        Map<String, Object> kept = new TreeMap<>();
        message.getHeaders().forEach((name, value) -> {
            if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
                kept.put(name, SecretNames.isSecret(name) ? SecretNames.MASK : value.toString());
            }
        });
        return kept;
    }
}
