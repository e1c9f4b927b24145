package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.it.SharedPostgres;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Liveness locks on a real PostgreSQL: a dead instance's claims are taken over at the next claim (the lease is 5 min
 * here, so only the liveness lock can explain it) once a write of its could no longer land in Magento, a live one's and
 * an unregistered one's are not, and an instance whose lock's session is killed takes its lock again (its claims of
 * the earlier session count as writes in flight for its peers until it takes them back).
 */
class NodeLivenessIT {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private static HikariDataSource dataSource;
    private static NamedParameterJdbcTemplate jdbc;
    private static SqlDialect dialect;
    private final List<NodeLiveness> started = new ArrayList<>();

    @BeforeAll
    static void database() throws Exception {
        dataSource = SharedPostgres.migrated("liveness");
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        dialect = new SqlDialect(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @AfterEach
    void stopInstances() {
        started.forEach(NodeLiveness::stop);
        jdbc.getJdbcTemplate().update("DELETE FROM inbound_request_body");
        jdbc.getJdbcTemplate().update("DELETE FROM inbound_request");
        jdbc.getJdbcTemplate().update("DELETE FROM order_ledger");
    }

    private NodeLiveness instance(String name) {
        BridgeProperties properties = new BridgeProperties();
        properties.setNodeName(name);
        NodeLiveness liveness = new NodeLiveness(dialect, dataSource, jdbc, new NodeName(properties));
        liveness.start();
        started.add(liveness);
        return liveness;
    }

    private static InboxStore store(NodeLiveness liveness) {
        return new InboxStore(jdbc, dialect, liveness);
    }

    private static long receive(long messageSeqId) {
        return store(NodeLiveness.none()).insert(
                new InboxStore.NewRequest("shipment", "op", "soap", "default", messageSeqId, 1, "<raw/>", "{}"));
    }

    private static String name(NodeLiveness liveness) {
        return jdbc.getJdbcTemplate().queryForObject("SELECT name FROM bridge_node WHERE liveness_key = ?",
                String.class, liveness.key());
    }

    @Test
    void aDeadInstancesClaimsAreTakenOverAtTheNextClaimAndALiveOnesAreNot() {
        NodeLiveness a = instance("node-a");
        NodeLiveness b = instance("node-b");
        long first = receive(1);
        long second = receive(2);
        assertThat(store(a).claim("shipment", 10, name(a), LEASE).requestIds()).containsExactly(first, second);

        InboxStore.Claim whileAlive = store(b).claim("shipment", 10, name(b), LEASE);
        assertThat(whileAlive.deadTaken()).isZero();
        assertThat(whileAlive.requestIds()).isEmpty();

        a.stop(); // its session ends: PostgreSQL frees the lock (a moment later), as it does for a killed process
        await().atMost(Duration.ofSeconds(5)).until(() -> lockHolder(a) == null);
        InboxStore.Claim afterDeath = store(b).claim("shipment", 10, name(b), LEASE);

        assertThat(afterDeath.deadTaken()).isEqualTo(2);
        assertThat(afterDeath.requestIds()).containsExactly(first, second);
        assertThat(jdbc.getJdbcTemplate().queryForList("SELECT DISTINCT claimed_by FROM inbound_request", String.class))
                .containsExactly(name(b));
    }

    @Test
    void aDeadInstancesClaimsThatBeganWritingWaitOneMagentoAnswerWindowFromItsDeathThenAreTakenOver() {
        Duration answerWindow = Duration.ofSeconds(2);
        NodeLiveness a = instance("node-a");
        NodeLiveness b = instance("node-b");
        long first = receive(1);
        long second = receive(2);
        assertThat(store(a).claim("shipment", 10, name(a), LEASE, answerWindow).requestIds())
                .containsExactly(first, second);
        assertThat(store(a).markWriting(List.of(first, second), name(a))).isEqualTo(2);
        assertThat(store(b).writesInFlight("shipment", name(b), answerWindow, false)).as("A is alive").isEmpty();

        a.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> lockHolder(a) == null);
        InboxStore.Claim justDead = store(b).claim("shipment", 10, name(b), LEASE, answerWindow);

        assertThat(justDead.deadTaken()).as("a write of A's may still land").isZero();
        assertThat(justDead.requestIds()).isEmpty();
        assertThat(store(b).writesInFlight("shipment", name(b), answerWindow, false))
                .containsExactlyInAnyOrder(first, second);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                store(b).claim("shipment", 10, name(b), LEASE, answerWindow).deadTaken() == 2);
        assertThat(store(b).writesInFlight("shipment", name(b), answerWindow, false)).isEmpty();
        assertThat(jdbc.getJdbcTemplate().queryForList("SELECT DISTINCT claimed_by FROM inbound_request", String.class))
                .containsExactly(name(b));
        assertThat(jdbc.getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM inbound_request WHERE write_started_at IS NOT NULL", Integer.class))
                .as("B's claim has not begun writing").isZero();
    }

    @Test
    void aDeadInstancesClaimsThatNeverBeganWritingAreTakenOverAtOnceEvenWithinTheAnswerWindow() {
        Duration answerWindow = Duration.ofMinutes(10);
        NodeLiveness a = instance("node-a");
        NodeLiveness b = instance("node-b");
        long waiting = receive(1);
        long writing = receive(2);
        assertThat(store(a).claim("shipment", 10, name(a), LEASE, answerWindow).requestIds())
                .containsExactly(waiting, writing);
        assertThat(store(a).markWriting(List.of(writing), name(a))).isEqualTo(1);

        a.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> lockHolder(a) == null);
        InboxStore.Claim justDead = store(b).claim("shipment", 10, name(b), LEASE, answerWindow);

        assertThat(justDead.deadTaken()).isEqualTo(1);
        assertThat(justDead.requestIds()).as("nothing of it can be in Magento's hands").containsExactly(waiting);
        assertThat(store(b).writesInFlight("shipment", name(b), answerWindow, false)).containsExactly(writing);
    }

