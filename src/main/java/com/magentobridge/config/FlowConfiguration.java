package com.magentobridge.config;

import java.util.concurrent.ExecutorService;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.inventory.AppliedSequences;
import com.magentobridge.inventory.DatabaseAppliedSequences;
import com.magentobridge.inventory.InMemoryAppliedSequences;
import com.magentobridge.inventory.InventoryAdjuster;
import com.magentobridge.inventory.LocalSkuWriteLocks;
import com.magentobridge.inventory.PostgresSkuWriteLocks;
import com.magentobridge.inventory.SkuWriteLocks;
import com.magentobridge.inventory.InventoryStore;
import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.inventory.NegativeQuantityClamp;
import com.magentobridge.inventory.SourceItemChunker;
import com.magentobridge.inventory.StockBatchPlanner;
import com.magentobridge.magento.BearerTokenAuthentication;
import com.magentobridge.magento.MagentoAuthentication;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.magento.MagentoStockWriter;
import com.magentobridge.mapping.CourierMapping;
import com.magentobridge.metrics.FlowMetrics;
import com.magentobridge.order.OrderStatusService;
import com.magentobridge.order.OrderStatusStore;
import com.magentobridge.storage.Inbox;
import com.magentobridge.storage.InboxStore;
import com.magentobridge.shipment.ShipRequestBuilder;
import com.magentobridge.shipment.ShipmentApplier;
import com.magentobridge.shipment.ShipmentPlanner;
import com.magentobridge.shipment.ShipmentProgress;
import com.magentobridge.shipment.ShipmentStore;
import com.magentobridge.storage.SqlDialect;

/** Wires the rule beans and the Magento client from {@link BridgeProperties}. */
@Configuration(proxyBeanMethods = false)
public class FlowConfiguration {

    @Bean
    public StockBatchPlanner stockBatchPlanner(BridgeProperties properties) {
        return new StockBatchPlanner(new NegativeQuantityClamp(properties.getInventory().isAllowNegative()),
                new InventoryAdjuster(properties.getInventory().getAdjustLevel()),
                new SourceItemChunker(properties.getMagento().getChunkSize()));
    }

    /** In memory with a log on an embedded H2 (one writer); in the database where several instances share it. */
    @Bean
    public AppliedSequences appliedSequences(SqlDialect dialect, InventoryStore store, TransactionTemplate transaction) {
        return dialect.isSingleProcess()
                ? new InMemoryAppliedSequences(store, transaction)
                : new DatabaseAppliedSequences(store);
    }

    /** One writer per SKU and source: within this process on an embedded H2, across instances on PostgreSQL. */
    @Bean
    public SkuWriteLocks skuWriteLocks(SqlDialect dialect, javax.sql.DataSource dataSource) {
        return dialect.isPostgres() ? new PostgresSkuWriteLocks(dataSource) : new LocalSkuWriteLocks();
    }

    @Bean
    public MagentoAuthentication magentoAuthentication(BridgeProperties properties) {
        return new BearerTokenAuthentication(() -> properties.getMagento().getToken());
    }

    /** The connection pool to Magento; outside the retrying flows (order import, adjustments) with the default statuses. */
    @Bean(destroyMethod = "close")
    public MagentoClient magentoClient(BridgeProperties properties, MagentoAuthentication authentication,
                                       RetryPolicies retryPolicies, ObjectMapper json, MeterRegistry meters) {
        return new MagentoClient(properties.getMagento(), authentication,
                retryPolicies.defaults().transientStatuses(), json, meters);
    }

    /** Each retrying flow calls Magento through a view of the pool that classifies statuses by its own policy. */
    private static MagentoClient clientOf(String flow, MagentoClient client, RetryPolicies retryPolicies) {
        return client.withTransientStatuses(retryPolicies.of(flow).transientStatuses());
    }

    @Bean
    public MagentoStockWriter magentoStockWriter(MagentoClient client, RetryPolicies retryPolicies,
                                                 BridgeProperties properties) {
        return new MagentoStockWriter(clientOf(InventoryStore.FLOW, client, retryPolicies),
                properties.getMagento().getInventoryApi());
    }

    @Bean
    public MagentoOrders magentoOrders(MagentoClient client) {
        return new MagentoOrders(client);
    }

    @Bean
    public CourierMapping courierMapping(BridgeProperties properties) {
        return new CourierMapping(properties.getMappings().getCouriers(), properties.getMappings().getDefaultCarrier());
    }

    /** With MSI every shipment names its source (the configured default when the line has none); legacy stock has none. */
    @Bean
    public ShipmentApplier shipmentApplier(MagentoClient client, RetryPolicies retryPolicies, CourierMapping couriers,
                                           BridgeProperties properties, ShipmentProgress progress) {
        BridgeProperties.Magento magento = properties.getMagento();
        String defaultSource = magento.getInventoryApi() == BridgeProperties.InventoryApi.MSI ? magento.getSourceCode() : null;
        return new ShipmentApplier(new MagentoOrders(clientOf(ShipmentStore.FLOW, client, retryPolicies)),
                new ShipmentPlanner(defaultSource), new ShipRequestBuilder(couriers), progress);
    }

    @Bean
    public OrderStatusService orderStatusService(Inbox inbox, InboxStore inboxStore, OrderStatusStore store,
                                                 MagentoClient client, RetryPolicies retryPolicies,
                                                 TransactionTemplate transaction, ObjectMapper json,
                                                 BridgeProperties properties, FlowMetrics metrics) {
        return new OrderStatusService(inbox, inboxStore, store,
                new MagentoOrders(clientOf(OrderStatusStore.FLOW, client, retryPolicies)), transaction, json, properties,
                metrics);
    }

    /** Bounds concurrent stock writes: Magento deadlocks under many parallel stock saves. */
    @Bean(destroyMethod = "")
    public ExecutorService magentoWriters(CamelContext camel, BridgeProperties properties) {
        return camel.getExecutorServiceManager()
                .newFixedThreadPool(this, "magento-writers", properties.getMagento().getMaxConcurrentWrites());
    }
}
