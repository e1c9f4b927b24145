package com.magentobridge.inbound;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;

/**
 * The SOAP edge: finds the operation element in the CXF payload, names the flow it belongs to and the store
 * code from the URL ({@code /soap/{storeCode}}), and keeps a masked copy of the request for the audit store.
 */
@Component
public class SoapInbound {

    public static final String FLOW = "BridgeFlow";
    public static final String OPERATION = "BridgeSoapOperation";
    public static final String REQUEST_ELEMENT = "BridgeSoapRequestElement";
    public static final String STORE_CODE = "BridgeStoreCode";
    public static final String CHANNEL = "BridgeChannel";
    public static final String AUDIT_BODY = "BridgeAuditBody";

    private static final Pattern STORE_IN_PATH = Pattern.compile("/soap/([A-Za-z0-9_]+)/?$");

    private final SecretMasker masker;

    public SoapInbound(SecretMasker masker) {
        this.masker = masker;
    }

    /** Sets the flow, operation, store and audit headers; the body becomes the operation element. */
    public void identify(Exchange exchange) {
        Element request = operationElement(exchange.getIn().getBody(CxfPayload.class));
        String localName = SoapInventoryReader.localName(request);
        SoapOperation operation = SoapOperation.forElement(localName)
                .orElseThrow(() -> new InboundRejectedException("Unknown operation " + describe(request)
                        + ": this endpoint serves " + List.of(SoapOperation.values())
                        .stream().map(SoapOperation::operationName).toList()));
        exchange.getIn().setHeader(FLOW, operation.flow());
        exchange.getIn().setHeader(OPERATION, operation);
        exchange.getIn().setHeader(REQUEST_ELEMENT, request);
        exchange.getIn().setHeader(STORE_CODE, storeCode(exchange));
        exchange.getIn().setHeader(CHANNEL, "soap");
        exchange.getIn().setHeader(AUDIT_BODY, masker.maskXml(request));
        exchange.getIn().setBody(request);
    }

    private static Element operationElement(CxfPayload<?> payload) {
        if (payload == null || payload.getBody() == null || payload.getBody().isEmpty()) {
            throw new InboundRejectedException("The SOAP body is empty: expected an operation element");
        }
        List<Element> body = payload.getBody();
        if (body.size() > 1) {
            throw new InboundRejectedException("The SOAP body holds " + body.size() + " elements: expected exactly one operation");
        }
        return body.get(0);
    }

    private static String describe(Element element) {
        String ns = element.getNamespaceURI();
        return (ns == null || ns.isEmpty() ? "" : "{" + ns + "}") + SoapInventoryReader.localName(element);
    }

    static String storeCode(Exchange exchange) {
        org.apache.cxf.message.Message cxfMessage =
                exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, org.apache.cxf.message.Message.class);
        if (cxfMessage != null && cxfMessage.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest http) {
            Matcher matcher = STORE_IN_PATH.matcher(http.getRequestURI());
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return "default";
    }
}
