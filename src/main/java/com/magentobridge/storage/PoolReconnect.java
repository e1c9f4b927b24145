package com.magentobridge.storage;

import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;

/**
 * Acknowledgements resume as soon as the database is back, however long it was gone. The pool (HikariCP) adds
 * connections on a thread of its own, and after each failed attempt it waits twice as long as after the last, from
 * 10 ms up to 5 s, with no setting for it: after an outage of ten seconds or more it tried only every 5 s, and the
 * database check ({@link DatabaseAvailability}), which asks through the pool, waited up to that long for a connection
 * after PostgreSQL was back. So, before the pool starts, its connections come through a {@link ReconnectingDataSource}
 * on threads the bridge makes for it: on those threads a database that cannot be reached is tried again every
 * {@link #RETRY_EVERY} until it answers. Everything else is as the pool does it: the same driver data source
 * (Hikari's own, from the same URL, driver properties — the timeouts {@link DatabaseTimeouts} sets — and credentials),
 * the same connection set-up ({@code connectionInitSql}, see {@link DurableH2Commits}), the pool's start-up check on
 * the caller's thread failing at once. The pool's URL stays set ({@link NodeLiveness} opens its own connection from it).
 * <p>
 * What ops see: the log says once per outage that the pool cannot reach the database and once that it reaches it
 * again (with the attempts and the time); the pool's threads are named {@code HikariPool-1:worker-<n>} instead of
 * Hikari's own {@code :connection-adder}, {@code :housekeeper}…; the pool's connection-creation timer
 * ({@code hikaricp_connections_creation}) counts a wait for the database as the time of the one attempt it ends.
 * A pool configured otherwise (its own data source, data source class or thread factory) is left as it is.
 */
@Component
public class PoolReconnect implements BeanPostProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(PoolReconnect.class);

    /**
     * How often the pool's connection adder tries a database it cannot reach: a refused connection costs the server
     * next to nothing (at most five a second from each bridge), and the first connection after the database is back
     * comes at most this late — well within the database check's second.
     */
    static final Duration RETRY_EVERY = Duration.ofMillis(200);

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool) {
            install(pool, RETRY_EVERY);
        }
        return bean;
    }

    /** Puts the reconnecting data source and its threads in place; null when the pool is configured otherwise. */
    static ReconnectingDataSource install(HikariDataSource pool, Duration retryEvery) {
        if (pool.getJdbcUrl() == null || pool.getDataSource() != null || pool.getDataSourceClassName() != null
                || pool.getDataSourceJNDI() != null || pool.getThreadFactory() != null) {
            LOG.debug("pool {} has a data source or thread factory of its own: its connections are left as they are",
                    pool.getPoolName());
            return null;
        }
        ReconnectingDataSource connections = new ReconnectingDataSource(() -> driver(pool), pool::getPoolName,
                pool::isClosed, retryEvery);
        pool.setThreadFactory(connections.threads());
        pool.setDataSource(connections);
        return connections;
    }

    /** What the pool builds from its settings when it has no data source of its own, read as it starts. */
    private static DataSource driver(HikariDataSource pool) {
        return new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(), pool.getDataSourceProperties(),
                pool.getUsername(), pool.getPassword());
    }
}
