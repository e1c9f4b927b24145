package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Shared Jackson configuration and small JSON helpers for the simulator. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    static final byte[] EMPTY_ARRAY = "[]".getBytes(StandardCharsets.US_ASCII);
    static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

    private Json() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON string literal, e.g. {@code "190"} – Magento answers ids of saved entities like this. */
    static byte[] string(String value) {
        return bytes(NODES.textNode(value));
    }

    /**
     * Magento prints whole decimals without fraction ({@code "qty":30}); keep others plain ({@code 12.5}).
     */
    static Number magentoNumber(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            BigInteger whole = stripped.toBigIntegerExact();
            return whole.bitLength() < 63 ? (Number) whole.longValue() : whole;
        }
        return stripped;
    }

    /**
     * Accepts what Magento's webapi type conversion accepts for a float field: JSON numbers and numeric strings.
     * Returns {@code null} if the node is not numeric.
     */
    static BigDecimal decimal(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            String t = node.textValue().trim();
            if (t.isEmpty()) {
                return null;
            }
            try {
                return new BigDecimal(t);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** Integer from a JSON integer, an integral decimal or a numeric string; {@code null} otherwise. */
    static Integer integer(JsonNode node) {
        BigDecimal d = decimal(node);
        if (d == null) {
            return null;
        }
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** Boolean from true/false, 0/1 or "0"/"1"/"true"/"false"; {@code null} otherwise. */
    static Boolean bool(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            String t = node.textValue().trim();
            if ("true".equalsIgnoreCase(t)) {
                return Boolean.TRUE;
            }
            if ("false".equalsIgnoreCase(t) || t.isEmpty()) {
                return Boolean.FALSE;
            }
        }
        Integer i = integer(node);
        if (i == null) {
            return null;
        }
        if (i == 0) {
            return Boolean.FALSE;
        }
        if (i == 1) {
            return Boolean.TRUE;
        }
        return null;
    }

    /** Text of a value node for error messages. */
    static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    /** Puts a decimal the way Magento prints it: whole values as JSON integers ({@code 1}), others plain. */
    static void putNumber(ObjectNode target, String field, BigDecimal value) {
        if (value == null) {
            target.putNull(field);
            return;
        }
        Number n = magentoNumber(value);
        if (n instanceof Long l) {
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                target.put(field, l.intValue());
            } else {
                target.put(field, l);
            }
        } else if (n instanceof BigDecimal d) {
            target.put(field, d);
        } else {
            target.put(field, new BigDecimal(n.toString()));
        }
    }
}
