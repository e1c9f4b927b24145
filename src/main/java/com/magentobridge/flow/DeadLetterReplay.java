package com.magentobridge.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import com.magentobridge.logging.Correlation;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.DeadLetterAware;
import com.magentobridge.flow.Flow;
import com.magentobridge.storage.DeadLetterStore;
import com.magentobridge.storage.DeadLetter;

/** Replays a dead letter through its flow's replay route and records the outcome on it. */
@Component
public class DeadLetterReplay {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterReplay.class);

    public record Outcome(long id, String state, String outcome) { }

    private final DeadLetterStore store;
    private final ProducerTemplate producer;
    private final ObjectMapper json;
    private final FlowMetrics metrics;
    private final String node;

    public DeadLetterReplay(DeadLetterStore store, ProducerTemplate producer, ObjectMapper json, FlowMetrics metrics,
                            com.magentobridge.storage.NodeName node) {
        this.node = node.value();
        this.store = store;
        this.producer = producer;
        this.json = json;
        this.metrics = metrics;
    }

    public Outcome replay(long id, String who) {
        DeadLetter letter = store.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
        try (Correlation.Scope scope = Correlation.scope()) {
            Correlation.flow(letter.flow());
            return replayLetter(letter, who);
        }
    }

    private Outcome replayLetter(DeadLetter letter, String who) {
        long id = letter.id();
        if (!DeadLetterStore.OPEN.equals(letter.state())) {
            throw new IllegalStateException("Dead letter #" + id + " is " + letter.state() + ", only OPEN ones can be replayed");
        }
        DeadLetterAware body;
        try {
            Class<?> type = Class.forName(letter.bodyType());
            if (!DeadLetterAware.class.isAssignableFrom(type)) {
                throw new IllegalStateException("Dead letter #" + id + " holds a " + letter.bodyType() + ", which is not replayable");
            }
            body = (DeadLetterAware) json.readValue(letter.body(), type);
        } catch (ClassNotFoundException | java.io.IOException e) {
            throw new IllegalStateException("Dead letter #" + id + " cannot be read back: " + e.getMessage(), e);
        }
        if (!store.startReplay(id, node)) {
            throw new IllegalStateException("Dead letter #" + id + " is being replayed or was replayed meanwhile");
        }
        Exchange result;
        try {
            result = producer.send(replayUri(letter), exchange -> exchange.getMessage().setBody(body));
        } catch (RuntimeException e) {
            // not even sent (e.g. the replay endpoint is gone): still a failed replay, never a letter left REPLAYING
            return failed(id, who, body, e, 1);
        }
        if (result.getException() != null) {
            Object failedBody = result.getMessage().getBody();
            return failed(id, who, body, result.getException(), DeadLetterParking.attempts(result,
                    failedBody instanceof DeadLetterAware aware ? aware : body));
        }
        String summary = result.getMessage().getBody(String.class);
        store.recordReplay(id, who, summary);
        metrics.replayed(letter.flow());
        LOG.info("dead letter #{} replayed by {}: {}", id, who, summary);
        return new Outcome(id, DeadLetterStore.REPLAYED, summary);
    }

    /**
     * The flow's replay route as the bridge names it today; the URI stored with the letter only for a flow this version
     * does not know (a letter parked before a route was renamed still replays).
     */
    static String replayUri(DeadLetter letter) {
        return Flow.byId(letter.flow()).filter(flow -> flow.replayRoute() != null).map(Flow::replayUri)
                .orElse(letter.replayUri());
    }

    /** The letter goes back to OPEN showing this failure; what the replay achieved before failing is kept. */
    private Outcome failed(long id, String who, DeadLetterAware body, Throwable failure, int attempts) {
        String outcome = "replay failed: " + failure.getMessage();
        keepState(id, body);
        store.recordReplayFailure(id, who, outcome, failure.getClass().getName(), failure.getMessage(), attempts);
        LOG.warn("dead letter #{} replay by {} failed after {} attempts: {}", id, who, attempts, failure.getMessage());
        return new Outcome(id, DeadLetterStore.OPEN, outcome);
    }

    /** The replayed body as it is now (e.g. a shipment it created before failing), for the next replay. */
    private void keepState(long id, Object body) {
        try {
            store.updateBody(id, json.writeValueAsString(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warn("dead letter #{}: the state after a failed replay could not be kept: {}", id, e.getMessage());
        }
    }

    public void discard(long id, String who, String reason) {
        DeadLetter letter = store.find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
        if (!DeadLetterStore.OPEN.equals(letter.state()) || !store.discard(id, who, reason)) {
            String state = store.find(id).map(DeadLetter::state).orElse(letter.state());
            throw new IllegalStateException("Dead letter #" + id + " is " + state + ", only OPEN ones can be discarded");
        }
    }

    public static class DeadLetterNotFoundException extends RuntimeException {
        public DeadLetterNotFoundException(long id) {
            super("No dead letter #" + id);
        }
    }
}
