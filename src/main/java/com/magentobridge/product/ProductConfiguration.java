package com.magentobridge.product;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoProducts;
import com.magentobridge.storage.ExportLedger;
import com.magentobridge.storage.ImportCursors;
import com.magentobridge.storage.NodeLiveness;
import com.magentobridge.storage.NodeName;
import com.magentobridge.storage.SqlDialect;

/** Wires the product export: catalogue reads, mapping, ledger, poll and sweep, export batches. */
@Configuration(proxyBeanMethods = false)
public class ProductConfiguration {

    @Bean
    public MagentoProducts magentoProducts(MagentoClient client) {
        return new MagentoProducts(client);
    }

    @Bean
    public ProductLedger productLedger(NamedParameterJdbcTemplate jdbc, SqlDialect dialect) {
        return new ProductLedger(jdbc, dialect);
    }

    @Bean
    public ProductMapper productMapper(BridgeProperties properties, MagentoProducts magento) {
        return new ProductMapper(properties.getProducts(), new AttributeOptions(magento));
    }

    @Bean
    public ProductDestinations productDestinations(MagentoProducts magento, BridgeProperties properties) {
        return new ProductDestinations(magento, properties);
    }

    @Bean
    public ProductPoll productPoll(MagentoProducts magento, ProductMapper mapper, ProductDestinations destinations,
                                   ProductLedger ledger, NamedParameterJdbcTemplate jdbc,
                                   TransactionTemplate transaction, ObjectMapper json, BridgeProperties properties) {
        return new ProductPoll(magento, mapper, destinations, ledger,
                new ImportCursors(jdbc, "product_import_cursor"), transaction, json, properties);
    }

    @Bean
    public ProductExportService productExportService(NamedParameterJdbcTemplate jdbc, SqlDialect dialect,
                                                     NodeLiveness liveness, ProductLedger ledger,
                                                     BackOfficeExporter exporter, TransactionTemplate transaction,
                                                     ObjectMapper json, BridgeProperties properties, NodeName node,
                                                     FlowMetrics metrics) {
        return new ProductExportService(new ExportLedger(jdbc, dialect, liveness, ProductLedger.PRODUCTS), ledger,
                exporter, transaction, json, properties, node, metrics, liveness);
    }
}
