package com.magentobridge.inbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import com.magentobridge.logging.Correlation;
import com.magentobridge.flow.FlowHeaders;

/**
 * The REST edge, Magento's own web-API paths for the extension's services:
 * {@code POST /rest[/{storeCode}]/V1/orderflow/{inventory|shipment|order-status}[/]}. Parses the JSON body once and keeps
 * a masked copy for the audit store.
 */
@Component
public class RestInbound {

    private static final Pattern PATH = Pattern.compile("^/?(?:([A-Za-z0-9_]+)/)?V1/orderflow/(inventory|shipment|order-status)/?$");

    private final ObjectMapper json;
    private final SecretMasker masker;

    public RestInbound(ObjectMapper json, SecretMasker masker) {
        this.json = json;
        this.masker = masker;
    }

    public void identify(Exchange exchange) {
        InboundCredentials.forget(exchange);
        String path = exchange.getIn().getHeader(Exchange.HTTP_PATH, "", String.class);
        Matcher matcher = PATH.matcher(path);
        if (!matcher.matches()) {
            throw new InboundRejectedException("Request does not match any route: POST /rest" + path, 404);
        }
        String flow = matcher.group(2).replace("-", "");
        JsonNode tree;
        try {
            String body = exchange.getIn().getBody(String.class);
            tree = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InboundRejectedException("Malformed JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InboundRejectedException("The request body must be a JSON object");
        }
        exchange.getIn().setHeader(FlowHeaders.FLOW, flow);
        Correlation.flow(flow);
        exchange.getIn().setHeader(FlowHeaders.STORE_CODE,
                matcher.group(1) == null ? "default" : SoapInbound.checkedStoreCode(matcher.group(1)));
        exchange.getIn().setHeader(FlowHeaders.CHANNEL, "rest");
        exchange.getIn().setHeader(FlowHeaders.AUDIT_BODY, masker.maskJson(tree.deepCopy()));
        exchange.getIn().setBody(tree);
    }
}
