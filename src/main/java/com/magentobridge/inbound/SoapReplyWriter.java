package com.magentobridge.inbound;

import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds the reply element the extension answers with: {@code <ns:{operation}Response><result>text</result>},
 * in the namespace the request used (it embeds the sender's base URL).
 */
@Component
public class SoapReplyWriter {

    private final DocumentBuilderFactory documents;

    public SoapReplyWriter() {
        documents = DocumentBuilderFactory.newInstance();
        documents.setNamespaceAware(true);
    }

    public void reply(Exchange exchange) {
        SoapOperation operation = exchange.getIn().getHeader(SoapInbound.OPERATION, SoapOperation.class);
        Element request = exchange.getIn().getHeader(SoapInbound.REQUEST_ELEMENT, Element.class);
        String result = exchange.getIn().getBody(String.class);
        Element response = responseElement(operation.responseName(SoapInventoryReader.localName(request)),
                request.getNamespaceURI(), result);
        List<Element> body = new ArrayList<>(1);
        body.add(response);
        exchange.getMessage().setBody(new CxfPayload<>(null, body));
        // Request headers (Authorization among them) must not travel back as response headers.
        exchange.getMessage().removeHeaders("*", "Camel*");
    }

    Element responseElement(String localName, String namespace, String result) {
        try {
            Document doc = documents.newDocumentBuilder().newDocument();
            Element response = namespace == null || namespace.isEmpty()
                    ? doc.createElement(localName)
                    : doc.createElementNS(namespace, "ns1:" + localName);
            Element resultElement = doc.createElementNS(null, "result");
            resultElement.setTextContent(result);
            response.appendChild(resultElement);
            doc.appendChild(response);
            return response;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
