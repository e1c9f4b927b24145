package com.magentobridge.shipment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.Flow;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoOrders;
import com.magentobridge.mapping.CourierMapping;
import com.magentobridge.retry.RetryPolicies;

/** The shipment flow's applier: Magento through the shipment retry policy, couriers from the mappings. */
@Configuration(proxyBeanMethods = false)
public class ShipmentConfiguration {

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
        return new ShipmentApplier(new MagentoOrders(client.retryingAs(retryPolicies.of(Flow.SHIPMENT.id()))),
                new ShipmentPlanner(defaultSource), new ShipRequestBuilder(couriers), progress);
    }
}