    @Test
    void whenAnInstanceWasFirstSeenDeadIsKeptForEveryPeerAndAcrossTheirRestarts() {
        Duration answerWindow = Duration.ofMinutes(10);
        NodeLiveness a = instance("node-a");
        NodeLiveness b = instance("node-b");
        long request = receive(1);
        store(a).claim("shipment", 10, name(a), LEASE, answerWindow);
        store(a).markWriting(List.of(request), name(a));
        a.stop();
        await().atMost(Duration.ofSeconds(5)).until(() -> lockHolder(a) == null);

        java.time.OffsetDateTime seenByB = b.dead(List.of(name(a))).get(name(a));
        b.stop(); // B restarts: a new instance looks
        NodeLiveness c = instance("node-b");
        java.time.OffsetDateTime seenByC = c.dead(List.of(name(a))).get(name(a));

        assertThat(seenByB).isNotNull();
        assertThat(seenByC).as("the answer window does not start again").isEqualTo(seenByB);
        assertThat(store(c).writesInFlight("shipment", name(c), answerWindow, false)).containsExactly(request);
    }

    @Test
    void underItsWriteLocksARunCountsEveryOtherClaimThatBeganWritingEvenALiveInstancesOne() {
        // a live writer holds the locks of all it writes until it has recorded: a claim of it that began writing while
        // the run holds those locks is a dying writer's (its lock connection ended a moment before its liveness lock)
        Duration answerWindow = Duration.ofMinutes(10);
        NodeLiveness a = instance("node-a");
        NodeLiveness b = instance("node-b");
        long claimed = receive(1);
        long writing = receive(2);
        store(a).claim("shipment", 10, name(a), LEASE, answerWindow);
        store(a).markWriting(List.of(writing), name(a));

        assertThat(store(b).writesInFlight("shipment", name(b), answerWindow, false)).as("A is alive").isEmpty();
        assertThat(store(b).writesInFlight("shipment", name(b), answerWindow, true)).containsExactly(writing);
        assertThat(claimed).isNotEqualTo(writing);
    }

    @Test
    void claimsOfAnInstancesEarlierSessionCountAsWritesInFlightForItsPeersUntilItTakesThemBack() {
        Duration answerWindow = Duration.ofMinutes(1);
        NodeLiveness a = instance("node-a");
        NodeLiveness b = instance("node-b");
        long first = receive(1);
        assertThat(store(a).claim("shipment", 10, name(a), LEASE, answerWindow).requestIds()).containsExactly(first);
        assertThat(store(a).markWriting(List.of(first), name(a))).isEqualTo(1);
        long session = a.session();

        // A's liveness session ends (a database restart, a cut connection; its SKU locks would go too) and it takes
        // its lock again: its batch of the earlier session may still have a write in Magento's hands
        jdbc.getJdbcTemplate().queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, lockHolder(a));
        await().atMost(Duration.ofSeconds(10)).until(() -> a.session() != 0 && a.session() != session);

