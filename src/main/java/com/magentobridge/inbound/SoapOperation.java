package com.magentobridge.inbound;

import java.util.Optional;

/**
 * The SOAP operations the bridge serves, recognised by the local name of the body element (the namespace
 * embeds the sender's configured base URL, so it is never compared). Magento 2 names the request element
 * either after the operation or with a {@code Request} suffix; Magento 1's WS-I binding uses
 * {@code RequestParam}.
 */
public enum SoapOperation {

    INVENTORY_UPDATE("inventory", "realtimeDespatchOrderFlowInventoryRequestManagementV1Update", Shape.MAGENTO2),
    INVENTORY_MULTI_UPDATE_M1("inventory", "orderflowInventoryMultiUpdate", Shape.MAGENTO1),
    SHIPMENT_CREATE("shipment", "realtimeDespatchOrderFlowShipmentRequestManagementV1Create", Shape.MAGENTO2),
    SHIPMENT_CREATE_M1("shipment", "orderflowShipmentCreate", Shape.MAGENTO1),
    ORDER_STATUS_UPDATE("orderstatus", "realtimeDespatchOrderFlowOrderStatusRequestManagementV1Update", Shape.MAGENTO2);

    public enum Shape { MAGENTO2, MAGENTO1 }

    private final String flow;
    private final String operationName;
    private final Shape shape;

    SoapOperation(String flow, String operationName, Shape shape) {
        this.flow = flow;
        this.operationName = operationName;
        this.shape = shape;
    }

    public String flow() { return flow; }
    public String operationName() { return operationName; }
    public Shape shape() { return shape; }

    /** The reply element's local name for a request element of the given local name. */
    public String responseName(String requestLocalName) {
        if (shape == Shape.MAGENTO1 && requestLocalName.endsWith("RequestParam")) {
            return operationName + "ResponseParam";
        }
        return operationName + "Response";
    }

    public static Optional<SoapOperation> forElement(String localName) {
        for (SoapOperation op : values()) {
            String name = op.operationName;
            if (localName.equals(name) || localName.equals(name + "Request") || localName.equals(name + "RequestParam")) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
