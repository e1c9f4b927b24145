package com.magentobridge.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/** The one place that knows which engine runs: H2 (embedded default) or PostgreSQL (shared by several instances). */
@Component
public class SqlDialect {

    private final boolean postgres;

    public SqlDialect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        }
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Picks the statement written for this engine; both must have the same named parameters. */
    public String choose(String h2Sql, String postgresSql) {
        return postgres ? postgresSql : h2Sql;
    }
}
