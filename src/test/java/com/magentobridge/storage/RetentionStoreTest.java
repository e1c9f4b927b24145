package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The retention rules one batch applies, on a real (embedded) H2 migrated by Flyway. */
class RetentionStoreTest {

    private static final OffsetDateTime NOW = InboxStore.now();
    private static final OffsetDateTime CUTOFF = NOW.minusDays(30);

    private NamedParameterJdbcTemplate jdbc;
    private RetentionStore retention;
    private InboxStore inbox;
    private long nextMessage = 1;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:retention-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        retention = new RetentionStore(jdbc);
        inbox = new InboxStore(jdbc, new SqlDialect(dataSource), NodeLiveness.none());
    }

    @AfterEach
    void close() {
        jdbc.getJdbcTemplate().execute("SHUTDOWN");
    }

    /** A request of the flow received, keyed and (unless state is RECEIVED) finished {@code daysAgo}, with one line. */
    private long request(String flow, String state, int daysAgo) {
        long messageSeqId = nextMessage++;
        long id = inbox.insert(new InboxStore.NewRequest(flow, "op", "soap", "default", messageSeqId, 1, "<raw/>", "{}"));
        OffsetDateTime at = NOW.minusDays(daysAgo);
        MapSqlParameterSource row = new MapSqlParameterSource().addValue("id", id).addValue("state", state)
                .addValue("at", at).addValue("processed", "RECEIVED".equals(state) ? null : at, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("key", Long.toString(messageSeqId)).addValue("flow", flow);
        jdbc.update("UPDATE inbound_request SET state = :state, received_at = :at, processed_at = :processed WHERE id = :id", row);
        jdbc.update("INSERT INTO idempotency_key (scope, idem_key, request_id, created_at) VALUES (:flow, :key, :id, :at)", row);
        jdbc.update("""
                INSERT INTO inventory_result (request_id, success_count, duplicate_count, superseded_count, failed_count,
                                              decided_at, changed_at, results)
                VALUES (:id, 1, 0, 0, 0, :at, :at, '[["Success",1]]')""", row);
        return id;
    }

    private void deadLetter(String flow, String state, int failedDaysAgo, Integer settledDaysAgo) {
        jdbc.update("""
                INSERT INTO dead_letter (flow, route_id, replay_uri, body_type, body, headers, attempts, first_failed_at,
                                         last_failed_at, state, replayed_at, discarded_at)
                VALUES (:flow, :route, 'direct:replay', 'Body', '{}', '{}', 1, :failed, :failed, :state,
                        CASE WHEN :state = 'DISCARDED' THEN NULL ELSE :settled END,
                        CASE WHEN :state = 'DISCARDED' THEN :settled END)""",
                new MapSqlParameterSource().addValue("flow", flow).addValue("route", flow + "-apply")
                        .addValue("state", state).addValue("failed", NOW.minusDays(failedDaysAgo))
                        .addValue("settled", settledDaysAgo == null ? null : NOW.minusDays(settledDaysAgo),
                                java.sql.Types.TIMESTAMP_WITH_TIMEZONE));
    }

    private boolean exists(long requestId) {
        return count("SELECT COUNT(*) FROM inbound_request WHERE id = :id", requestId) == 1;
    }

    private int count(String sql, long id) {
        return jdbc.queryForObject(sql, Map.of("id", id), Integer.class);
    }

    private String rawBody(long requestId) {
        return jdbc.queryForObject("SELECT raw_body FROM inbound_request_body WHERE request_id = :id",
                Map.of("id", requestId), String.class);
    }

    @Test
    void finishedRequestsProcessedBeforeTheCutoffGoWithTheirBodiesAndLines() {
        long processed = request("inventory", "PROCESSED", 40);
        long duplicate = request("inventory", "DUPLICATE", 40);
        long young = request("inventory", "PROCESSED", 10);
        long waiting = request("inventory", "RECEIVED", 40);
        long claimed = request("inventory", "PROCESSING", 40);

        RetentionStore.Batch batch = retention.deleteFinishedRequests(CUTOFF, 0, 10);

        assertThat(batch.selected()).isEqualTo(2);
        assertThat(batch.lastId()).isEqualTo(duplicate);
        assertThat(batch.counts()).containsEntry("inbound_request", 2).containsEntry("inbound_request_body", 2)
                .containsEntry("inventory_result", 2).containsEntry("shipment_line", 0);
        assertThat(exists(processed)).isFalse();
        assertThat(exists(duplicate)).isFalse();
        assertThat(List.of(young, waiting, claimed)).allMatch(this::exists);
        assertThat(count("SELECT COUNT(*) FROM inventory_result WHERE request_id = :id", waiting)).isOne();
    }

    @Test
    void aBatchTakesAtMostItsSizeAndTheNextContinuesAfterIt() {
        long first = request("inventory", "PROCESSED", 40);
        long second = request("inventory", "PROCESSED", 40);
        long third = request("inventory", "PROCESSED", 40);

        RetentionStore.Batch one = retention.deleteFinishedRequests(CUTOFF, 0, 2);
        RetentionStore.Batch two = retention.deleteFinishedRequests(CUTOFF, one.lastId(), 2);

        assertThat(one.selected()).isEqualTo(2);
        assertThat(one.lastId()).isEqualTo(second);
        assertThat(two.selected()).isOne();
        assertThat(List.of(first, second, third)).noneMatch(this::exists);
    }

    @Test
    void anOpenDeadLetterKeepsTheRequestsOfItsFlowProcessedSinceItFailed() {
        long before = request("shipment", "PROCESSED", 50);
        long since = request("shipment", "PROCESSED", 40);
        long otherFlow = request("inventory", "PROCESSED", 40);
        deadLetter("shipment", "OPEN", 41, null);

        retention.deleteFinishedRequests(CUTOFF, 0, 10);

        assertThat(exists(before)).as("processed before the dead letter failed").isFalse();
        assertThat(exists(since)).as("may be rewritten by the replay").isTrue();
        assertThat(exists(otherFlow)).isFalse();
    }

    @Test
    void aLetterBeingReplayedHoldsToButASettledOneNoLonger() {
        long replaying = request("orderstatus", "PROCESSED", 40);
        deadLetter("orderstatus", "REPLAYING", 41, null);
        long settled = request("shipment", "PROCESSED", 40);
        deadLetter("shipment", "DISCARDED", 41, 35);

        retention.deleteFinishedRequests(CUTOFF, 0, 10);

        assertThat(exists(replaying)).isTrue();
        assertThat(exists(settled)).isFalse();
    }

    @Test
    void aKeyGoesOnlyOnceItsRequestIsGone() {
        long deleted = request("inventory", "PROCESSED", 40);
        long waiting = request("inventory", "RECEIVED", 40);
        long young = request("inventory", "PROCESSED", 5);
        jdbc.update("UPDATE idempotency_key SET created_at = :old", Map.of("old", NOW.minusDays(40)));
        retention.deleteFinishedRequests(CUTOFF, 0, 10);

        RetentionStore.Batch keys = retention.deleteIdempotencyKeys(CUTOFF, 10);

        assertThat(keys.counts()).containsEntry("idempotency_key", 1);
        assertThat(count("SELECT COUNT(*) FROM idempotency_key WHERE request_id = :id", deleted)).isZero();
        assertThat(count("SELECT COUNT(*) FROM idempotency_key WHERE request_id = :id", waiting)).isOne();
        assertThat(count("SELECT COUNT(*) FROM idempotency_key WHERE request_id = :id", young)).isOne();
    }

    @Test
    void rawBodiesOfFinishedRequestsAreEmptiedOnceAndWaitingRequestsKeepTheirs() {
        long finished = request("inventory", "PROCESSED", 10);
        long waiting = request("inventory", "RECEIVED", 10);
        long young = request("inventory", "PROCESSED", 1);

        RetentionStore.Batch first = retention.blankRawBodies(NOW.minusDays(5), 0, 10);
        RetentionStore.Batch again = retention.blankRawBodies(NOW.minusDays(5), 0, 10);

        assertThat(first.counts()).containsEntry("inbound_request_body", 1);
        assertThat(again.selected()).isZero();
        assertThat(rawBody(finished)).isEmpty();
        assertThat(rawBody(waiting)).isEqualTo("<raw/>");
        assertThat(rawBody(young)).isEqualTo("<raw/>");
        assertThat(exists(finished)).isTrue();
        assertThat(count("SELECT COUNT(*) FROM inventory_result WHERE request_id = :id", finished)).isOne();
    }

    @Test
    void settledDeadLettersGoAfterTheirRetentionAndOpenOnesNever() {
        deadLetter("inventory", "OPEN", 400, null);
        deadLetter("inventory", "REPLAYING", 400, null);
        deadLetter("inventory", "REPLAYED", 400, 40);
        deadLetter("inventory", "DISCARDED", 400, 40);
        deadLetter("inventory", "DISCARDED", 400, 10);

        RetentionStore.Batch batch = retention.deleteSettledDeadLetters(CUTOFF, 10);

        assertThat(batch.counts()).containsEntry("dead_letter", 2);
        assertThat(jdbc.queryForList("SELECT state FROM dead_letter ORDER BY id", Map.of(), String.class))
                .containsExactly("OPEN", "REPLAYING", "DISCARDED");
    }

    @Test
    void exportHistoryGoesWithItsLinesAndOlderBodiesAreRemoved() {
        long old = export(40);
        long recent = export(10);
        long fresh = export(1);

        RetentionStore.Batch history = retention.deleteExportHistory(CUTOFF, 0, 10);
        RetentionStore.Batch bodies = retention.blankExportBodies(NOW.minusDays(5), 0, 10);

        assertThat(history.counts()).containsEntry("order_export", 1).containsEntry("order_export_line", 1);
        assertThat(bodies.counts()).containsEntry("order_export", 1);
        assertThat(count("SELECT COUNT(*) FROM order_export WHERE id = :id", old)).isZero();
        assertThat(count("SELECT COUNT(*) FROM order_export WHERE id = :id AND request_body IS NULL AND response_body IS NULL",
                recent)).isOne();
        assertThat(count("SELECT COUNT(*) FROM order_export WHERE id = :id AND request_body IS NOT NULL", fresh)).isOne();
    }

    private long export(int daysAgo) {
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        MapSqlParameterSource row = new MapSqlParameterSource().addValue("at", NOW.minusDays(daysAgo));
        jdbc.update("""
                INSERT INTO order_export (adapter, order_count, successes, duplicates, failures, started_at, processed_at,
                                          request_body, response_body)
                VALUES ('orderflow', 1, 1, 0, 0, :at, :at, '<imports/>', '<report/>')""", row, key, new String[] {"id"});
        long id = key.getKey().longValue();
        jdbc.update("""
                INSERT INTO order_export_line (export_id, entity_id, increment_id, result) VALUES (:id, 1, '000000001', 'Success')""",
                Map.of("id", id));
        return id;
    }
}
