package com.magentobridge.storage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The cursors of a poll of Magento (order import, product poll): per store, the newest {@code updated_at} committed,
 * which only moves forward. The table (a constant of the poll, checked to be a plain identifier) has the columns
 * {@code store_code}, {@code cursor_at}, {@code moved_at}; values are named parameters.
 */
public final class ImportCursors {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_]+");

    private final NamedParameterJdbcTemplate jdbc;
    private final String select;
    private final String move;
    private final String insert;

    public ImportCursors(NamedParameterJdbcTemplate jdbc, String table) {
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain identifier: " + table);
        }
        this.jdbc = jdbc;
        this.select = "SELECT cursor_at FROM " + table + " WHERE store_code = :store";
        this.move = "UPDATE " + table + " SET cursor_at = :to, moved_at = :now WHERE store_code = :store"
                + " AND cursor_at < :to";
        this.insert = "INSERT INTO " + table + " (store_code, cursor_at, moved_at) VALUES (:store, :to, :now)";
    }

    public Optional<Instant> cursor(String storeCode) {
        return jdbc.query(select, Map.of("store", storeCode),
                rs -> rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant()) : Optional.empty());
    }

    /** Moves the store's cursor to {@code to} unless it is already there or later. */
    public void advance(String storeCode, Instant to) {
        Map<String, Object> params = Map.of("store", storeCode, "to", to.atOffset(ZoneOffset.UTC),
                "now", InboxStore.now());
        int moved = jdbc.update(move, params);
        if (moved == 0 && cursor(storeCode).isEmpty()) {
            jdbc.update(insert, params);
        }
    }
}
