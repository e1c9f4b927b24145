package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.it.SharedPostgres;
import com.magentobridge.product.ProductLedger;
import com.zaxxer.hikari.HikariDataSource;

/**
 * Two nodes claiming product export batches from one PostgreSQL at the same time (FOR UPDATE SKIP LOCKED): every
 * pending product is claimed by exactly one of them, so no product is sent twice.
 */
class ProductClaimsIT {

    private static HikariDataSource dataSource;
    private static NamedParameterJdbcTemplate jdbc;
    private static SqlDialect dialect;

    @BeforeAll
    static void database() throws Exception {
        dataSource = SharedPostgres.migrated("product_claims");
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        dialect = new SqlDialect(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    private static NodeLiveness node(String name) {
        BridgeProperties properties = new BridgeProperties();
        properties.setNodeName(name);
        NodeLiveness liveness = new NodeLiveness(dialect, dataSource, jdbc, new NodeName(properties));
        liveness.start();
        return liveness;
    }

    @Test
    void twoNodesClaimingAtOnceNeverClaimOneProductTwice() throws Exception {
        jdbc.getJdbcTemplate().update("DELETE FROM product_ledger");
        for (int i = 0; i < 600; i++) {
            jdbc.update("""
                    INSERT INTO product_ledger (sku, destination, payload, fingerprint, export_state, read_at, changed_at)
                    VALUES (:sku, 'org/channel', '{}', 'f', 'PENDING', :now, :now)""",
                    Map.of("sku", "CLAIM-" + i, "now", InboxStore.now()));
        }
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        NodeLiveness first = node("claims-a");
        NodeLiveness second = node("claims-b");
        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (NodeLiveness liveness : List.of(first, second)) {
                ExportLedger ledger = new ExportLedger(jdbc, dialect, liveness, ProductLedger.PRODUCTS);
                String claimant = liveness == first ? "claims-a" : "claims-b";
                Callable<Integer> run = () -> {
                    int batches = 0;
                    while (true) {
                        List<ExportLedger.Claimed> batch = transaction.execute(status -> ledger.claim(
                                ProductLedger.PENDING, ProductLedger.QUEUED, 7, claimant, Duration.ofMinutes(5)));
                        if (batch.isEmpty()) {
                            return batches;
                        }
                        batch.forEach(row -> {
                            claimed.add(row.id());
                            transaction.executeWithoutResult(status -> ledger.settle(row.id(), ProductLedger.EXPORTED,
                                    "sent"));
                        });
                        batches++;
                    }
                };
                runs.add(pool.submit(run));
            }
            for (Future<Integer> run : runs) {
                assertThat(run.get()).as("each node sent batches").isPositive();
            }
        } finally {
            pool.shutdownNow();
            first.stop();
            second.stop();
        }

        assertThat(claimed).hasSize(600).doesNotHaveDuplicates();
        assertThat(jdbc.getJdbcTemplate().queryForObject(
                "SELECT COUNT(*) FROM product_ledger WHERE export_state = 'EXPORTED'", Integer.class)).isEqualTo(600);
    }
}
