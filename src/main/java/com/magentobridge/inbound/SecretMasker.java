package com.magentobridge.inbound;

import java.io.StringWriter;
import java.util.Iterator;
import java.util.Map;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.cxf.staxutils.StaxUtils;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.magentobridge.security.SecretNames;

/** Renders inbound payloads for the audit store with every credential-bearing field replaced by {@value SecretNames#MASK}. */
@Component
public class SecretMasker {

    public static final String MASK = SecretNames.MASK;

    /** See {@link SecretNames#isSecret}. */
    public static boolean isSecretName(String name) {
        return SecretNames.isSecret(name);
    }

    /**
     * Serialises the element with secret elements' text masked; the input is left untouched. Only a request that
     * holds a secret is copied to be masked (inventory messages of hundreds of lines usually hold none).
     */
    public String maskXml(Element element) {
        Element masked = element;
        if (holdsSecret(element)) {
            masked = (Element) element.cloneNode(true);
            maskElements(masked);
        }
        try {
            StringWriter out = new StringWriter(4096);
            XMLStreamWriter writer = StaxUtils.createXMLStreamWriter(out);
            StaxUtils.writeElement(masked, writer, true);
            writer.flush();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Could not serialise the request for the audit store", e);
        }
    }

    private static boolean holdsSecret(Element element) {
        if (isSecretName(SoapInventoryReader.localName(element))) {
            return true;
        }
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE && holdsSecret((Element) node)) {
                return true;
            }
        }
        return false;
    }

    private static void maskElements(Element element) {
        if (isSecretName(SoapInventoryReader.localName(element))) {
            element.setTextContent(MASK);
            return;
        }
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                maskElements((Element) node);
            }
        }
    }

    /** Masks secret keys at any depth of a JSON tree, in place, and returns the tree's text. */
    public String maskJson(JsonNode tree) {
        maskNode(tree);
        return tree.toString();
    }

    private static void maskNode(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (isSecretName(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(object.textNode(MASK));
                } else {
                    maskNode(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(SecretMasker::maskNode);
        }
    }
}
