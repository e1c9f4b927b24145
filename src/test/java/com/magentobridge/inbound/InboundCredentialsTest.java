package com.magentobridge.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;

class InboundCredentialsTest {

    @Test
    void theAuthorizationHeaderLeavesTheExchangeAndCxfsCopyOfTheHttpHeaders() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        Map<String, List<String>> httpHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        httpHeaders.put("authorization", List.of("Basic b3JkZXJmbG93OnNlY3JldA=="));
        httpHeaders.put("Content-Type", List.of("text/xml"));
        Message cxf = new MessageImpl();
        cxf.put(Message.PROTOCOL_HEADERS, httpHeaders);
        exchange.getIn().setHeader("Authorization", "Bearer inbound-token");
        exchange.getIn().setHeader(CxfConstants.CAMEL_CXF_MESSAGE, cxf);

        InboundCredentials.forget(exchange);

        assertThat(exchange.getIn().getHeader("authorization")).isNull();
        assertThat(httpHeaders).containsOnlyKeys("Content-Type");
    }

    @Test
    void anExchangeWithoutCredentialsIsLeftAsItIs() {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader("Content-Type", "application/json");

        InboundCredentials.forget(exchange);

        assertThat(exchange.getIn().getHeaders()).containsOnlyKeys("Content-Type");
    }
}
