package com.magentobridge.inventory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;

import javax.sql.DataSource;

import org.apache.camel.CamelContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.Flow;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.retry.RetryPolicy;
import com.magentobridge.storage.SqlDialect;

/** The inventory flow's rule beans, its stock writer and its bounded pool of Magento writers. */
@Configuration(proxyBeanMethods = false)
public class InventoryConfiguration {

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
    public SkuWriteLocks skuWriteLocks(SqlDialect dialect, DataSource dataSource) {
        return dialect.isPostgres() ? new PostgresSkuWriteLocks(dataSource) : new LocalSkuWriteLocks();
    }

    /**
     * MSI's answer to a deadlock narrows the stock saves in flight to one; each this long without one widens them by
     * one, back to bridge.magento.max-concurrent-writes.
     */
    static final Duration DEADLOCK_QUIET_PERIOD = Duration.ofSeconds(30);

    /** Deadlock answers are retried by the inventory-write route's redeliveries, as transient failures. */
    @Bean
    public MagentoStockWriter magentoStockWriter(MagentoClient client, RetryPolicies retryPolicies,
                                                 BridgeProperties properties) {
        RetryPolicy policy = retryPolicies.of(Flow.INVENTORY.id());
        return new MagentoStockWriter(client.retryingAs(policy), properties.getMagento().getInventoryApi(),
                policy.maxRedeliveries(),
                new StockWriteLimiter(properties.getMagento().getMaxConcurrentWrites(), DEADLOCK_QUIET_PERIOD));
    }

    /** Bounds concurrent stock writes: Magento deadlocks under many parallel stock saves. */
    @Bean(destroyMethod = "")
    public ExecutorService magentoWriters(CamelContext camel, BridgeProperties properties) {
        return camel.getExecutorServiceManager()
                .newFixedThreadPool(this, "magento-writers", properties.getMagento().getMaxConcurrentWrites());
    }
}
