package com.magentobridge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.backoffice.BackOfficeHttp;
import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.ExportReport;
import com.magentobridge.backoffice.ProductItem;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.ClaimLostException;
import com.magentobridge.flow.InboxClaim;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.NodeName;
import com.magentobridge.storage.SqlDialect;

/** Claims of the order export on the ledger, on a real (embedded) H2 migrated by Flyway. */
class OrderExportClaimTest {

    private static final Duration LEASE = Duration.ofMinutes(5);
    private NamedParameterJdbcTemplate jdbc;
    private OrderExportStore store;

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:export-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        store = new OrderExportStore(jdbc, new SqlDialect(dataSource), NodeLiveness.none());
    }

    @AfterEach
    void close() {
        jdbc.getJdbcTemplate().execute("SHUTDOWN");
    }

    private void order(long entityId, String exportState) {
        jdbc.update("""
                INSERT INTO order_ledger (entity_id, store_code, store_id, increment_id, status, magento_updated_at,
                                          payload, export_state, imported_at, changed_at)
                VALUES (:id, 'default', 1, :number, 'processing', :now, '{}', :state, :now, :now)""",
                Map.of("id", entityId, "number", "0000000" + entityId, "state", exportState, "now", InboxStore.now()));
    }

    private List<Long> claim(String waiting, String queued, int limit, String claimant) {
        return store.claim(waiting, queued, limit, claimant, LEASE).stream()
                .map(OrderExportStore.Claimed::entityId).toList();
    }

    private List<Long> newOrders(int limit, String claimant) {
        return claim(ExportDecision.PENDING, ExportDecision.QUEUED, limit, claimant);
    }

    private List<Long> statusUpdates(int limit, String claimant) {
        return claim(ExportDecision.UPDATE, ExportDecision.QUEUED_UPDATE, limit, claimant);
    }

    private String state(long entityId) {
        return jdbc.getJdbcTemplate().queryForObject("SELECT export_state FROM order_ledger WHERE entity_id = ?",
                String.class, entityId);
    }

    private String claimedBy(long entityId) {
        return jdbc.getJdbcTemplate().queryForObject("SELECT claimed_by FROM order_ledger WHERE entity_id = ?",
                String.class, entityId);
    }

    @Test
    void claimsTheOldestPendingFirstUpToTheLimitAndNeverTwice() {
        order(3, ExportDecision.PENDING);
        order(1, ExportDecision.PENDING);
        order(2, ExportDecision.PENDING);

        List<Long> first = newOrders(2, "me");
        store.settleExported(1, "processing", "exported", ExportDecision.EXPORTED);
        store.settleExported(2, "processing", "exported", ExportDecision.EXPORTED);
        List<Long> second = newOrders(2, "me");

        assertThat(first).containsExactly(1L, 2L);
        assertThat(second).containsExactly(3L);
    }

    @Test
    void ordersANodeLeftQueuedInARunThatEndedWithoutSettlingThemAreClaimedAgainAtItsNextRunNotAtTheLease() {
        order(1, ExportDecision.PENDING);
        order(2, ExportDecision.PENDING);
        assertThat(newOrders(10, "me")).containsExactly(1L, 2L);
        // the run ends without settling them (the database went away after the call): they stay QUEUED, claimed by me
        order(3, ExportDecision.PENDING);

        List<Long> next = newOrders(10, "me");

        assertThat(next).containsExactly(1L, 2L, 3L);
        assertThat(List.of(state(1), state(2), state(3))).containsOnly(ExportDecision.QUEUED);
        assertThat(List.of(claimedBy(1), claimedBy(2), claimedBy(3))).containsOnly("me");
    }

    @Test
    void leftOversCountTowardsTheBatchSizeAndComeFirst() {
        order(1, ExportDecision.PENDING);
        order(2, ExportDecision.PENDING);
        assertThat(newOrders(2, "me")).containsExactly(1L, 2L);
        order(3, ExportDecision.PENDING);
        order(4, ExportDecision.PENDING);

        assertThat(newOrders(3, "me")).containsExactly(1L, 2L, 3L);
        assertThat(state(4)).isEqualTo(ExportDecision.PENDING);
        // left-overs beyond the batch size are all taken (they are never put back behind newer orders)
        assertThat(newOrders(1, "me")).containsExactly(1L, 2L, 3L);
        assertThat(state(4)).isEqualTo(ExportDecision.PENDING);
    }

    @Test
    void theStatusUpdateClaimOfARunDoesNotTakeTheNewOrdersOfTheSameRunAndViceVersa() {
        order(1, ExportDecision.PENDING);
        order(2, ExportDecision.UPDATE);
        assertThat(newOrders(10, "me")).containsExactly(1L);

        assertThat(statusUpdates(10, "me")).containsExactly(2L);
        assertThat(state(1)).isEqualTo(ExportDecision.QUEUED);
        assertThat(state(2)).isEqualTo(ExportDecision.QUEUED_UPDATE);

        // the next run: each kind takes back its own left-overs only
        assertThat(newOrders(10, "me")).containsExactly(1L);
        assertThat(statusUpdates(10, "me")).containsExactly(2L);
        assertThat(state(1)).isEqualTo(ExportDecision.QUEUED);
        assertThat(state(2)).isEqualTo(ExportDecision.QUEUED_UPDATE);
    }

    @Test
    void onASingleProcessDatabaseAnotherProcesssQueuedOrdersAreTakenOverAtOnce() {
        order(1, ExportDecision.PENDING);
        order(2, ExportDecision.PENDING);
        assertThat(newOrders(10, "before-restart")).containsExactly(1L, 2L);

        assertThat(newOrders(10, "me")).containsExactly(1L, 2L);
        assertThat(List.of(claimedBy(1), claimedBy(2))).containsOnly("me");
        assertThat(List.of(state(1), state(2))).containsOnly(ExportDecision.QUEUED);
    }

    @Test
    void settledOrdersAreNotClaimedAgain() {
        order(1, ExportDecision.PENDING);
        order(2, ExportDecision.PENDING);
        assertThat(newOrders(10, "me")).containsExactly(1L, 2L);
        store.settleExported(1, "processing", "exported", ExportDecision.EXPORTED);
        store.settle(2, ExportDecision.FAILED, "refused");

        assertThat(newOrders(10, "me")).isEmpty();
        assertThat(statusUpdates(10, "me")).isEmpty();
    }

    @Test
    void aBatchWhoseRunLostItsClaimsSendsNothingAndSettlesNothing() {
        order(1, "PENDING");
        OrderExportBatch batch = OrderExportBatch.claimed(store.claim("PENDING", "QUEUED", 10, "me", LEASE), false);
        NodeLiveness liveness = NodeLiveness.none();
        // claimed in a session of this node's liveness lock that has ended since
        batch.claimedIn(new InboxClaim("orders-export", batch.entityIds(), liveness, liveness.session() + 1));
        List<List<ExportItem>> sent = new java.util.ArrayList<>();
        BackOfficeExporter exporter = new BackOfficeExporter() {
            @Override
            public ExportReport export(List<ExportItem> items) {
                sent.add(items);
                throw new IllegalStateException("must not be sent");
            }

            @Override
            public ExportReport exportProducts(List<ProductItem> items) {
                throw new IllegalStateException("no products in this test");
            }

            @Override
            public String type() {
                return "recording";
            }

            @Override
            public BackOfficeHttp.Probe probe() {
                return null;
            }
        };
        OrderExportService service = new OrderExportService(store, null, exporter, null, null, jdbc,
                new BridgeProperties(), new NodeName(new BridgeProperties()), null, liveness);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.export(batch))
                .isInstanceOf(ClaimLostException.class);

        assertThat(sent).isEmpty();
        assertThat(jdbc.getJdbcTemplate().queryForObject(
                "SELECT export_state || ' ' || claimed_by FROM order_ledger WHERE entity_id = 1", String.class))
                .as("left claimed for whoever holds it").isEqualTo("QUEUED me");
    }

    @Test
    void theExportRecordLocksOnlyTheOrdersItsNodeStillHolds() {
        order(1, "PENDING");
        order(2, "PENDING");
        assertThat(claim("PENDING", "QUEUED", 10, "me")).containsExactly(1L, 2L);
        // a peer took the second over
        jdbc.getJdbcTemplate().update("UPDATE order_ledger SET claimed_by = 'peer' WHERE entity_id = 2");

        assertThat(store.ledger().lockHeld(List.of(1L, 2L), "QUEUED", "me")).containsExactly(1L);
        assertThat(store.ledger().lockHeld(List.of(1L, 2L), "QUEUED_UPDATE", "me")).isEmpty();
    }

    @Test
    void aRunWaitsForTheRunOfTheSameNodeInProgressUntilItsExchangeIsDone() throws Exception {
        OrderExportService service = new OrderExportService(store, null, null, null, null, jdbc,
                new BridgeProperties(), new NodeName(new BridgeProperties()), null, NodeLiveness.none());
        DefaultCamelContext camel = new DefaultCamelContext();
        Exchange scheduled = new DefaultExchange(camel);
        Exchange askedByOps = new DefaultExchange(camel);
        service.begin(scheduled);

        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            try {
                service.begin(askedByOps);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // it stays waiting as long as the scheduled run is in progress
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());

        done(scheduled);  // the scheduled run ends, however it ended
        second.get(5, TimeUnit.SECONDS);
        done(askedByOps);
        Exchange third = new DefaultExchange(camel);
        CompletableFuture.runAsync(() -> {
            try {
                service.begin(third);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(5, TimeUnit.SECONDS);
    }

    private static void done(Exchange exchange) {
        for (Synchronization completion : exchange.getExchangeExtension().handoverCompletions()) {
            completion.onFailure(exchange);
        }
    }
}
