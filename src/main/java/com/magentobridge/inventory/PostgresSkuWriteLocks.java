package com.magentobridge.inventory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Several instances on one PostgreSQL: session advisory locks, one per SKU and source, held on a connection of their
 * own for the whole batch (read sequences, write to Magento, record). If the node dies, PostgreSQL drops its session
 * and with it the locks, so a peer never waits for a dead node.
 */
public class PostgresSkuWriteLocks implements SkuWriteLocks {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSkuWriteLocks.class);

    // taken one after another in ascending key order (the subquery fixes the order): no two nodes deadlock
    private static final String LOCK = "SELECT pg_advisory_lock(k) FROM (SELECT DISTINCT k FROM unnest(?) AS t(k) ORDER BY k) AS ordered";
    private static final String UNLOCK = "SELECT pg_advisory_unlock_all()";

    private final DataSource dataSource;

    public PostgresSkuWriteLocks(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Held acquire(Collection<SkuSource> keys) {
        Long[] lockKeys = keys.stream().map(SkuWriteLocks::lockKey).distinct().toArray(Long[]::new);
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            Array array = connection.createArrayOf("bigint", lockKeys);
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.setArray(1, array);
                lock.executeQuery().close();
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DataAccessResourceFailureException("SKU write locks not taken: " + e.getMessage(), e);
        }
        Connection held = connection;
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                try (PreparedStatement unlock = held.prepareStatement(UNLOCK)) {
                    unlock.executeQuery().close();
                } catch (SQLException e) {
                    LOG.warn("SKU write locks not released cleanly, closing their connection: {}", e.getMessage());
                    abort(held);
                } finally {
                    closeQuietly(held);
                }
            }
        };
    }

    /** A connection whose locks may still be held must not go back to the pool: closing the session frees them. */
    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("abort failed: {}", e.getMessage());
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("close failed: {}", e.getMessage());
            }
        }
    }
}
