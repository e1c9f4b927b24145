package com.magentobridge.storage;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.slf4j.LoggerFactory;

/**
 * Where the connection pool gets its connections (see {@link PoolReconnect}): the driver's data source the pool would
 * have built itself, except that on the pool's own threads ({@link #threads()}) a database that cannot be reached is
 * waited for, tried again at a fixed interval ({@link PoolReconnect#RETRY_EVERY} in the bridge), instead of failing into the pool's back-off (which
 * grows to 5 s). The first such failure of an outage still goes to the pool, so its "Connection is not available"
 * errors keep naming the cause; it costs the pool's first 10 ms back-off step. A failure that does not say the database
 * is unreachable ({@link DatabaseAvailability#isOutage}: refused credentials, an unknown database) goes to the pool at
 * once, as before, and so does any failure on another thread: the pool's start-up check runs on the caller's thread,
 * so a bridge started without its database fails as it always did. The wait ends when the connection is made, when
 * the pool is closed, or when the thread is interrupted (then with an {@link SQLException}).
 */
final class ReconnectingDataSource implements DataSource {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ReconnectingDataSource.class);

    /** A thread of the pool this data source serves: the only threads on which it waits. */
    private static final class PoolThread extends Thread {
        private final ReconnectingDataSource owner;

        PoolThread(ReconnectingDataSource owner, Runnable task, String name) {
            super(task, name);
            this.owner = owner;
        }
    }

    @FunctionalInterface
    private interface Attempt {
        Connection connect(DataSource driver) throws SQLException;
    }

    private final Supplier<DataSource> driverFactory;
    private final Supplier<String> poolName;
    private final BooleanSupplier poolClosed;
    private final Duration retryEvery;
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong failuresToPool = new AtomicLong();
    private volatile DataSource driver;
    /** When the current outage began (System.nanoTime) and how many attempts failed in it; 0 while there is none. */
    private final AtomicLong outageSince = new AtomicLong();
    private final AtomicLong outageAttempts = new AtomicLong();

    /**
     * @param driverFactory the driver's data source, built at first use (when the pool starts, as the pool itself
     *                      would: from its settings as they are then)
     * @param poolName      the pool's name, read when a thread is made and in log lines
     * @param poolClosed    whether the pool is closed (closing it does not interrupt its connection adder)
     */
    ReconnectingDataSource(Supplier<DataSource> driverFactory, Supplier<String> poolName, BooleanSupplier poolClosed,
                           Duration retryEvery) {
        this.driverFactory = driverFactory;
        this.poolName = poolName;
        this.poolClosed = poolClosed;
        this.retryEvery = retryEvery;
    }

    /**
     * The pool's threads: daemons, as the pool's own are, named {@code <pool>:worker-<n>} (the pool names its own
     * threads after their use only when it makes them itself).
     */
    ThreadFactory threads() {
        return task -> {
            Thread thread = new PoolThread(this, task, poolName.get() + ":worker-" + threadNumbers.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Attempts that failed because the database could not be reached, on the pool's threads. */
    long failedAttempts() {
        return failedAttempts.get();
    }

    /** Of those, how many the pool saw (one per outage). */
    long failuresToPool() {
        return failuresToPool.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(DataSource::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return connect(driver -> driver.getConnection(username, password));
    }

    private Connection connect(Attempt attempt) throws SQLException {
        if (!(Thread.currentThread() instanceof PoolThread thread) || thread.owner != this) {
            return attempt.connect(driver());
        }
        while (true) {
            Connection connection;
            try {
                connection = attempt.connect(driver());
            } catch (SQLException failure) {
                if (!DatabaseAvailability.isOutage(failure)) {
                    throw failure;
                }
                failedAttempts.incrementAndGet();
                outageAttempts.incrementAndGet();
                if (outageSince.compareAndSet(0, System.nanoTime())) {
                    failuresToPool.incrementAndGet();
                    LOG.info("{} cannot reach the database ({}): it tries again every {} ms until it can",
                            poolName.get(), DatabaseAvailability.describe(failure), retryEvery.toMillis());
                    throw failure;
                }
                pause(failure);
                continue;
            }
            long since = outageSince.getAndSet(0);
            if (since != 0) {
                LOG.info("{} reaches the database again, after {} failed attempts in {} ms", poolName.get(),
                        outageAttempts.getAndSet(0), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
            }
            return connection;
        }
    }

    /** Waits before the next attempt, unless the pool is closed or the thread interrupted. */
    private void pause(SQLException failure) throws SQLException {
        if (poolClosed.getAsBoolean()) {
            throw new SQLTransientConnectionException(poolName.get() + " is closed: it no longer waits for the database",
                    failure.getSQLState(), failure);
        }
        try {
            TimeUnit.MILLISECONDS.sleep(retryEvery.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(poolName.get() + " was interrupted while waiting for the database",
                    failure.getSQLState(), failure);
        }
    }

    private DataSource driver() {
        DataSource current = driver;
        if (current == null) {
            synchronized (this) {
                if (driver == null) {
                    driver = driverFactory.get();
                }
                current = driver;
            }
        }
        return current;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver().getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver().setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver().setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver().getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver().getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : driver().unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver().isWrapperFor(type);
    }
}
