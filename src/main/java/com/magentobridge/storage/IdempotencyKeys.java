package com.magentobridge.storage;

import java.time.OffsetDateTime;
import java.util.Map;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys backed by a UNIQUE key. A duplicate is a clean "false", never an aborted transaction:
 * PostgreSQL uses ON CONFLICT DO NOTHING; H2 keeps the transaction usable after a unique violation.
 */
@Repository
public class IdempotencyKeys {

    private static final String INSERT = """
            INSERT INTO idempotency_key (scope, idem_key, request_id, created_at)
            VALUES (:scope, :key, :requestId, :now)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;

    public IdempotencyKeys(NamedParameterJdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /** Records the key for the request; false when the key was already recorded (a duplicate). */
    public boolean claim(String scope, String key, long requestId) {
        Map<String, Object> params = Map.of("scope", scope, "key", key, "requestId", requestId, "now", OffsetDateTime.now());
        if (dialect.isPostgres()) {
            return jdbc.update(INSERT + " ON CONFLICT DO NOTHING", params) == 1;
        }
        try {
            return jdbc.update(INSERT, params) == 1;
        } catch (DuplicateKeyException duplicate) {
            return false;
        }
    }

    /** The request that first claimed the key, if any. */
    public Long owner(String scope, String key) {
        return jdbc.query("SELECT request_id FROM idempotency_key WHERE scope = :scope AND idem_key = :key",
                Map.of("scope", scope, "key", key), rs -> rs.next() ? rs.getLong(1) : null);
    }
}
