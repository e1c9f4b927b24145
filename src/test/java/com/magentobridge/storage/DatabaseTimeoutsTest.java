package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import com.zaxxer.hikari.HikariDataSource;

/**
 * bridge.inbound.store-timeout onto the pool (never started here): the pool's wait and its validation of an idle
 * connection, and on PostgreSQL the driver's connect and login timeouts; H2 gets no driver setting.
 */
class DatabaseTimeoutsTest {

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        return pool;
    }

    @Test
    void theDefaultBoundsThePoolsWaitToTwoSecondsInsteadOfThirty() {
        HikariDataSource h2 = pool("jdbc:h2:file:./data/magento-bridge");
        assertThat(h2.getConnectionTimeout()).as("Hikari's own default").isEqualTo(30_000);

        DatabaseTimeouts.apply(h2, DatabaseTimeouts.read(new MockEnvironment()), false);

        assertThat(h2.getConnectionTimeout()).isEqualTo(2_000);
        assertThat(h2.getValidationTimeout()).isEqualTo(1_000);
        assertThat(h2.getDataSourceProperties()).as("nothing for H2, which refuses unknown settings in its URL").isEmpty();
    }

    @Test
    void onPostgresTheDriversConnectAndLoginTimeoutsFollowUnlessAlreadySet() {
        HikariDataSource postgres = pool("jdbc:postgresql://db:5432/bridge?reWriteBatchedInserts=true");
        postgres.addDataSourceProperty("loginTimeout", "7");

        DatabaseTimeouts.apply(postgres, Duration.ofMillis(1500), true);

        assertThat(postgres.getConnectionTimeout()).isEqualTo(1_500);
        assertThat(postgres.getValidationTimeout()).isEqualTo(750);
        assertThat(postgres.getDataSourceProperties()).containsEntry("connectTimeout", "2").containsEntry("loginTimeout", "7")
                .doesNotContainKey("socketTimeout");
    }

    @Test
    void theSettingAsStartUpReadsIt() {
        assertThat(DatabaseTimeouts.read(new MockEnvironment().withProperty("bridge.inbound.store-timeout", "5s")))
                .isEqualTo(Duration.ofSeconds(5));
        StandardEnvironment variables = new StandardEnvironment();
        variables.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("BRIDGE_INBOUND_STORE_TIMEOUT", "750ms")));
        assertThat(DatabaseTimeouts.read(variables)).isEqualTo(Duration.ofMillis(750));
        // refused by the configuration check before the pool is used; the default meanwhile
        assertThat(DatabaseTimeouts.read(new MockEnvironment().withProperty("bridge.inbound.store-timeout", "soon")))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(DatabaseTimeouts.read(new MockEnvironment().withProperty("bridge.inbound.store-timeout", "10ms")))
                .isEqualTo(Duration.ofSeconds(2));
    }
}
