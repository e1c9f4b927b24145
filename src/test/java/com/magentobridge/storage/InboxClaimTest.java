package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Claims on the shared inbox, on a real (embedded) H2 migrated by Flyway. */
class InboxClaimTest {

    private NamedParameterJdbcTemplate jdbc;
    private InboxStore store;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        store = new InboxStore(jdbc, new SqlDialect(dataSource), NodeLiveness.none());
    }

    @AfterEach
    void close() {
        jdbc.getJdbcTemplate().execute("SHUTDOWN");
    }

    private long receive(long messageSeqId) {
        return store.insert(new InboxStore.NewRequest("shipment", "op", "soap", "default", messageSeqId, 1, "<raw/>", "{}"));
    }

    @Test
    void claimsTheOldestFirstUpToTheLimitAndNeverTwice() {
        long first = receive(1);
        long second = receive(2);
        long third = receive(3);

        InboxStore.Claim claim = store.claim("shipment", 2, "me", Duration.ofMinutes(5));
        store.markProcessed(claim.requestIds());
        InboxStore.Claim next = store.claim("shipment", 2, "me", Duration.ofMinutes(5));
        store.markProcessed(next.requestIds());

        assertThat(claim.requestIds()).containsExactly(first, second);
        assertThat(next.requestIds()).containsExactly(third);
        assertThat(store.claim("shipment", 2, "me", Duration.ofMinutes(5)).requestIds()).isEmpty();
    }

    @Test
    void aNodesOwnClaimsLeftByABatchThatEndedWithoutRecordingAreTakenAgainAtItsNextClaimNotAtTheLease() {
        long first = receive(21);
        long second = receive(22);
        assertThat(store.claim("shipment", 10, "me", Duration.ofMinutes(5)).requestIds()).containsExactly(first, second);
        store.markProcessed(java.util.List.of(first));
        // the batch failed before recording the second (the database went away): still PROCESSING, claimed by me
        long third = receive(23);

        InboxStore.Claim again = store.claim("shipment", 10, "me", Duration.ofMinutes(5));

        assertThat(again.leftOverTaken()).isOne();
        assertThat(again.requestIds()).as("oldest first, the left-over included").containsExactly(second, third);
    }

    @Test
    void theRecordStepCompletesOnlyRequestsItsNodeStillHoldsNeverAPeersResult() {
        long mine = receive(31);
        long takenOver = receive(32);
        assertThat(store.claim("shipment", 10, "slow-node", Duration.ofMinutes(5)).requestIds())
                .containsExactly(mine, takenOver);
        // a peer took the second over (the slow node's session ended) and recorded it
        jdbc.getJdbcTemplate().update("UPDATE inbound_request SET claimed_by = 'peer' WHERE id = ?", takenOver);
        store.markProcessed(java.util.List.of(takenOver));
        jdbc.getJdbcTemplate().update("UPDATE inbound_request SET processed_at = NULL WHERE id = ?", takenOver);

        assertThat(store.markProcessedIfClaimed(java.util.List.of(mine, takenOver), "slow-node"))
                .as("only the one it still holds").isOne();
        assertThat(store.markProcessedIfClaimed(java.util.List.of(takenOver), "slow-node")).isZero();
        assertThat(jdbc.getJdbcTemplate().queryForObject(
                "SELECT claimed_by || ' ' || state || ' ' || COALESCE(CAST(processed_at AS VARCHAR), '-') "
                        + "FROM inbound_request WHERE id = ?", String.class, takenOver))
                .as("the peer's result untouched").isEqualTo("peer PROCESSED -");
    }

    @Test
    void aClaimThatRanOutIsTakenBackAndItsFormerHolderCannotRenewIt() {
        long request = receive(10);
        assertThat(store.claim("shipment", 10, "slow-node", Duration.ofMinutes(5)).requestIds()).containsExactly(request);
        assertThat(store.renew(request, "slow-node")).as("still held").isTrue();
        jdbc.getJdbcTemplate().update("UPDATE inbound_request SET claimed_at = claimed_at - INTERVAL '10' MINUTE");

        InboxStore.Claim taken = store.claim("shipment", 10, "other-node", Duration.ofMinutes(5));

        assertThat(taken.expiredTaken()).isOne();
        assertThat(taken.requestIds()).containsExactly(request);
        assertThat(store.renew(request, "slow-node")).as("lost to the other node: skip it").isFalse();
        assertThat(store.renew(request, "other-node")).isTrue();
    }

    @Test
    void staleClaimsAreTakenOverIntoThisBatchEvenPastItsSizeAndNeverPutBackAmongTheReceived() {
        long first = receive(31);
        long second = receive(32);
        long third = receive(33);
        assertThat(store.claim("shipment", 2, "killed-process", Duration.ofMinutes(5)).requestIds())
                .containsExactly(first, second);
        long fourth = receive(34);

        // an embedded H2 has one process: the other one's claims are a dead one's, and may already be applied
        InboxStore.Claim small = store.claim("shipment", 1, "me", Duration.ofMinutes(5));

        assertThat(small.orphanedTaken()).isEqualTo(2);
        assertThat(small.requestIds()).as("taken over whole, past the batch size of 1").containsExactly(first, second);
        assertThat(jdbc.getJdbcTemplate().queryForList(
                "SELECT claimed_by FROM inbound_request WHERE id IN (?, ?)", String.class, first, second))
                .containsOnly("me");
        assertThat(jdbc.getJdbcTemplate().queryForList(
                "SELECT id FROM inbound_request WHERE state = 'RECEIVED' ORDER BY id", Long.class))
                .containsExactly(third, fourth);

        InboxStore.Claim next = store.claim("shipment", 3, "me", Duration.ofMinutes(5));
        assertThat(next.leftOverTaken()).isEqualTo(2);
        assertThat(next.requestIds()).as("the left-overs, then received ones up to the batch size")
                .containsExactly(first, second, third);
    }

    @Test
    void anEarlierProcesssClaimThatBeganWritingWaitsOneAnswerWindowFromThisProcesssStartOnAnEmbeddedDatabase() {
        // the earlier process was killed while its write was in Magento's hands: it may land after this one started
        long writing = receive(41);
        long waiting = receive(42);
        assertThat(store.claim("shipment", 2, "killed-process", Duration.ofMinutes(5)).requestIds())
                .containsExactly(writing, waiting);
        assertThat(store.markWriting(List.of(writing), "killed-process")).isEqualTo(1);
        Duration answerWindow = Duration.ofMinutes(10);

        InboxStore.Claim restarted = store.claim("shipment", 10, "me", Duration.ofMinutes(5), answerWindow);

        assertThat(restarted.requestIds()).as("the one that never began writing, at once").containsExactly(waiting);
        assertThat(store.writesInFlight("shipment", "me", answerWindow, true)).containsExactly(writing);
        assertThat(store.writesInFlight("shipment", "me", answerWindow, false)).containsExactly(writing);

        InboxStore.Claim windowOver = store.claim("shipment", 10, "me", Duration.ofMinutes(5), Duration.ZERO);
        assertThat(windowOver.orphanedTaken()).isEqualTo(1);
        assertThat(windowOver.requestIds()).containsExactly(writing, waiting);
        assertThat(store.writesInFlight("shipment", "me", Duration.ZERO, true)).isEmpty();
    }

    @Test
    void markingWritesMarksOnlyWhatTheClaimantStillHolds() {
        long mine = receive(51);
        store.claim("shipment", 1, "me", Duration.ofMinutes(5));
        long theirs = receive(52);
        // taken over by a peer meanwhile (e.g. this node's lease ran out)
        jdbc.getJdbcTemplate().update("UPDATE inbound_request SET state = 'PROCESSING', claimed_by = 'peer' "
                + "WHERE id = ?", theirs);

        assertThat(store.markWriting(List.of(mine, theirs), "me")).as("a peer's claim is not this run's to write")
                .isEqualTo(1);
    }

    @Test
    void aReplayLeftByAnEarlierProcessIsOpenedAgainOnceItsWriteCanNoLongerLand() {
        DeadLetterStore letters = new DeadLetterStore(jdbc);
        jdbc.getJdbcTemplate().update("""
                INSERT INTO dead_letter (flow, route_id, replay_uri, body_type, body, headers, attempts, first_failed_at,
                                         last_failed_at, state)
                VALUES ('inventory', 'inventory-write', 'direct:inventory-replay', 'x', '{}', '{}', 1,
                        CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'OPEN')""");
        long letter = jdbc.getJdbcTemplate().queryForObject("SELECT MAX(id) FROM dead_letter", Long.class);
        assertThat(letters.startReplay(letter, "killed-process")).isTrue();
        assertThat(letters.replaysOfOthers("inventory", "me")).containsExactly(Map.entry(letter, "killed-process"));
        assertThat(letters.replaysOfOthers("inventory", "killed-process")).as("its own replay").isEmpty();

        assertThat(store.goneAndLanded(List.of("killed-process"), "me", Duration.ofMinutes(10)))
                .as("its replay's write may still land").isEmpty();
        assertThat(store.goneAndLanded(List.of("killed-process", "me"), "me", Duration.ZERO))
                .containsExactly("killed-process");

        assertThat(letters.reopenAbandoned(List.of(letter))).isEqualTo(1);
        assertThat(letters.find(letter).orElseThrow().state()).isEqualTo(DeadLetterStore.OPEN);
        assertThat(letters.find(letter).orElseThrow().replayOutcome()).startsWith("replay abandoned");
    }
}
