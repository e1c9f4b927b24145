package com.magentobridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** One embedded PostgreSQL per test JVM (a real server process from the zonky binaries, no Docker). */
public final class SharedPostgres {

    public static final EmbeddedPostgres SERVER = start();

    private SharedPostgres() {
    }

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public static String jdbcUrl() {
        return SERVER.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
    }

    /** A database of its own on the shared server (created on first use), for a context that must not share tables. */
    public static synchronized String jdbcUrl(String database) {
        if (!database.matches("[a-z_]+")) {
            throw new IllegalArgumentException("database names here are lower-case letters and underscores: " + database);
        }
        try (java.sql.Connection connection = SERVER.getPostgresDatabase().getConnection();
             java.sql.Statement statement = connection.createStatement()) {
            try (java.sql.ResultSet exists = statement.executeQuery(
                    "SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create database " + database, e);
        }
        return SERVER.getJdbcUrl("postgres", database) + "&reWriteBatchedInserts=true";
    }

    /** A pooled data source on a database of its own ({@link #jdbcUrl(String)}), migrated by Flyway. */
    public static com.zaxxer.hikari.HikariDataSource migrated(String database) {
        com.zaxxer.hikari.HikariDataSource dataSource = new com.zaxxer.hikari.HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl(database));
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        return dataSource;
    }
}
