package com.magentobridge.it;

/** Shipment calls as OrderFlow sends them (the seed guide's Magento 2 envelope, and Magento 1's key/value shape). */
final class ShipmentEnvelopes {

    private ShipmentEnvelopes() {
    }

    static String m2(long messageSeqId, String orderIncrementId, String linesXml, String extraXml) {
        return "<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:ns1=\"http://orderflow.example/soap/default?services=realtimeDespatchOrderFlowShipmentRequestManagementV1\">"
                + "<SOAP-ENV:Body><ns1:realtimeDespatchOrderFlowShipmentRequestManagementV1CreateRequest>"
                + "<sessionId>session-token-that-must-not-be-stored</sessionId>"
                + (orderIncrementId == null ? "" : "<orderIncrementId>" + orderIncrementId + "</orderIncrementId>")
                + "<skuQty>" + linesXml + "</skuQty>" + extraXml
                + "<messageSeqId>" + messageSeqId + "</messageSeqId>"
                + "</ns1:realtimeDespatchOrderFlowShipmentRequestManagementV1CreateRequest></SOAP-ENV:Body></SOAP-ENV:Envelope>";
    }

    static String line(String sku, String qty) {
        return "<item><sku>" + sku + "</sku><qty>" + qty + "</qty></item>";
    }

    static String line(String sku, String qty, String source) {
        return "<item><sku>" + sku + "</sku><qty>" + qty + "</qty><source>" + source + "</source></item>";
    }

    static String m1(long messageSeqId, String orderIncrementId, String sku, int qty) {
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:urn=\"urn:Magento\">"
                + "<soapenv:Body><urn:orderflowShipmentCreate><sessionId>abc</sessionId>"
                + "<orderIncrementId>" + orderIncrementId + "</orderIncrementId>"
                + "<skuQty><item><key>" + sku + "</key><value>" + qty + "</value></item></skuQty>"
                + "<comment></comment><email>0</email><includeComment>0</includeComment><courierName>DHL</courierName>"
                + "<serviceName>Express</serviceName><trackingNumber>JD0001</trackingNumber>"
                + "<dateShipped>2026-11-20</dateShipped><messageSeqId>" + messageSeqId + "</messageSeqId>"
                + "</urn:orderflowShipmentCreate></soapenv:Body></soapenv:Envelope>";
    }
}
