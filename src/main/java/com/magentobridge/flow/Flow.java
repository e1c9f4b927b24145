package com.magentobridge.flow;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bridge's flows, each with its one name (settings, metrics tag, console, ops API, dead letters) and the ids of
 * its routes in {@code routes/*.camel.yaml}. Pause, resume and replay find routes only here; {@code FlowRoutesIT}
 * checks every id against the routes actually loaded, so a route renamed in YAML alone fails the build.
 */
public enum Flow {

    INVENTORY("inventory", "inventory-process", "inventory-replay"),
    SHIPMENT("shipment", "shipment-process", "shipment-replay"),
    ORDERSTATUS("orderstatus", "orderstatus-process", "orderstatus-replay"),
    ORDERS_IMPORT("orders-import", "orders-import", null),
    ORDERS_EXPORT("orders-export", "orders-export", "orders-export-replay"),
    PRODUCTS_EXPORT("products-export", "products-export", "products-export-replay");

    private final String id;
    private final String processingRoute;
    private final String replayRoute;

    Flow(String id, String processingRoute, String replayRoute) {
        this.id = id;
        this.processingRoute = processingRoute;
        this.replayRoute = replayRoute;
    }

    /** The flow's name, e.g. {@code orders-export}. */
    public String id() {
        return id;
    }

    /** The route ops pause and resume: the flow's scheduled processing (or poll). */
    public String processingRoute() {
        return processingRoute;
    }

    /** The route a dead letter of this flow is replayed through; null for a flow that parks nothing. */
    public String replayRoute() {
        return replayRoute;
    }

    /** The endpoint a dead letter of this flow is sent to when replayed. */
    public String replayUri() {
        if (replayRoute == null) {
            throw new IllegalStateException(id + " parks nothing, so it has no replay route");
        }
        return "direct:" + replayRoute;
    }

    public static Optional<Flow> byId(String id) {
        return Arrays.stream(values()).filter(flow -> flow.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Flow::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
