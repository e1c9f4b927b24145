package com.magentobridge.inbound;

import java.util.ArrayList;
import java.util.List;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads both SOAP shapes of an inventory multi-update by local names only:
 * Magento 2 ({@code productQtys/item/{sku,qty,source}}, {@code productSeqs/item/{sku,seq,lastOrderExported}})
 * and Magento 1 ({@code skusQty|skuQty/item/{key,value}}, {@code skusSeqId|skuSeqId/item/{key,value,lastOrderExported}};
 * WS-I items are {@code complexObjectArray} elements, so any child element counts as an item).
 */
@Component
public class SoapInventoryReader {

    private final InventoryMessageAssembler assembler;

    public SoapInventoryReader(InventoryMessageAssembler assembler) {
        this.assembler = assembler;
    }

    public InventoryMessage read(@Header(SoapInbound.OPERATION) SoapOperation operation, @Body Element request) {
        RawInventoryItems raw = new RawInventoryItems(operation.operationName());
        raw.messageSeqId(childText(request, "messageSeqId"));
        if (operation.shape() == SoapOperation.Shape.MAGENTO2) {
            for (Element item : items(request, "productQtys")) {
                raw.addQuantity(childText(item, "sku"), childText(item, "qty"), childText(item, "source"));
            }
            for (Element item : items(request, "productSeqs")) {
                raw.addSequence(childText(item, "sku"), childText(item, "seq"), childText(item, "lastOrderExported"));
            }
        } else {
            for (Element item : items(request, "skusQty", "skuQty")) {
                raw.addQuantity(childText(item, "key"), childText(item, "value"), childText(item, "source"));
            }
            for (Element item : items(request, "skusSeqId", "skuSeqId")) {
                raw.addSequence(childText(item, "key"), childText(item, "value"), childText(item, "lastOrderExported"));
            }
        }
        return assembler.assemble(raw);
    }

    static List<Element> items(Element parent, String... containerNames) {
        List<Element> result = new ArrayList<>();
        for (Element child : children(parent)) {
            for (String name : containerNames) {
                if (name.equals(localName(child))) {
                    result.addAll(children(child));
                }
            }
        }
        return result;
    }

    static String childText(Element parent, String localName) {
        for (Element child : children(parent)) {
            if (localName.equals(localName(child))) {
                return isNil(child) ? null : child.getTextContent();
            }
        }
        return null;
    }

    static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                result.add((Element) node);
            }
        }
        return result;
    }

    static String localName(Node node) {
        String local = node.getLocalName();
        return local != null ? local : node.getNodeName();
    }

    private static boolean isNil(Element element) {
        return "true".equals(element.getAttributeNS("http://www.w3.org/2001/XMLSchema-instance", "nil"));
    }
}
