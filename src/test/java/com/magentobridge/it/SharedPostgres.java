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
}
