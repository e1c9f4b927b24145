package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The reconnecting data source in a real pool (HikariCP, H2): the pool keeps what it would do with its URL (driver
 * properties, credentials, connection set-up), its start-up check still fails at once without a database, and its
 * connection adder waits through an outage of an H2 server instead of backing off.
 */
class PoolReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static HikariDataSource pool(String url, String user, String password) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(2);
        pool.setConnectionTimeout(1_000);
        return pool;
    }

    @Test
    void thePoolKeepsItsUrlAndAPoolWithItsOwnDataSourceIsLeftAsItIs() {
        try (HikariDataSource pool = pool("jdbc:postgresql://db:5432/bridge", "bridge", "secret");
             HikariDataSource own = new HikariDataSource()) {
            assertThat(PoolReconnect.install(pool, PoolReconnect.RETRY_EVERY)).isNotNull();
            assertThat(pool.getJdbcUrl()).as("read by NodeLiveness").isEqualTo("jdbc:postgresql://db:5432/bridge");
            assertThat(pool.getDataSource()).isInstanceOf(ReconnectingDataSource.class);
            assertThat(pool.getThreadFactory()).isNotNull();

            own.setDataSource(new org.h2.jdbcx.JdbcDataSource());
            assertThat(PoolReconnect.install(own, PoolReconnect.RETRY_EVERY)).isNull();
            assertThat(own.getThreadFactory()).isNull();
        }
    }

    @Test
    void anH2FileWithCredentialsAndDurableCommitsWorksAsBeforeAndWrongCredentialsFailAtStart(@TempDir Path folder)
            throws SQLException {
        String url = "jdbc:h2:file:" + folder.resolve("bridge").toAbsolutePath();
        try (HikariDataSource pool = pool(url, "bridge", "secret")) {
            PoolReconnect.install(pool, PoolReconnect.RETRY_EVERY);
            new DurableH2Commits().postProcessAfterInitialization(pool, "dataSource");

            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet setting = statement.executeQuery(
                         "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                assertThat(setting.next()).isTrue();
                assertThat(setting.getString(1)).as("connectionInitSql ran").isEqualTo("0");
            }
            assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isPositive();
        }
        try (HikariDataSource wrongPassword = pool(url, "bridge", "not-the-password")) {
            PoolReconnect.install(wrongPassword, PoolReconnect.RETRY_EVERY);
            assertThatThrownBy(wrongPassword::getConnection).hasMessageContaining("Wrong user name or password");
        }
    }

    @Test
    void withoutItsDatabaseThePoolStillFailsToStart() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        try (HikariDataSource pool = pool("jdbc:postgresql://127.0.0.1:" + closedPort + "/bridge", "bridge", "secret")) {
            DatabaseTimeouts.apply(pool, Duration.ofSeconds(1), false);
            PoolReconnect.install(pool, PoolReconnect.RETRY_EVERY);

            assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class).hasMessageContaining("refused");
        }
    }

    @Test
    void thePoolsAdderWaitsThroughAnOutageOfAnH2ServerAndThePoolSeesOneFailure() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        int port = server.getPort();
        String url = "jdbc:h2:tcp://localhost:" + port + "/mem:reconnect-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (HikariDataSource pool = pool(url, "sa", "")) {
            ReconnectingDataSource connections = PoolReconnect.install(pool, Duration.ofMillis(20));
            pool.getConnection().close();

            server.stop();
            // the pool finds its connections gone and asks its adder for new ones
            pool.getHikariPoolMXBean().softEvictConnections();
            // H2's client itself tries a refused connection for up to 2 s before it fails
            await("the pool's adder failing to reach the stopped server").atMost(WAIT)
                    .until(() -> connections.failedAttempts() >= 3);
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();

            await("the pool filled again").atMost(WAIT)
                    .until(() -> pool.getHikariPoolMXBean().getIdleConnections() == 2);
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            assertThat(connections.failuresToPool()).as("the pool saw only the outage's first failure").isEqualTo(1);
        } finally {
            server.stop();
        }
    }
}
