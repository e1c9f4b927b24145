package com.magentobridge.inbound;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

/**
 * Reads the REST twin's JSON {@code {productQtys, productSeqs, messageSeqId}}. Like Magento's web-API input
 * processor it takes camelCase and snake_case keys, and numbers or strings for values.
 */
@Component
public class RestInventoryReader {

    public static final String OPERATION = "POST /V1/orderflow/inventory";

    private final InventoryMessageAssembler assembler;

    public RestInventoryReader(InventoryMessageAssembler assembler) {
        this.assembler = assembler;
    }

    public InventoryMessage read(JsonNode body) {
        RawInventoryItems raw = new RawInventoryItems(OPERATION);
        raw.messageSeqId(text(field(body, "messageSeqId", "message_seq_id")));
        for (JsonNode item : list(body, "productQtys", "product_qtys")) {
            raw.addQuantity(text(item.get("sku")), text(item.get("qty")), text(item.get("source")));
        }
        for (JsonNode item : list(body, "productSeqs", "product_seqs")) {
            raw.addSequence(text(item.get("sku")), text(item.get("seq")),
                    text(field(item, "lastOrderExported", "last_order_exported")));
        }
        return assembler.assemble(raw);
    }

    static Iterable<JsonNode> list(JsonNode body, String camel, String snake) {
        JsonNode node = field(body, camel, snake);
        if (node == null || node.isNull()) {
            return java.util.List.of();
        }
        if (!node.isArray()) {
            throw new InboundRejectedException(camel + " must be a list");
        }
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw new InboundRejectedException("Every item of " + camel + " must be an object");
            }
        }
        return node;
    }

    static JsonNode field(JsonNode node, String camel, String snake) {
        JsonNode value = node.get(camel);
        return value != null ? value : node.get(snake);
    }

    static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isContainerNode()) {
            throw new InboundRejectedException("Expected a value, found " + node.getNodeType().name().toLowerCase() + " " + node);
        }
        return node.asText();
    }
}
