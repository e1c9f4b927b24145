package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import com.magentobridge.config.BridgeProperties;

/** Demo data never reaches a real deployment: a database is marked by its first start, the other kind is refused. */
class DatabaseModeTest {

    private JdbcDataSource dataSource;
    private String url;

    @BeforeEach
    void database() {
        url = "jdbc:h2:mem:mode-" + UUID.randomUUID();
        dataSource = new JdbcDataSource();
        dataSource.setURL(url + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    @AfterEach
    void close() {
        new JdbcTemplate(dataSource).execute("SHUTDOWN");
    }

    private DatabaseMode start(boolean demo) {
        BridgeProperties properties = new BridgeProperties();
        properties.getDemo().setEnabled(demo);
        return new DatabaseMode(dataSource, properties);
    }

    @Test
    void aRealStartRefusesADatabaseDemoModeWroteNamingItAndWhatToDo() {
        assertThat(start(true).mode()).isEqualTo("demo");
        assertThat(start(true).mode()).as("demo mode keeps its own database").isEqualTo("demo");

        assertThatThrownBy(() -> start(false))
                .isInstanceOf(UnsafeDatabaseException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("written by demo mode")
                .hasMessageNotContaining("DB_CLOSE_DELAY")
                .satisfies(e -> assertThat(((UnsafeDatabaseException) e).action())
                        .contains("SPRING_DATASOURCE_URL", "./data/magento-bridge"));
    }

    @Test
    void demoModeRefusesARealDatabase() {
        assertThat(start(false).mode()).isEqualTo("real");
        assertThat(start(false).mode()).isEqualTo("real");

        assertThatThrownBy(() -> start(true))
                .isInstanceOf(UnsafeDatabaseException.class)
                .hasMessageContaining("which a real bridge writes")
                .satisfies(e -> assertThat(((UnsafeDatabaseException) e).action()).contains("./data/magento-bridge-demo"));
    }

    @Test
    void demoModeRefusesAnUnmarkedDatabaseThatHoldsMessagesButARealStartAdoptsIt() {
        new JdbcTemplate(dataSource).update("""
                INSERT INTO inbound_request (flow, operation, channel, store_code, message_seq_id, state, line_count, received_at)
                VALUES ('inventory', 'op', 'soap', 'default', 1, 'RECEIVED', 1, ?)""", OffsetDateTime.now());

        assertThatThrownBy(() -> start(true)).isInstanceOf(UnsafeDatabaseException.class)
                .hasMessageContaining("holds messages");
        assertThat(start(false).mode()).isEqualTo("real");
    }
}
