package com.magentobridge.storage;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Whether a bridge instance is alive, as PostgreSQL sees it: each instance holds a session-level advisory lock on a
 * connection of its own, opened at start and kept for its whole life. If the instance dies (kill -9, a crash, its host
 * gone), PostgreSQL ends the session and frees the lock, so a peer can tell at once that the claims it left are a dead
 * instance's and take them over (see {@link InboxStore#claim}), instead of waiting for their lease.
 *
 * <p>Key space: the two-int form {@code pg_advisory_lock(classid, objid)} with the fixed class {@link #LOCK_CLASS} and
 * the instance's {@code liveness_key} from {@code bridge_node} (one row per start, so no two instances ever share a
 * key). PostgreSQL keeps the two-int keys apart from the one-bigint keys of the SKU write locks (pg_locks shows them as
 * objsubid 2 and 1), so the two can never collide. A claim under a name without a row (an instance of an earlier
 * version) keeps its lease.
 *
 * <p>If the connection is lost (the database restarted, the session was ended), the instance takes its lock again as
 * soon as the database is back, trying every second; meanwhile it counts as dead to its peers, and it claims nothing
 * (see {@link #held}). Its own claims are never taken over through this path: its left-overs are the inbox's own rule.
 * Each time the lock is taken the instance is in a new {@link #session}: a batch claimed in an earlier one may have
 * been taken over by a peer meanwhile, so it writes nothing more and records nothing (see
 * {@link com.magentobridge.flow.InboxClaim}). The monitor notices the end of the session at once, not at its next
 * look: it waits on the connection itself, where PostgreSQL's notice that it ends the session arrives (a restart, an
 * administrator's {@code pg_terminate_backend}), and asks the connection once a second whether it still answers (a
 * network that went silent).
 *
 * <p>On H2 there is nothing to do: an embedded H2 has one process (a claim of another is a dead one's), and H2 has no
 * advisory locks; claims keep their lease there.
 */
@Component
@DependsOnDatabaseInitialization
public class NodeLiveness {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLiveness.class);

    /** The class id of every liveness lock ("MBLV"); the object id is the instance's {@code liveness_key}. */
    public static final int LOCK_CLASS = 0x4D42_4C56;
    private static final long CHECK_EVERY_MILLIS = 1_000;
    /** A dead instance's row is deleted when another starts, a day after its own start (its claims long taken over). */
    private static final Duration KEEP_DEAD = Duration.ofDays(1);

    /** The advisory locks of the liveness key space that some session of this database holds. */
    private static final String HELD = """
            SELECT 1 FROM pg_locks l
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
              AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = %d AND l.objid::bigint = n.liveness_key""".formatted(LOCK_CLASS);

    private final boolean enabled;
    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final String node;
    private volatile Connection connection;
    private volatile int key;
    /** The session holding the lock: 0 while none does (never on a database without liveness locks). */
    private volatile long session;
    private final AtomicLong sessions = new AtomicLong();
    /** When this process started: a process before it (on a single-process database) was gone by then. */
    private final OffsetDateTime processStart = InboxStore.now();
    private ScheduledExecutorService monitor;

    @Autowired
    public NodeLiveness(SqlDialect dialect, DataSource dataSource, NamedParameterJdbcTemplate jdbc, NodeName node) {
        this(dialect.isPostgres(), dataSource, jdbc, node.value());
    }

    private NodeLiveness(boolean enabled, DataSource dataSource, NamedParameterJdbcTemplate jdbc, String node) {
        this.enabled = enabled;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.node = node;
        this.session = enabled ? 0 : sessions.incrementAndGet();
    }

    /** No liveness locks (a database without them): claims of others keep their lease, this node always claims. */
    public static NodeLiveness none() {
        return new NodeLiveness(false, null, null, null);
    }

    /** Registers this instance and takes its lock; a start that cannot do so fails (the database is unusable). */
    @PostConstruct
    void start() {
        if (!enabled) {
            return;
        }
        try {
            connection = open();
            OffsetDateTime begins = startOfSession();
            key = register(connection, begins);
            session = sessions.incrementAndGet();
        } catch (SQLException e) {
            close(connection);
            throw new IllegalStateException("the liveness lock of bridge " + node + " was not taken: " + e.getMessage(),
                    e);
        }
        int deleted = jdbc.update("""
                DELETE FROM bridge_node n
                WHERE n.name <> :node AND n.started_at < :before AND NOT EXISTS (%s)""".formatted(HELD),
                Map.of("node", node, "before", InboxStore.now().minus(KEEP_DEAD)));
        LOG.info("bridge {} holds its liveness lock ({}, {}){}", node, LOCK_CLASS, key,
                deleted > 0 ? "; forgot " + deleted + " instances dead for a day" : "");
        monitor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "node-liveness");
            thread.setDaemon(true);
            return thread;
        });
        monitor.execute(this::check);
    }

    @PreDestroy
    void stop() {
        if (monitor != null) {
            monitor.shutdownNow();
            try {
                monitor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        session = enabled ? 0 : session;
        // ending the session frees the lock: the claims this instance still holds are taken over by the next claim
        close(connection);
        connection = null;
    }

    /** This instance's key in the liveness lock space (0 where there is none). */
    int key() {
        return key;
    }

    /**
     * Whether this instance's claims count as a live instance's: always where there are no liveness locks; on
     * PostgreSQL while it holds its lock. An instance that lost it (the database restarted) claims nothing until it
     * holds it again, since its peers would take a new claim over as a dead instance's.
     */
    public boolean held() {
        return session != 0;
    }

    /**
     * The session in which this instance holds its lock now: a new number each time it takes the lock, 0 while it does
     * not hold it. Always the same where there are no liveness locks.
     */
    public long session() {
        return session;
    }

    /**
     * Whether this instance still holds its lock in {@code claimedIn} (from {@link #session} when a batch claimed): a
     * volatile read, cheap enough before every write. False once the session ended, even when a new one holds the
     * lock again, since a peer may have taken the batch's claims over in between.
     */
    public boolean holdsSince(long claimedIn) {
        return claimedIn != 0 && session == claimedIn;
    }

    /**
     * When a session begins, as the instance's {@code bridge_node} row says (this node's clock, like its claims'
     * times): a claim made before it was made in an earlier session, whose writes may still be in Magento's hands.
     * Truncated to milliseconds, so a claim made in the session never looks older than it once stored.
     */
    private static OffsetDateTime startOfSession() {
        return InboxStore.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Of these claimants (instance names in {@code claimed_by}), the ones known to be dead: registered instances whose
     * liveness lock no session holds, each with when it was first seen dead — by any peer, stored on its
     * {@code bridge_node} row by the first that looked (at or after the death; the same for every peer, and kept across
     * their restarts). Runs in the caller's transaction. Empty where there are no liveness locks.
     */
    public Map<String, OffsetDateTime> dead(Collection<String> claimants) {
        if (!enabled || claimants.isEmpty()) {
            return Map.of();
        }
        List<String> dead = jdbc.queryForList("""
                SELECT n.name FROM bridge_node n WHERE n.name IN (:names) AND NOT EXISTS (%s)""".formatted(HELD),
                Map.of("names", claimants), String.class);
        if (dead.isEmpty()) {
            return Map.of();
        }
        jdbc.update("UPDATE bridge_node SET seen_dead_at = :now WHERE name IN (:dead) AND seen_dead_at IS NULL",
                Map.of("dead", dead, "now", InboxStore.now()));
        Map<String, OffsetDateTime> since = new java.util.HashMap<>();
        // a node that took its lock again meanwhile has no time any more: it is not dead
        jdbc.query("SELECT name, seen_dead_at FROM bridge_node WHERE name IN (:dead) AND seen_dead_at IS NOT NULL",
                Map.of("dead", dead),
                row -> {
                    since.put(row.getString(1), row.getObject(2, OffsetDateTime.class));
                });
        return since;
    }

    /**
     * When the first process before this one was gone at the latest: this process's start. On a single-process
     * database (embedded H2) a claim of another process is a process's that died before this one started.
     */
    public OffsetDateTime processStart() {
        return processStart;
    }

    /**
     * Watches the lock's session for up to a second, or, without one, tries to take the lock again; then runs again
     * (at once after a watch, a second later after a failed try).
     */
    private void check() {
        long next = CHECK_EVERY_MILLIS;
        try {
            Connection current = connection;
            if (current != null && sessionGoesOn(current)) {
                next = 0;
                return;
            }
            if (session != 0) {
                session = 0;
                LOG.warn("bridge {} lost the connection that holds its liveness lock; it claims nothing until it holds "
                        + "the lock again, and its batches in progress write and record nothing more (its peers may "
                        + "take over their claims meanwhile)", node);
            }
            close(current);
            connection = null;
            Connection fresh = open();
            OffsetDateTime begins = startOfSession();
            try {
                if (!retake(fresh, begins)) {
                    close(fresh);
                    return;
                }
            } catch (SQLException e) {
                close(fresh);
                throw e;
            }
            connection = fresh;
            session = sessions.incrementAndGet();
            LOG.info("bridge {} holds its liveness lock again ({}, {})", node, LOCK_CLASS, key);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("liveness lock of bridge {} not taken yet: {}", node, e.getMessage());
        } finally {
            try {
                monitor.schedule(this::check, next, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // stopped
            }
        }
    }

    /**
     * Waits on the session for up to a second: PostgreSQL's notice that it ends it (a restart, pg_terminate_backend)
     * or a closed socket returns at once as an error; then asks whether it still answers.
     */
    private static boolean sessionGoesOn(Connection connection) {
        try {
            if (connection.isWrapperFor(PGConnection.class)) {
                connection.unwrap(PGConnection.class).getNotifications((int) CHECK_EVERY_MILLIS);
            }
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The row and the lock in one transaction: a peer never sees the row of a live instance without its lock. */
    private int register(Connection connection, OffsetDateTime begins) throws SQLException {
        connection.setAutoCommit(false);
        try {
            int registered;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO bridge_node (name, started_at) VALUES (?, ?) RETURNING liveness_key")) {
                insert.setString(1, node);
                insert.setObject(2, begins);
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    registered = row.getInt(1);
                }
            }
            if (!tryLock(connection, registered)) {
                throw new SQLException("liveness key " + registered + " is held by another session");
            }
            connection.commit();
            return registered;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /**
     * After a lost connection: the same key (its row written again if a peer forgot it), false if still held. The row
     * then says when this new session began: claims made before it are of an earlier session, whose batch may still
     * have a write in Magento's hands while its SKU locks are gone (peers wait for it, see
     * {@link InboxStore#writesInFlight}).
     */
    private boolean retake(Connection connection, OffsetDateTime begins) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO bridge_node (liveness_key, name, started_at) VALUES (?, ?, ?)
                    ON CONFLICT (liveness_key) DO UPDATE SET started_at = EXCLUDED.started_at, seen_dead_at = NULL""")) {
                insert.setInt(1, key);
                insert.setString(2, node);
                insert.setObject(3, begins);
                insert.executeUpdate();
            }
            boolean locked = tryLock(connection, key);
            if (locked) {
                connection.commit();
            } else {
                connection.rollback();
            }
            return locked;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static boolean tryLock(Connection connection, int key) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, key);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    /**
     * A connection of its own, outside the pool (it is held for the instance's life and must not take a pooled slot
     * nor be recycled by the pool); from the pool only when the pool's settings do not say how to connect.
     */
    private Connection open() throws SQLException {
        HikariDataSource hikari = dataSource.isWrapperFor(HikariDataSource.class)
                ? dataSource.unwrap(HikariDataSource.class) : null;
        if (hikari == null || hikari.getJdbcUrl() == null) {
            return dataSource.getConnection();
        }
        Properties properties = new Properties();
        properties.putAll(hikari.getDataSourceProperties());
        if (hikari.getUsername() != null) {
            properties.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            properties.setProperty("password", hikari.getPassword());
        }
        properties.setProperty("ApplicationName", "magento-bridge liveness");
        properties.putIfAbsent("connectTimeout", "5");
        properties.putIfAbsent("tcpKeepAlive", "true");
        Driver driver = DriverManager.getDriver(hikari.getJdbcUrl());
        Connection opened = driver.connect(hikari.getJdbcUrl(), properties);
        if (opened == null) {
            throw new SQLException("no driver accepts " + DurableH2Commits.withoutSettings(hikari.getJdbcUrl()));
        }
        opened.setAutoCommit(true);
        return opened;
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("liveness connection not closed cleanly: {}", e.getMessage());
            }
        }
    }
}
