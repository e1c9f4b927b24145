package com.magentobridge.storage;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import com.magentobridge.config.BridgeProperties;

/**
 * Whether the database can store a message now, known without asking it: a database that does not answer must not hold
 * the back office's calls (nor the processing runs) for the pool's wait each. A failure that shows the database is
 * unreachable — no connection within {@code bridge.inbound.store-timeout}, a connection refused, reset or closed by the
 * server, a read that timed out — marks it DOWN ({@link #failed}); a constraint or SQL error does not. While it is DOWN
 * the inbound gate answers 503 at once, the receipt and the processing runs do not touch the pool, and the {@code db}
 * health component (readiness) is DOWN; a check on a thread of its own ({@code database-check}) asks the database
 * every 200 ms (a pooled connection, {@code isValid}) and marks it UP as soon as it answers, so acknowledgements resume
 * without a restart.
 */
@Component
public class DatabaseAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseAvailability.class);

    /**
     * How long after a failed check the next one starts: as often as the pool tries to reconnect
     * ({@link ReconnectingDataSource}), so acknowledgements resume within a fraction of a second of the database's return.
     */
    static final Duration CHECK_INTERVAL = Duration.ofMillis(200);
    /** How long a connection the pool handed out may take to say it is valid. */
    private static final int VALID_SECONDS = 1;

    /** Since when, and why, the database is unavailable. */
    public record Outage(Instant since, String reason) { }

    private final DataSource dataSource;
    private final boolean postgres;
    private final int storeTimeoutMillis;
    private final Duration checkInterval;
    private final Clock clock;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "database-check");
        thread.setDaemon(true);
        return thread;
    });
    /** Null while the database is available; read without a lock, changed under this object's lock. */
    private volatile Outage outage;
    private ScheduledFuture<?> check;

    @Autowired
    public DatabaseAvailability(DataSource dataSource, SqlDialect dialect, BridgeProperties properties) {
        this(dataSource, dialect.isPostgres(), properties.getInbound().getStoreTimeout(), CHECK_INTERVAL, Clock.systemUTC());
    }

    DatabaseAvailability(DataSource dataSource, boolean postgres, Duration storeTimeout, Duration checkInterval, Clock clock) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.storeTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, storeTimeout.toMillis());
        this.checkInterval = checkInterval;
        this.clock = clock;
    }

    public boolean isAvailable() {
        return outage == null;
    }

    /** Since when and why the database is known to be unavailable; empty while it is available. */
    public Optional<Outage> outage() {
        return Optional.ofNullable(outage);
    }

    /**
     * A storage failure: if it shows the database is unreachable, the database is marked DOWN (and checked every 200 ms
     * until it answers). True when it did.
     */
    public boolean failed(Throwable failure) {
        if (!isOutage(failure)) {
            return false;
        }
        markDown(describe(failure));
        return true;
    }

    /**
     * Asks the database now, unless it is known to be down: a pooled connection (the pool waits at most the store
     * timeout) that says it is valid within a second. A database that does not answer is marked DOWN.
     */
    public Optional<Outage> verify() {
        Outage known = outage;
        if (known != null) {
            return Optional.of(known);
        }
        String problem = probe();
        if (problem != null) {
            markDown(problem);
        }
        return outage();
    }

    /**
     * On PostgreSQL, every read of the current transaction's connection waits at most the store timeout: a server that
     * stopped answering (frozen, or cut off without a reset) cannot hold the request thread — nor the connection, which
     * the driver closes — until TCP gives up. The pool puts the connection's own timeout back when it is returned.
     */
    public void boundCurrentTransaction() {
        if (!postgres) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.setNetworkTimeout(Runnable::run, storeTimeoutMillis);
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("cannot bound the connection's reads", e);
        }
    }

    private void markDown(String reason) {
        synchronized (this) {
            if (outage != null) {
                return;
            }
            outage = new Outage(clock.instant(), reason);
            check = checker.scheduleWithFixedDelay(this::check, checkInterval.toMillis(), checkInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        LOG.warn("The database is unavailable ({}): inbound calls are answered 503 and processing waits until it "
                + "answers again (checked every {} ms)", reason, checkInterval.toMillis());
    }

    /** The background check, while the database is down. */
    void check() {
        String problem = probe();
        if (problem != null) {
            LOG.debug("the database still does not answer: {}", problem);
            return;
        }
        Outage ended;
        synchronized (this) {
            ended = outage;
            outage = null;
            if (check != null) {
                check.cancel(false);
                check = null;
            }
        }
        if (ended != null) {
            LOG.info("The database answers again after {} ms: inbound calls are acknowledged again",
                    Duration.between(ended.since(), clock.instant()).toMillis());
        }
    }

    /** Null when the database answered; otherwise why not. */
    private String probe() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALID_SECONDS) ? null
                    : "a connection did not answer within " + VALID_SECONDS + " s";
        } catch (SQLException | RuntimeException e) {
            return describe(e);
        }
    }

    @PreDestroy
    void stop() {
        checker.shutdownNow();
    }

    /**
     * Failures that say the database cannot be reached, whatever the statement: no connection (the pool's wait ran
     * out, the connection was refused), a connection closed or reset by the server (SQLState class 08; 57P01–57P03:
     * the server is shutting down or starting), too many connections (53300), a read that timed out. A refused
     * statement (constraint, syntax, missing table) is not.
     */
    static boolean isOutage(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, Boolean.TRUE) == null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof CannotGetJdbcConnectionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
                    || cause instanceof SocketException || cause instanceof SocketTimeoutException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.equals("53300")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What ops read in the log and the health details, on one line: the innermost SQL failure's message (the driver's
     * or the pool's words), with the network failure beneath it if there is one.
     */
    static String describe(Throwable failure) {
        Throwable root = failure;
        SQLException sql = failure instanceof SQLException e ? e : null;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, Boolean.TRUE) == null) {
            root = root.getCause();
            if (root instanceof SQLException e) {
                sql = e;
            }
        }
        if (sql == null) {
            return firstLine(root);
        }
        return sql == root ? firstLine(sql) : firstLine(sql) + " (" + firstLine(root) + ")";
    }

    private static String firstLine(Throwable failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().lines().findFirst().orElse("");
        return failure.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message);
    }
}
