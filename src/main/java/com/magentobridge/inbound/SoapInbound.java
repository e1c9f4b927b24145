package com.magentobridge.inbound;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamException;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.CxfPayload;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.staxutils.StaxUtils;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.stereotype.Component;
import org.w3c.dom.Element;
import com.magentobridge.logging.Correlation;
import com.magentobridge.flow.FlowHeaders;

/**
 * The SOAP edge: finds the operation element in the CXF payload, names the flow it belongs to and the store
 * code from the URL ({@code /soap/{storeCode}}), and keeps a masked copy of the request for the audit store.
 */
@Component
public class SoapInbound {

    public static final String OPERATION = "BridgeSoapOperation";
    public static final String REQUEST_ELEMENT = "BridgeSoapRequestElement";

    private static final Pattern STORE_IN_PATH = Pattern.compile("/soap/([A-Za-z0-9_]+)/?$");

    private final SecretMasker masker;

    public SoapInbound(SecretMasker masker) {
        this.masker = masker;
    }

    /** Sets the flow, operation, store and audit headers; the body becomes the operation element. */
    public void identify(Exchange exchange) {
        InboundCredentials.forget(exchange);
        Element request = operationElement(exchange.getIn().getBody(CxfPayload.class));
        String localName = SoapInventoryReader.localName(request);
        SoapOperation operation = SoapOperation.forElement(localName)
                .orElseThrow(() -> new InboundRejectedException("Unknown operation " + describe(request)
                        + ": this endpoint serves " + List.of(SoapOperation.values())
                        .stream().map(SoapOperation::operationName).toList()));
        exchange.getIn().setHeader(FlowHeaders.FLOW, operation.flow());
        Correlation.flow(operation.flow());
        exchange.getIn().setHeader(OPERATION, operation);
        exchange.getIn().setHeader(REQUEST_ELEMENT, request);
        exchange.getIn().setHeader(FlowHeaders.STORE_CODE, checkedStoreCode(storeCode(exchange)));
        exchange.getIn().setHeader(FlowHeaders.CHANNEL, "soap");
        exchange.getIn().setHeader(FlowHeaders.AUDIT_BODY, masker.maskXml(request));
        exchange.getIn().setBody(request);
    }

    /** Reads the body element through CXF's hardened reader, so malformed or too-deep XML is named as such. */
    private static Element operationElement(CxfPayload<?> payload) {
        List<Source> body = payload == null ? null : payload.getBodySources();
        if (body == null || body.isEmpty()) {
            throw new InboundRejectedException("The SOAP body is empty: expected an operation element");
        }
        if (body.size() > 1) {
            throw new InboundRejectedException("The SOAP body holds " + body.size() + " elements: expected exactly one operation");
        }
        Source source = body.get(0);
        if (source instanceof DOMSource dom && dom.getNode() instanceof Element element) {
            return element;
        }
        try {
            Element element = StaxUtils.read(source).getDocumentElement();
            if (element == null) {
                throw new InboundRejectedException("Malformed XML: the operation element is incomplete or unreadable");
            }
            return element;
        } catch (InboundRejectedException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
            throw new InboundRejectedException("Malformed XML: " + cause.getMessage());
        }
    }

    private static String describe(Element element) {
        String ns = element.getNamespaceURI();
        return (ns == null || ns.isEmpty() ? "" : "{" + ns + "}") + SoapInventoryReader.localName(element);
    }

    /** Magento's store table holds codes of at most 32 characters: a longer one in the URL cannot name a store. */
    static final int MAX_STORE_CODE = 32;

    /** The store code from the path, refused (naming the problem) when no Magento store can have it. */
    public static String checkedStoreCode(String code) {
        if (code.length() > MAX_STORE_CODE) {
            throw new InboundRejectedException("Store code '" + code.substring(0, MAX_STORE_CODE) + "…' is "
                    + code.length() + " characters long; Magento store codes have at most " + MAX_STORE_CODE);
        }
        return code;
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
