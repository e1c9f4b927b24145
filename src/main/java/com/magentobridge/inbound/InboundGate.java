package com.magentobridge.inbound;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.web.filter.OncePerRequestFilter;

import com.magentobridge.security.ErrorReplies;

/**
 * Lets the back office's calls ({@code /soap}, {@code /rest}) through only while the bridge can store and acknowledge
 * them; otherwise answers 503 with {@code Retry-After} and says why, storing nothing. Tomcat takes calls seconds
 * before Camel has started (Spring starts the web server, then publishes the refresh on which Camel starts), and CXF
 * or the Camel servlet would answer those calls 404 "No service was found.". Open exactly while Spring's readiness
 * state accepts traffic (published once the application, Camel included, has started; withdrawn as soon as the
 * shutdown begins) and the inbound routes run. The fault is in the call's SOAP version (1.1 when unknown), or JSON
 * on {@code /rest}, as the bridge's other errors before a route.
 * <p>
 * Closed too while the database is known to be down (storage's {@code DatabaseAvailability}): the call could not be
 * stored, and is told so at once instead of waiting for the pool; it opens as soon as the database answers again.
 * Readiness is not involved (the {@code db} health component says the database is down), so starting and stopping keep
 * their own answers.
 */
public class InboundGate extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(InboundGate.class);

    /** The routes that receive the back office's calls (routes/soap-inbound.camel.yaml). */
    public static final List<String> ROUTES = List.of("soap-inbound", "rest-inbound");

    enum State {
        OPEN(0, null),
        STARTING(5, "The bridge is starting"),
        STOPPING(15, "The bridge is stopping"),
        DATABASE_DOWN(5, "The database is unavailable"),
        NOT_RECEIVING(15, "The bridge is not receiving (an inbound route is stopped)");

        final int retryAfterSeconds;
        final String reason;

        State(int retryAfterSeconds, String reason) {
            this.retryAfterSeconds = retryAfterSeconds;
            this.reason = reason;
        }

        String message() {
            return reason + ": the message was not stored, send it again in " + retryAfterSeconds + " seconds";
        }
    }

    private final ApplicationAvailability availability;
    private final Supplier<CamelContext> camelContext;
    private final BooleanSupplier databaseAvailable;
    private volatile CamelContext camel;
    private volatile State lastRefused;

    /**
     * {@code camelContext} is only asked for once the application is ready (every bean exists then);
     * {@code databaseAvailable} must answer from memory (it is asked on every call).
     */
    public InboundGate(ApplicationAvailability availability, Supplier<CamelContext> camelContext,
                       BooleanSupplier databaseAvailable) {
        this.availability = availability;
        this.camelContext = camelContext;
        this.databaseAvailable = databaseAvailable;
    }

    State state() {
        if (availability.getLastChangeEvent(ReadinessState.class) == null) {
            return State.STARTING;
        }
        CamelContext context = camel();
        if (availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC || !context.getStatus().isStarted()) {
            return State.STOPPING;
        }
        if (!databaseAvailable.getAsBoolean()) {
            return State.DATABASE_DOWN;
        }
        for (String route : ROUTES) {
            if (context.getRouteController().getRouteStatus(route) != ServiceStatus.Started) {
                return State.NOT_RECEIVING;
            }
        }
        return State.OPEN;
    }

    private CamelContext camel() {
        CamelContext context = camel;
        if (context == null) {
            context = camelContext.get();
            camel = context;
        }
        return context;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        State state = state();
        if (state == State.OPEN) {
            if (lastRefused != null) {
                lastRefused = null;
            }
            chain.doFilter(request, response);
            return;
        }
        if (state != lastRefused) {
            lastRefused = state;
            LOG.info("{}: inbound calls are answered 503 (Retry-After: {} s) until it can store them", state.reason,
                    state.retryAfterSeconds);
        }
        response.setHeader("Retry-After", Integer.toString(state.retryAfterSeconds));
        ErrorReplies.write(request, response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, state.message());
    }
}
