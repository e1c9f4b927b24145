package com.magentobridge.inbound;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;

/**
 * Spring Security checks the back office's credentials (the Authorization header, Basic or Bearer) before a route
 * runs; the edge then takes them off the exchange, from the Camel headers and from CXF's copy of the HTTP headers, so
 * that nothing which prints an exchange later (Camel's exhausted-delivery log with message history, tracing) can show
 * them.
 */
public final class InboundCredentials {

    static final String AUTHORIZATION = "Authorization";

    private InboundCredentials() {
    }

    public static void forget(Exchange exchange) {
        // Camel's headers ignore case
        exchange.getIn().removeHeader(AUTHORIZATION);
        Message cxf = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        if (cxf != null && cxf.get(Message.PROTOCOL_HEADERS) instanceof Map<?, ?> headers) {
            headers.keySet().removeIf(name -> AUTHORIZATION.equalsIgnoreCase(String.valueOf(name)));
        }
    }
}
