package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database's availability as the receive path, the processing runs, the inbound gate and the {@code db} health
 * component see it: marked down by a failure that shows the database is unreachable (never by a refused statement),
 * checked in the background only while it is down, up again as soon as it answers. An in-memory H2 behind a data
 * source the test switches off as a pool that cannot get a connection would.
 */
class DatabaseAvailabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** An H2 the test can make unreachable; counts the connections asked for and the network timeouts set. */
    static final class Switchable extends DelegatingDataSource {
        volatile boolean down;
        final AtomicInteger asked = new AtomicInteger();
        final List<Integer> networkTimeouts = new CopyOnWriteArrayList<>();

        Switchable() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:availability-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            setTargetDataSource(h2);
        }

        @Override
        public Connection getConnection() throws SQLException {
            asked.incrementAndGet();
            if (down) {
                throw new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available, request timed out after 2000ms (total=0, active=0, idle=0, waiting=0)",
                        "08001", new SQLException("Connection to localhost:5432 refused", "08001"));
            }
            Connection connection = super.getConnection();
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("setNetworkTimeout")) {
                            networkTimeouts.add((Integer) args[1]);
                        }
                        try {
                            return method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private final Switchable dataSource = new Switchable();
    private DatabaseAvailability database;

    private DatabaseAvailability availability(boolean postgres, Duration checkInterval) {
        database = new DatabaseAvailability(dataSource, postgres, Duration.ofSeconds(2), checkInterval, Clock.systemUTC());
        return database;
    }

    @AfterEach
    void stopChecks() {
        if (database != null) {
            database.stop();
        }
    }

    private static CannotCreateTransactionException noConnection() {
        return new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after "
                        + "2001ms (total=1, active=1, idle=0, waiting=204)"));
    }

    @Test
    void aStatementTheDatabaseRefusesIsNoOutage() {
        DatabaseAvailability database = availability(false, Duration.ofMillis(50));

        assertThat(database.failed(new BadSqlGrammarException("insert", "INSERT INTO inbound_request_body …",
                new SQLSyntaxErrorException("Table \"INBOUND_REQUEST_BODY\" not found", "42S02")))).isFalse();
        assertThat(database.failed(new DataIntegrityViolationException("duplicate key",
                new SQLIntegrityConstraintViolationException("duplicate key value", "23505")))).isFalse();
        assertThat(database.failed(new QueryTimeoutException("lock wait"))).isFalse();

        assertThat(database.isAvailable()).isTrue();
        assertThat(database.outage()).isEmpty();
        assertThat(dataSource.asked).as("no check runs while the database is available").hasValue(0);
    }

    @Test
    void whatShowsTheDatabaseIsUnreachable() {
        assertThat(DatabaseAvailability.isOutage(noConnection())).as("the pool's wait ran out").isTrue();
        assertThat(DatabaseAvailability.isOutage(new CannotGetJdbcConnectionException("no connection"))).isTrue();
        assertThat(DatabaseAvailability.isOutage(new DataAccessResourceFailureException("I/O error",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")))).as("connection lost").isTrue();
        assertThat(DatabaseAvailability.isOutage(new DataAccessResourceFailureException("shutdown",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(DatabaseAvailability.isOutage(new SQLException("FATAL: the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseAvailability.isOutage(new SQLException("FATAL: sorry, too many clients already", "53300")))
                .isTrue();
        assertThat(DatabaseAvailability.isOutage(new DataAccessResourceFailureException("read",
                new SQLException("I/O", new SocketTimeoutException("Read timed out"))))).as("a read timed out").isTrue();
        assertThat(DatabaseAvailability.isOutage(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(DatabaseAvailability.isOutage(new IllegalStateException("no cause"))).isFalse();
    }

    @Test
    void anUnreachableDatabaseIsDownAtOnceCheckedUntilItAnswersAndUpAgainWithoutARestart() {
        DatabaseAvailability database = availability(false, Duration.ofMillis(50));
        dataSource.down = true;

        assertThat(database.failed(noConnection())).isTrue();

        assertThat(database.isAvailable()).isFalse();
        assertThat(database.outage()).get().satisfies(outage -> {
            assertThat(outage.reason()).isEqualTo("SQLTransientConnectionException: HikariPool-1 - Connection is not "
                    + "available, request timed out after 2001ms (total=1, active=1, idle=0, waiting=204)");
            assertThat(outage.since()).isNotNull();
        });
        await("checks while it is down").atMost(WAIT).until(() -> dataSource.asked.get() >= 3);
        assertThat(database.isAvailable()).as("still down while the checks fail").isFalse();
        assertThat(database.failed(noConnection())).as("another failure while down changes nothing").isTrue();
        assertThat(database.outage().get().reason()).contains("waiting=204");

        dataSource.down = false;

        await("up again once it answers").atMost(WAIT).until(database::isAvailable);
        assertThat(database.outage()).isEmpty();
        int asked = dataSource.asked.get();
        await("no check once it is up").during(Duration.ofMillis(500)).atMost(WAIT)
                .until(() -> dataSource.asked.get() == asked);
    }

    @Test
    void downAgainAfterItCameBack() {
        DatabaseAvailability database = availability(false, Duration.ofMillis(50));
        dataSource.down = true;
        database.failed(noConnection());
        dataSource.down = false;
        await().atMost(WAIT).until(database::isAvailable);

        dataSource.down = true;
        assertThat(database.failed(noConnection())).isTrue();

        assertThat(database.isAvailable()).isFalse();
        dataSource.down = false;
        await().atMost(WAIT).until(database::isAvailable);
    }

    @Test
    void verifyAsksTheDatabaseOnlyWhileItIsNotKnownToBeDown() {
        // no background check in this test: every connection asked for is verify's
        DatabaseAvailability database = availability(false, Duration.ofHours(1));

        assertThat(database.verify()).isEmpty();
        assertThat(dataSource.asked).hasValue(1);

        dataSource.down = true;
        assertThat(database.verify()).get().extracting(DatabaseAvailability.Outage::reason).asString()
                .isEqualTo("SQLException: Connection to localhost:5432 refused");
        assertThat(database.isAvailable()).as("a probe that finds it down tells the rest of the bridge").isFalse();
        assertThat(dataSource.asked).hasValue(2);

        assertThat(database.verify()).as("known: answered from memory").isPresent();
        assertThat(dataSource.asked).hasValue(2);
    }

    @Test
    void onPostgresTheReceiptsReadsWaitAtMostTheStoreTimeout() {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        transaction.executeWithoutResult(status -> availability(true, Duration.ofHours(1)).boundCurrentTransaction());
        database.stop();
        transaction.executeWithoutResult(status -> availability(false, Duration.ofHours(1)).boundCurrentTransaction());

        assertThat(dataSource.networkTimeouts).as("set on PostgreSQL only, to the store timeout").containsExactly(2000);
    }

    @Test
    void theReasonIsTheInnermostSqlFailureOnOneLineWithTheNetworkFailureBeneathIt() {
        assertThat(DatabaseAvailability.describe(new CannotCreateTransactionException("Could not open JDBC Connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available",
                        new SQLException("Connection to db:5432 refused. Check that the hostname and port are correct\nmore",
                                "08001", new java.net.ConnectException("Connection refused"))))))
                .isEqualTo("SQLException: Connection to db:5432 refused. Check that the hostname and port are correct "
                        + "(ConnectException: Connection refused)");
        assertThat(DatabaseAvailability.describe(new IllegalStateException("no SQL")))
                .isEqualTo("IllegalStateException: no SQL");
    }
}