        assertThat(store(b).writesInFlight("shipment", name(b), answerWindow, false)).as("A is alive, its claim of an "
                + "earlier session in doubt").containsExactly(first);
        assertThat(store(b).claim("shipment", 10, name(b), LEASE, answerWindow).requestIds()).isEmpty();
        // A's next claim comes once its batch has returned: it takes its left-over back at once
        InboxStore.Claim again = store(a).claim("shipment", 10, name(a), LEASE, answerWindow);
        assertThat(again.leftOverTaken()).isEqualTo(1);
        assertThat(again.requestIds()).containsExactly(first);
        assertThat(store(a).markWriting(List.of(first), name(a))).isEqualTo(1);
        assertThat(store(b).writesInFlight("shipment", name(b), answerWindow, false)).isEmpty();
    }

    @Test
    void ordersQueuedByADeadInstanceAreTakenOverByTheNextExportClaimAndALiveOnesAreNot() {
        NodeLiveness a = instance("node-a");
        NodeLiveness b = instance("node-b");
        for (long id = 1; id <= 2; id++) {
            jdbc.update("""
                    INSERT INTO order_ledger (entity_id, store_code, store_id, increment_id, status, magento_updated_at,
                                              payload, export_state, imported_at, changed_at)
                    VALUES (:id, 'default', 1, :number, 'processing', :now, '{}', 'PENDING', :now, :now)""",
                    java.util.Map.of("id", id, "number", "00000000" + id, "now", InboxStore.now()));
        }
        assertThat(exportClaim(a)).containsExactly(1L, 2L);

        assertThat(exportClaim(b)).isEmpty();

        a.stop(); // its session ends: PostgreSQL frees the lock, as it does for a killed process
        await().atMost(Duration.ofSeconds(5)).until(() -> lockHolder(a) == null);

        assertThat(exportClaim(b)).containsExactly(1L, 2L);
        assertThat(jdbc.getJdbcTemplate().queryForList(
                "SELECT DISTINCT claimed_by || ' ' || export_state FROM order_ledger", String.class))
                .containsExactly(name(b) + " QUEUED");
    }

    private static List<Long> exportClaim(NodeLiveness liveness) {
        return new com.magentobridge.order.OrderExportStore(jdbc, dialect, liveness)
                .claim("PENDING", "QUEUED", 10, name(liveness), LEASE).stream()
                .map(com.magentobridge.order.OrderExportStore.Claimed::entityId).toList();
    }

    @Test
    void claimsOfAnInstanceWithoutALivenessLockOfItsOwnKeepTheirLease() {
        NodeLiveness b = instance("node-b");
        long request = receive(3);
        // an instance of an earlier version registers nothing: it may be alive
        assertThat(store(NodeLiveness.none()).claim("shipment", 10, "old-version/1234abcd", LEASE).requestIds())
                .containsExactly(request);

        InboxStore.Claim claim = store(b).claim("shipment", 10, name(b), LEASE);

        assertThat(claim.deadTaken()).isZero();
        assertThat(claim.requestIds()).isEmpty();
    }

    @Test
    void anInstanceWhoseLockSessionIsKilledTakesItsLockAgainAndKeepsItsClaims() {
        NodeLiveness a = instance("node-a");
        NodeLiveness b = instance("node-b");
        long request = receive(4);
        assertThat(store(a).claim("shipment", 10, name(a), LEASE).requestIds()).containsExactly(request);
        Integer pid = lockHolder(a);
        assertThat(pid).isNotNull();

        jdbc.getJdbcTemplate().queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(lockHolder(a)).isNotNull().isNotEqualTo(pid);
            assertThat(a.held()).isTrue();
        });
        InboxStore.Claim claim = store(b).claim("shipment", 10, name(b), LEASE);
        assertThat(claim.deadTaken()).isZero();
        assertThat(claim.requestIds()).isEmpty();
    }

    @Test
    void aBatchClaimedInASessionThatEndedNoLongerOwnsItsClaimsEvenOnceTheLockIsHeldAgain() {
        NodeLiveness a = instance("node-a");
        long request = receive(6);
        InboxStore.Claim claimed = store(a).claim("shipment", 10, name(a), LEASE);
        com.magentobridge.flow.InboxClaim batch = new com.magentobridge.flow.InboxClaim("shipment",
                claimed.requestIds(), a, claimed.session());
        assertThat(batch.requestIds()).containsExactly(request);
        assertThat(batch.stillOwned()).isTrue();
        Integer pid = lockHolder(a);

        jdbc.getJdbcTemplate().queryForObject("SELECT pg_terminate_backend(?)", Boolean.class, pid);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(lockHolder(a)).isNotNull().isNotEqualTo(pid);
            assertThat(a.held()).isTrue();
        });
        assertThat(batch.stillOwned()).as("claimed in the session that ended: a peer may have taken it over").isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(batch::ensureOwned)
                .isInstanceOf(com.magentobridge.flow.ClaimLostException.class);
        InboxStore.Claim again = store(a).claim("shipment", 10, name(a), LEASE);
        assertThat(again.leftOverTaken()).as("its own left-over, in the new session").isOne();
        assertThat(again.session()).isNotEqualTo(claimed.session()).isEqualTo(a.session());
    }

    @Test
    void livenessLocksAreTwoIntKeysApartFromTheSkuLocksOneBigintKeys() {
        NodeLiveness a = instance("node-a");
        assertThat(jdbc.getJdbcTemplate().queryForObject("""
                SELECT objsubid FROM pg_locks WHERE locktype = 'advisory' AND classid = ? AND objid = ?
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""",
                Integer.class, NodeLiveness.LOCK_CLASS, a.key())).isEqualTo(2);
    }

    private static Integer lockHolder(NodeLiveness liveness) {
        List<Integer> pids = jdbc.getJdbcTemplate().queryForList("""
                SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
                  AND classid = ? AND objid = ?
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""",
                Integer.class, NodeLiveness.LOCK_CLASS, liveness.key());
        return pids.isEmpty() ? null : pids.get(0);
    }
}
