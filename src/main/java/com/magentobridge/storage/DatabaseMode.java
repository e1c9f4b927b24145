package com.magentobridge.storage;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.magentobridge.config.BridgeProperties;

/**
 * Keeps demo data out of a real deployment: the first start marks the database as written by demo mode or by a
 * real bridge, and a start of the other kind refuses it (before any route runs), naming the database and what to do.
 */
@Component
@DependsOnDatabaseInitialization
public class DatabaseMode {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMode.class);
    static final String DEMO = "demo";
    static final String REAL = "real";

    private final String mode;

    public DatabaseMode(DataSource dataSource, BridgeProperties properties) {
        this.mode = properties.getDemo().isEnabled() ? DEMO : REAL;
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String where = databaseName(jdbc);
        String marked = markedMode(jdbc);
        if (marked == null) {
            if (DEMO.equals(mode) && holdsMessages(jdbc)) {
                throw new UnsafeDatabaseException("demo mode would write into the database " + where
                        + ", which holds messages a bridge received before databases were marked demo or real",
                        "Start demo mode without SPRING_DATASOURCE_URL (it then uses its own file, "
                                + "./data/magento-bridge-demo) or point it at an empty database.");
            }
            marked = mark(jdbc);
        }
        if (!marked.equals(mode)) {
            throw DEMO.equals(marked)
                    ? new UnsafeDatabaseException("the database " + where + " was written by demo mode "
                            + "(BRIDGE_DEMO_ENABLED=true): its applied sequences, import cursors and audit rows are the "
                            + "simulators', and would supersede real stock updates and orders",
                            "Point SPRING_DATASOURCE_URL at the real deployment's own database (without it the bridge uses "
                                    + "./data/magento-bridge), or delete the demo database if you no longer need it.")
                    : new UnsafeDatabaseException("demo mode would write into the database " + where
                            + ", which a real bridge writes (its demo traffic and simulator orders would mix with real ones)",
                            "Start demo mode without SPRING_DATASOURCE_URL (it then uses its own file, "
                                    + "./data/magento-bridge-demo).");
        }
        LOG.info("Database {} is a {} database", where, mode);
    }

    /** {@code demo} or {@code real}: what this start writes. */
    public String mode() {
        return mode;
    }

    private static String markedMode(JdbcTemplate jdbc) {
        List<String> rows = jdbc.queryForList("SELECT mode FROM bridge_database WHERE id = 1", String.class);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private String mark(JdbcTemplate jdbc) {
        try {
            jdbc.update("INSERT INTO bridge_database (id, mode, marked_at) VALUES (1, ?, ?)", mode,
                    OffsetDateTime.now(ZoneOffset.UTC));
            return mode;
        } catch (DuplicateKeyException anotherNodeMarkedIt) {
            return markedMode(jdbc);
        }
    }

    private static boolean holdsMessages(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM inbound_request) OR EXISTS (SELECT 1 FROM order_ledger)", Boolean.class));
    }

    /** The database's URL without its settings (which may carry a password), or its product name. */
    private static String databaseName(JdbcTemplate jdbc) {
        return jdbc.execute((ConnectionCallback<String>) connection ->
                DurableH2Commits.withoutSettings(connection.getMetaData().getURL()));
    }
}
