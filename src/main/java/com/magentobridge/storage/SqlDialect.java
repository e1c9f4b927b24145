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
    private final boolean singleProcess;

    public SqlDialect(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            postgres = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            String url = connection.getMetaData().getURL().toLowerCase(Locale.ROOT);
            singleProcess = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:")
                    && !url.contains("auto_server=true");
        }
    }

    /** An embedded H2 (file or memory) that no other process can open: this bridge is its only writer. */
    public boolean isSingleProcess() {
        return singleProcess;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Picks the statement written for this engine; both must have the same named parameters. */
    public String choose(String h2Sql, String postgresSql) {
        return postgres ? postgresSql : h2Sql;
    }
}
