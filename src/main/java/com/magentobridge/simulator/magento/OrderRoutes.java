package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sales routes of the simulator: order reads, order search, ship, shipment reads. ACL resources as declared by
 * Magento 2.3.1+ ({@code Magento_Sales::actions_view}, {@code ::ship}, {@code ::shipment}).
 */
final class OrderRoutes {

    static final String ACL_ORDERS = "Magento_Sales::actions_view";
    static final String ACL_SHIP = "Magento_Sales::ship";
    static final String ACL_SHIPMENTS = "Magento_Sales::shipment";

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
        return SimResponse.ok(criteria.page(orders.matchingOrders(criteria)));
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
