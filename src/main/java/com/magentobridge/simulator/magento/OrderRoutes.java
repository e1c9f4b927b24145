package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sales routes of the simulator: order reads, order search, order actions (cancel, hold, unhold, comments), ship,
 * shipment reads. ACL resources as declared by Magento 2.3.1+ (magento/magento2#20169, PR #20170):
 * {@code Magento_Sales::actions_view}, {@code ::cancel}, {@code ::hold}, {@code ::unhold}, {@code ::comment},
 * {@code ::ship}, {@code ::shipment} (read from a released module-sales {@code etc/webapi.xml}).
 */
final class OrderRoutes {

    static final String ACL_ORDERS = "Magento_Sales::actions_view";
    static final String ACL_SHIP = "Magento_Sales::ship";
    static final String ACL_SHIPMENTS = "Magento_Sales::shipment";
    static final String ACL_CANCEL = "Magento_Sales::cancel";
    static final String ACL_HOLD = "Magento_Sales::hold";
    static final String ACL_UNHOLD = "Magento_Sales::unhold";
    static final String ACL_COMMENT = "Magento_Sales::comment";

    static final String ID_NEEDED = "An ID is needed. Set the ID and try again.";

    /** How routes get registered (MagentoSimulator::route). */
    @FunctionalInterface
    interface Registrar {
        void route(String method, String pattern, String aclResource, RouteHandler handler);
    }

    private final Orders orders;
    private final Catalog catalog;

    OrderRoutes(Orders orders, Catalog catalog) {
        this.orders = orders;
        this.catalog = catalog;
    }

    void register(Registrar r) {
        r.route("GET", "/V1/orders", ACL_ORDERS, this::searchOrders);
        r.route("GET", "/V1/orders/{id}", ACL_ORDERS, this::getOrder);
        r.route("POST", "/V1/orders/{id}/cancel", ACL_CANCEL, this::cancel);
        r.route("POST", "/V1/orders/{id}/hold", ACL_HOLD, this::hold);
        r.route("POST", "/V1/orders/{id}/unhold", ACL_UNHOLD, this::unhold);
        r.route("POST", "/V1/orders/{id}/comments", ACL_COMMENT, this::addComment);
        r.route("POST", "/V1/order/{orderId}/ship", ACL_SHIP, this::ship);
        r.route("GET", "/V1/shipments", ACL_SHIPMENTS, this::searchShipments);
        r.route("GET", "/V1/shipment/{id}", ACL_SHIPMENTS, this::getShipment);
    }

    private SimResponse getOrder(SimRequest request) {
        int id = entityId(request.param("id"));
        ObjectNode order = orders.snapshot(id).orElseThrow(OrderRoutes::notFound);
        return SimResponse.ok(order);
    }

    private SimResponse searchOrders(SimRequest request) {
        SearchCriteria criteria = criteria(request);
        return SimResponse.ok(orders.search(criteria));
    }

    /** {@code OrderService::cancel}: JSON {@code true}, or {@code false} (HTTP 200) when canCancel does not hold. */
    private SimResponse cancel(SimRequest request) {
        Orders.Record r = record(request);
        boolean canceled;
        synchronized (r) {
            canceled = OrderActions.cancel(orders, r);
        }
        return SimResponse.okRaw(canceled ? Json.TRUE : Json.FALSE);
    }

    private SimResponse hold(SimRequest request) {
        Orders.Record r = record(request);
        synchronized (r) {
            OrderActions.hold(orders, r);
        }
        return SimResponse.okRaw(Json.TRUE);
    }

    private SimResponse unhold(SimRequest request) {
        Orders.Record r = record(request);
        synchronized (r) {
            OrderActions.unhold(orders, r);
        }
        return SimResponse.okRaw(Json.TRUE);
    }

    private SimResponse addComment(SimRequest request) {
        int id = entityId(request.param("id"));
        OrderActions.Comment comment = OrderActions.parseComment(request.json());
        Orders.Record r = orders.record(id);
        if (r == null) {
            throw notFound();
        }
        synchronized (r) {
            OrderActions.addComment(orders, r, comment);
        }
        return SimResponse.okRaw(Json.TRUE);
    }

    private Orders.Record record(SimRequest request) {
        Orders.Record r = orders.record(entityId(request.param("id")));
        if (r == null) {
            throw notFound();
        }
        return r;
    }

    private SimResponse ship(SimRequest request) {
        ShipOrder.Request body = ShipOrder.parse(request.body());
        int orderId = entityId(request.param("orderId"));
        int shipmentId = ShipOrder.execute(orders, catalog, orderId, body);
        return SimResponse.okString(String.valueOf(shipmentId));
    }

    private SimResponse searchShipments(SimRequest request) {
        SearchCriteria criteria = criteria(request);
        return SimResponse.ok(criteria.apply(orders.allShipments()));
    }

    private SimResponse getShipment(SimRequest request) {
        int id = entityId(request.param("id"));
        ObjectNode shipment = orders.shipment(id).orElseThrow(OrderRoutes::notFound);
        return SimResponse.ok(shipment);
    }

    private static SearchCriteria criteria(SimRequest request) {
        SearchCriteria criteria = SearchCriteria.parse(request.rawQuery());
        if (!criteria.present()) {
            throw MagentoErrors.required("searchCriteria");
        }
        return criteria;
    }

    /** A path id typed {@code int} in Magento's service signature. */
    private static int entityId(String raw) {
        String t = raw == null ? "" : raw.trim();
        int id;
        try {
            id = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw MagentoErrors.badRequest(MagentoErrors.named(MagentoErrors.INVALID_TYPE,
                    "value", raw, "type", "int"));
        }
        if (id == 0) {
            throw MagentoErrors.badRequest(MagentoErrors.message(ID_NEEDED));
        }
        return id;
    }

    private static MagentoException notFound() {
        return new MagentoException(404, MagentoErrors.message(ShipOrder.ENTITY_NOT_FOUND));
    }
}
