package com.magentobridge.inbound;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

import static com.magentobridge.inbound.SoapInventoryReader.childText;
import static com.magentobridge.inbound.SoapInventoryReader.items;

/**
 * Reads both SOAP shapes of a shipment create by local names only: Magento 2
 * ({@code skuQty/item/{sku,qty,source}}, {@code tracks/item/trackingNumber}) and Magento 1
 * ({@code skuQty/item/{key,value}}; WS-I items are {@code complexObjectArray} elements). The scalar fields
 * have the same names in both.
 */
@Component
public class SoapShipmentReader {

    private final ShipmentMessageAssembler assembler;

    public SoapShipmentReader(ShipmentMessageAssembler assembler) {
        this.assembler = assembler;
    }

    public ShipmentMessage read(@Header(SoapInbound.OPERATION) SoapOperation operation, @Body Element request) {
        RawShipment raw = new RawShipment(operation.operationName());
        raw.messageSeqId(childText(request, "messageSeqId"));
        raw.orderIncrementId(childText(request, "orderIncrementId"));
        for (Element item : items(request, "skuQty", "skusQty")) {
            if (operation.shape() == SoapOperation.Shape.MAGENTO2) {
                raw.addLine(childText(item, "sku"), childText(item, "qty"), childText(item, "source"));
            } else {
                raw.addLine(childText(item, "key"), childText(item, "value"), childText(item, "source"));
            }
        }
        for (Element item : items(request, "tracks")) {
            raw.addTrack(childText(item, "trackingNumber"));
        }
        raw.comment(childText(request, "comment"));
        raw.email(childText(request, "email"));
        raw.includeComment(childText(request, "includeComment"));
        raw.courierName(childText(request, "courierName"));
        raw.serviceName(childText(request, "serviceName"));
        raw.trackingNumber(childText(request, "trackingNumber"));
        raw.dateShipped(childText(request, "dateShipped"));
        return assembler.assemble(raw);
    }
}
