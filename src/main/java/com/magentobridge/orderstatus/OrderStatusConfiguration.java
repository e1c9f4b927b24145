package com.magentobridge.orderstatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.Flow;
import com.magentobridge.flow.FlowMetrics;
import com.magentobridge.flow.Inbox;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.retry.RetryPolicies;
import com.magentobridge.storage.InboxStore;

/** The order-status flow on the inbox skeleton: receipt, claimed jobs, and the applier (Magento through its policy). */
@Configuration(proxyBeanMethods = false)
public class OrderStatusConfiguration {

    @Bean
    public OrderStatusInbox orderStatusInbox(Inbox inbox, OrderStatusStore store, ObjectMapper json) {
        return new OrderStatusInbox(inbox, store, json);
    }

    @Bean
    public OrderStatusJobs orderStatusJobs(Inbox inbox, InboxStore inboxStore, OrderStatusStore store,
                                           TransactionTemplate transaction, ObjectMapper json, FlowMetrics metrics,
                                           BridgeProperties properties) {
        return new OrderStatusJobs(inbox, inboxStore, store, transaction, json, metrics, properties);
    }

    @Bean
    public OrderStatusApplier orderStatusApplier(OrderStatusStore store, MagentoClient client, RetryPolicies retryPolicies,
                                                 BridgeProperties properties) {
        return new OrderStatusApplier(store,
                new MagentoOrders(client.retryingAs(retryPolicies.of(Flow.ORDERSTATUS.id()))), properties);
    }
}
