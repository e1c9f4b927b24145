package com.magentobridge.order;

import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.NodeName;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.backoffice.ConfiguredBackOfficeExporter;
import com.magentobridge.inventory.AdjustmentSource;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.order.UnsentOrdersAndCarts;
import com.magentobridge.order.OrderExportRules;
import com.magentobridge.order.OrderExportService;
import com.magentobridge.order.OrderExportStore;
import com.magentobridge.order.OrderImporter;
import com.magentobridge.order.OrderLedger;
import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.flow.Flow;
import com.magentobridge.config.BridgeProperties;

/** Wires the order import, the export rules and the back-office adapter chosen by BRIDGE_BACKOFFICE_TYPE. */
@Configuration(proxyBeanMethods = false)
public class OrderConfiguration {

    @Bean
    public OrderExportRules orderExportRules(BridgeProperties properties) {
        return new OrderExportRules(properties);
    }

    @Bean
    public OrderImporter orderImporter(MagentoOrders orders, OrderLedger ledger, OrderExportRules rules,
                                       TransactionTemplate transaction, ObjectMapper json, BridgeProperties properties,
                                       BackOfficeExporter backOfficeExporter, FlowMetrics metrics) {
        return new OrderImporter(orders, ledger, rules, transaction, json, properties, backOfficeExporter, metrics);
    }

    /** The adapter for BRIDGE_BACKOFFICE_TYPE (orderflow or json), retrying the statuses of the orders-export policy. */
    @Bean(destroyMethod = "close")
    public ConfiguredBackOfficeExporter backOfficeExporter(BridgeProperties properties, RetryPolicies retryPolicies,
                                                           MeterRegistry meters) {
        return new ConfiguredBackOfficeExporter(properties,
                retryPolicies.of(Flow.ORDERS_EXPORT.id()).transientStatuses(), meters);
    }

    /** What inventory adjustment levels 1 and 2 subtract; level 0 never asks. */
    @Bean
    public AdjustmentSource adjustmentSource(OrderLedger ledger, MagentoOrders orders, BridgeProperties properties) {
        return new UnsentOrdersAndCarts(ledger, orders, properties);
    }

    @Bean
    public OrderExportService orderExportService(OrderExportStore store, OrderExportRules rules,
                                                 BackOfficeExporter exporter, TransactionTemplate transaction,
                                                 ObjectMapper json, NamedParameterJdbcTemplate jdbc,
                                                 BridgeProperties properties, NodeName node, FlowMetrics metrics,
                                                 NodeLiveness liveness) {
        return new OrderExportService(store, rules, exporter, transaction, json, jdbc, properties, node, metrics,
                liveness);
    }
}
