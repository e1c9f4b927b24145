package com.magentobridge.magento;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.JsonNode;

/** How Magento's REST API writes values: times as "2020-05-08 06:57:20" in UTC, numbers as numbers or strings. */
public final class MagentoValues {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private MagentoValues() {
    }

    /** "2020-05-08 06:57:20" (UTC) → Instant; also accepts ISO-8601; null or blank → null. */
    public static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.trim(), TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notMagentoStyle) {
            return Instant.parse(text.trim());
        }
    }

    /** An instant as Magento writes and filters times (UTC, whole seconds). */
    public static String formatTime(Instant instant) {
        return TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** A numeric field given as a number or a string; missing, null or blank → 0. */
    public static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return BigDecimal.ZERO;
        }
        return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
    }
}
