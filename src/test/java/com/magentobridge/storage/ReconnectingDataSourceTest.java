package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The pool's connections while the database cannot be reached: on the pool's own threads the first failure of an
 * outage reaches the pool and later attempts wait until the database answers (so the pool's back-off never grows); on
 * any other thread, and for a failure that is not about reaching the database, a failure is thrown at once. A driver
 * data source the test makes fail a given number of times, in front of an in-memory H2.
 */
class ReconnectingDataSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Fails the next {@code failures} attempts with {@code failure}'s SQLState, then connects to H2. */
    static final class Failing extends DelegatingDataSource {
        final AtomicInteger failures = new AtomicInteger();
        final AtomicInteger asked = new AtomicInteger();
        volatile String sqlState = "08001";

        Failing() {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:reconnecting-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            setTargetDataSource(h2);
        }

        @Override
        public Connection getConnection() throws SQLException {
            asked.incrementAndGet();
            if (failures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new SQLException("Connection to localhost:5432 refused.", sqlState);
            }
            return super.getConnection();
        }
    }

    private final Failing driver = new Failing();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ReconnectingDataSource connections = new ReconnectingDataSource(() -> driver, () -> "TestPool",
            closed::get, Duration.ofMillis(1));

    /** Runs {@code call} on a thread of the pool, as its connection adder would. */
    private <T> CompletableFuture<T> onPoolThread(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        connections.threads().newThread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }).start();
        return result;
    }

    @FunctionalInterface
    private interface Callable<T> {
        T call() throws Exception;
    }

    /** The pool's way: a failed attempt, a short back-off, the next attempt. */
    private Connection asThePoolDoes() throws SQLException {
        try {
            return connections.getConnection();
        } catch (SQLException failure) {
            return connections.getConnection();
        }
    }

    @Test
    void onThePoolsThreadAnUnreachableDatabaseIsWaitedForAndThePoolSeesOneFailurePerOutage() throws Exception {
        driver.failures.set(6);

        try (Connection connection = onPoolThread(this::asThePoolDoes).get()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        assertThat(driver.asked).as("six failed attempts, then the connection").hasValue(7);
        assertThat(connections.failedAttempts()).isEqualTo(6);
        assertThat(connections.failuresToPool()).as("only the outage's first").isEqualTo(1);

        // the database answers: the next connection comes at once; a new outage is the pool's to know of again
        onPoolThread(connections::getConnection).get().close();
        driver.failures.set(3);
        onPoolThread(this::asThePoolDoes).get().close();
        assertThat(connections.failuresToPool()).isEqualTo(2);
        assertThat(connections.failedAttempts()).isEqualTo(9);
    }

    @Test
    void onAnyOtherThreadAFailureIsThrownAtOnceAsThePoolsStartUpCheckExpects() throws Exception {
        driver.failures.set(100);

        for (int call = 1; call <= 3; call++) {
            assertThatThrownBy(connections::getConnection).isInstanceOf(SQLException.class)
                    .hasMessageContaining("refused");
            assertThat(driver.asked).as("one attempt per call").hasValue(call);
        }
        assertThat(connections.failedAttempts()).isZero();
    }

    @Test
    void aFailureThatIsNotAboutReachingTheDatabaseGoesToThePoolAtOnceEvenOnItsThreads() {
        driver.sqlState = "28P01"; // password authentication failed: trying it five times a second helps no one
        driver.failures.set(100);

        for (int call = 1; call <= 3; call++) {
            assertThat(onPoolThread(connections::getConnection)).failsWithin(WAIT).withThrowableOfType(Exception.class)
                    .withRootCauseInstanceOf(SQLException.class);
            assertThat(driver.asked).as("one attempt per call").hasValue(call);
        }
        assertThat(connections.failuresToPool()).isZero();
    }

    @Test
    void interruptingTheWaitingThreadEndsTheWaitWithAnSqlExceptionAndKeepsTheInterrupt() {
        driver.failures.set(Integer.MAX_VALUE);
        AtomicReference<Thread> waiting = new AtomicReference<>();
        AtomicBoolean interruptKept = new AtomicBoolean();
        CompletableFuture<Connection> attempt = onPoolThread(() -> {
            waiting.set(Thread.currentThread());
            try {
                return asThePoolDoes();
            } finally {
                interruptKept.set(Thread.currentThread().isInterrupted());
            }
        });
        await("the thread waiting for the database").atMost(WAIT).until(() -> connections.failedAttempts() >= 5);

        waiting.get().interrupt();

        assertThat(attempt).failsWithin(WAIT).withThrowableOfType(Exception.class)
                .havingCause().isInstanceOf(SQLTransientConnectionException.class)
                .withMessage("TestPool was interrupted while waiting for the database")
                .havingCause().withMessageContaining("refused");
        assertThat(interruptKept).isTrue();
    }

    @Test
    void closingThePoolEndsTheWait() {
        driver.failures.set(Integer.MAX_VALUE);
        CompletableFuture<Connection> attempt = onPoolThread(this::asThePoolDoes);
        await("the thread waiting for the database").atMost(WAIT).until(() -> connections.failedAttempts() >= 5);

        closed.set(true);

        assertThat(attempt).failsWithin(WAIT).withThrowableOfType(Exception.class)
                .havingCause().isInstanceOf(SQLTransientConnectionException.class)
                .withMessage("TestPool is closed: it no longer waits for the database");
    }

    @Test
    void thePoolsThreadsAreNamedAfterThePoolAndAreDaemonsAsItsOwnAre() {
        Thread first = connections.threads().newThread(() -> { });
        Thread second = connections.threads().newThread(() -> { });

        assertThat(first.getName()).isEqualTo("TestPool:worker-1");
        assertThat(second.getName()).isEqualTo("TestPool:worker-2");
        assertThat(first.isDaemon()).isTrue();
    }
}
