package com.magentobridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V9 on dead letters written before it, on both engines: a discard moves out of the replay columns into its own, and
 * order export's letters are filed under "orders-export".
 */
class DeadLetterMigrationIT {

    private static final OffsetDateTime FAILED = OffsetDateTime.of(2026, 11, 20, 8, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime REPLAYED = FAILED.plusHours(1);
    private static final OffsetDateTime DISCARDED = FAILED.plusHours(2);

    private static DataSource database(String engine) {
        return engine.equals("h2")
                ? new DriverManagerDataSource("jdbc:h2:mem:dead-letter-migration;DB_CLOSE_DELAY=-1", "sa", "")
                : new DriverManagerDataSource(SharedPostgres.jdbcUrl("dead_letter_migration"));
    }

    private static void migrate(DataSource dataSource, String version) {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target(version).load().migrate();
    }

    private static void letter(JdbcTemplate jdbc, long id, String flow, String state, OffsetDateTime replayedAt,
                               String replayedBy, int replayCount, String replayOutcome) {
        jdbc.update("""
                INSERT INTO dead_letter (id, flow, route_id, replay_uri, body_type, body, headers, attempts,
                                         first_failed_at, last_failed_at, state, replayed_at, replayed_by, replay_count,
                                         replay_outcome)
                VALUES (?, ?, 'route', 'direct:replay', 'Body', '{}', '{}', 1, ?, ?, ?, ?, ?, ?, ?)""",
                id, flow, FAILED, FAILED, state, replayedAt, replayedBy, replayCount, replayOutcome);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aDiscardGetsItsOwnColumnsAndOrderExportItsFlowName(String engine) {
        DataSource dataSource = database(engine);
        migrate(dataSource, "8");
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        letter(jdbc, 1, "shipment", "DISCARDED", DISCARDED, "alice", 0, "discarded: order cancelled by phone");
        letter(jdbc, 2, "inventory", "DISCARDED", DISCARDED, "bob", 1, "discarded: SKU retired");
        letter(jdbc, 3, "order", "OPEN", REPLAYED, "carol", 1, "replay failed: HTTP 503");
        letter(jdbc, 4, "shipment", "REPLAYED", REPLAYED, "dave", 1, "1 shipped");

        migrate(dataSource, "9");

        Map<String, Object> neverReplayed = jdbc.queryForMap("SELECT * FROM dead_letter WHERE id = 1");
        assertThat(neverReplayed.get("discarded_by")).isEqualTo("alice");
        assertThat(neverReplayed.get("discard_reason")).isEqualTo("order cancelled by phone");
        assertThat(jdbc.queryForObject("SELECT discarded_at FROM dead_letter WHERE id = 1", OffsetDateTime.class))
                .isEqualTo(DISCARDED);
        assertThat(neverReplayed.get("replayed_by")).isNull();
        assertThat(neverReplayed.get("replayed_at")).isNull();
        assertThat(neverReplayed.get("replay_outcome")).isNull();
        Map<String, Object> replayedBefore = jdbc.queryForMap("SELECT * FROM dead_letter WHERE id = 2");
        assertThat(replayedBefore.get("discarded_by")).isEqualTo("bob");
        assertThat(replayedBefore.get("discard_reason")).isEqualTo("SKU retired");
        assertThat(jdbc.queryForObject("SELECT flow FROM dead_letter WHERE id = 3", String.class)).isEqualTo("orders-export");
        Map<String, Object> replayed = jdbc.queryForMap("SELECT * FROM dead_letter WHERE id = 4");
        assertThat(replayed.get("replayed_by")).isEqualTo("dave");
        assertThat(replayed.get("discarded_by")).isNull();
        assertThat(replayed.get("flow")).isEqualTo("shipment");
    }
}
