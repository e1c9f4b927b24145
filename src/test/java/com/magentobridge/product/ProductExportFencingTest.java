package com.magentobridge.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.backoffice.BackOfficeHttp;
import com.magentobridge.backoffice.BackOfficeTransientException;
import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.backoffice.ExportReport;
import com.magentobridge.backoffice.ProductItem;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.ClaimLostException;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.InboxClaim;
import com.magentobridge.storage.ContentFingerprint;
import com.magentobridge.storage.ExportLedger;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.NodeName;
import com.magentobridge.storage.SqlDialect;

/**
 * The product export's fencing (the export life cycle's, shared with orders): a batch whose run lost its claims sends
 * and records nothing, and a record finding a product taken by a peer settles none of the batch; on a real H2 migrated
 * by Flyway.
 */
class ProductExportFencingTest {

    private NamedParameterJdbcTemplate jdbc;
    private TransactionTemplate transaction;
    private ExportLedger claims;
    private SqlDialect dialect;
    private final NodeLiveness liveness = NodeLiveness.none();
    private final BridgeProperties properties = new BridgeProperties();
    private final NodeName node = new NodeName(properties);
    private final List<List<ProductItem>> sent = new ArrayList<>();
    /** What the back office does while it takes a call (after recording it). */
    private Runnable duringCall = () -> { };

    @BeforeEach
    void database() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:product-fencing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        dialect = new SqlDialect(dataSource);
        claims = new ExportLedger(jdbc, dialect, liveness, ProductLedger.PRODUCTS);
    }

    @AfterEach
    void close() {
        jdbc.getJdbcTemplate().execute("SHUTDOWN");
    }

    private void product(String sku) {
        String payload = "{\"organisation\":\"org\",\"channel\":\"web\",\"fields\":{\"name\":\"" + sku + "\"}}";
        jdbc.update("""
                INSERT INTO product_ledger (sku, destination, organisation, channel, payload, fingerprint, export_state,
                                            read_at, changed_at)
                VALUES (:sku, 'org/web', 'org', 'web', :payload, :fingerprint, 'PENDING', :now, :now)""",
                Map.of("sku", sku, "now", InboxStore.now(), "payload", payload,
                        "fingerprint", ContentFingerprint.of(payload)));
    }

    /** The product's export state and who claims it: "me", "peer" or "-". */
    private String stateAndClaimant(String sku) {
        return jdbc.getJdbcTemplate().queryForObject(
                "SELECT export_state || ' ' || COALESCE(claimed_by, '-') FROM product_ledger WHERE sku = ?",
                String.class, sku).replace(node.value(), "me");
    }

    private int productExportsRecorded() {
        return jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM order_export WHERE entity = 'product'",
                Integer.class);
    }

    private ProductExportService service() {
        BackOfficeExporter exporter = new BackOfficeExporter() {
            @Override
            public ExportReport export(List<ExportItem> items) {
                throw new IllegalStateException("no orders in this test");
            }

            @Override
            public ExportReport exportProducts(List<ProductItem> items) {
                sent.add(items);
                duringCall.run();
                Map<String, ExportOutcome> outcomes = new LinkedHashMap<>();
                items.forEach(item -> outcomes.put(item.sku(), new ExportOutcome(ExportOutcome.Result.Success, null)));
                return new ExportReport("m-1", outcomes, null, null);
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
        return new ProductExportService(claims, new ProductLedger(jdbc, dialect), exporter, transaction, new ObjectMapper(),
                properties, node, new FlowMetrics(new SimpleMeterRegistry()), liveness);
    }

    private ProductExportBatch claimedBatch(ProductExportService service) {
        ProductExportBatch batch = service.claim(new DefaultExchange(new DefaultCamelContext()));
        assertThat(batch.ids()).hasSize(2);
        return batch;
    }

    @Test
    void aBatchWhoseRunStillHoldsItsProductsRecordsThem() {
        product("BAG-1");
        product("BAG-2");
        ProductExportService service = service();

        service.export(claimedBatch(service));

        assertThat(sent).hasSize(1);
        assertThat(List.of(stateAndClaimant("BAG-1"), stateAndClaimant("BAG-2"))).containsOnly("EXPORTED -");
        assertThat(productExportsRecorded()).isEqualTo(1);
    }

    @Test
    void aBatchWhoseRunLostItsClaimsSendsNothingAndRecordsNothing() {
        product("BAG-1");
        product("BAG-2");
        ProductExportService service = service();
        List<ExportLedger.Claimed> rows = transaction.execute(status -> claims.claim(ProductLedger.PENDING,
                ProductLedger.QUEUED, 10, node.value(), Duration.ofMinutes(5)));
        ProductExportBatch batch = ProductExportBatch.claimed(rows);
        // claimed in a session of this node's liveness lock that has ended since
        batch.claimedIn(new InboxClaim(Flow.PRODUCTS_EXPORT.id(), batch.ids(), liveness, liveness.session() + 1));

        assertThatThrownBy(() -> service.export(batch)).isInstanceOf(ClaimLostException.class);

        assertThat(sent).isEmpty();
        assertThat(List.of(stateAndClaimant("BAG-1"), stateAndClaimant("BAG-2")))
                .as("left claimed for whoever holds them").containsOnly("QUEUED me");
        assertThat(productExportsRecorded()).isZero();
    }

    @Test
    void aRecordFindingAProductTakenByAPeerSettlesNothingOfTheBatch() {
        product("BAG-1");
        product("BAG-2");
        ProductExportService service = service();
        ProductExportBatch batch = claimedBatch(service);
        // while the back office takes the call, a peer takes the second product over
        duringCall = () -> jdbc.getJdbcTemplate().update("UPDATE product_ledger SET claimed_by = 'peer' WHERE sku = ?",
                "BAG-2");

        String summary = service.export(batch);

        assertThat(sent).hasSize(1);
        assertThat(summary).contains("not recorded here");
        assertThat(stateAndClaimant("BAG-1")).as("left to the run that holds it now").isEqualTo("QUEUED me");
        assertThat(stateAndClaimant("BAG-2")).as("the peer's to settle").isEqualTo("QUEUED peer");
        assertThat(productExportsRecorded()).isZero();
    }

    @Test
    void aFailedCallWhoseProductsAPeerTookPutsNothingBack() {
        product("BAG-1");
        product("BAG-2");
        ProductExportService service = service();
        ProductExportBatch batch = claimedBatch(service);
        jdbc.getJdbcTemplate().update("UPDATE product_ledger SET claimed_by = 'peer' WHERE sku = 'BAG-2'");
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setBody(batch);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new BackOfficeTransientException("back office unreachable", null));

        service.failed(exchange);

        assertThat(stateAndClaimant("BAG-1")).isEqualTo("QUEUED me");
        assertThat(stateAndClaimant("BAG-2")).isEqualTo("QUEUED peer");
        assertThat(productExportsRecorded()).isZero();
    }
}
