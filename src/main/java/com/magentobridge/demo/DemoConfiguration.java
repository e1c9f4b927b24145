package com.magentobridge.demo;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * Demo mode (BRIDGE_DEMO_ENABLED=true) only: starts the built-in Magento simulator, points the bridge at it,
 * and lets a back-office simulator send inventory updates and despatches of the orders customers place in the
 * simulator every few seconds.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bridge.demo.enabled", havingValue = "true")
public class DemoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(DemoConfiguration.class);

    /** The demo store's integration (demo only: published values, never a real store's). */
    public static final MagentoSimulator.Integration DEMO_INTEGRATION = new MagentoSimulator.Integration(
            "demo0consumer0key000000000000001", "demo0consumer0secret000000000001",
            "demo0access0token000000000000001", "demo0access0token0secret00000001");

    /** The simulator is a store as Magento 2.4.8 ships: the bridge signs every call with the integration (oauth1). */
    @Bean(destroyMethod = "stop")
    public MagentoSimulator demoMagento(BridgeProperties properties) throws Exception {
        MagentoSimulator simulator = new MagentoSimulator(DEMO_INTEGRATION);
        simulator.start(properties.getDemo().getMagentoPort());
        DemoTraffic.DEMO_SKUS.forEach(simulator::addProduct);
        DemoCatalogue.seed(simulator);
        BridgeProperties.Magento magento = properties.getMagento();
        magento.setBaseUrl(simulator.baseUrl());
        magento.getAuth().setType(BridgeProperties.MagentoAuthType.OAUTH1);
        magento.setConsumerKey(DEMO_INTEGRATION.consumerKey());
        magento.setConsumerSecret(DEMO_INTEGRATION.consumerSecret());
        magento.setAccessToken(DEMO_INTEGRATION.accessToken());
        magento.setAccessTokenSecret(DEMO_INTEGRATION.accessTokenSecret());
        return simulator;
    }

    /** OrderFlow's import endpoint for the order export, unless a real back office is configured. */
    @Bean(destroyMethod = "stop")
    public OrderFlowSimulator demoOrderFlow(BridgeProperties properties) {
        OrderFlowSimulator simulator = new OrderFlowSimulator("demo-orderflow", "demo-orderflow-password").start(0);
        BridgeProperties.BackOffice backOffice = properties.getBackoffice();
        if (!backOffice.isConfigured()) {
            backOffice.setType(BridgeProperties.BackOfficeType.ORDERFLOW);
            backOffice.setBaseUrl(simulator.baseUrl());
            backOffice.setUsername("demo-orderflow");
            backOffice.setPassword("demo-orderflow-password");
            if (backOffice.getOrganisation() == null) {
                backOffice.setOrganisation("demo-organisation");
            }
            if (backOffice.getChannel() == null) {
                backOffice.setChannel("magento-demo");
            }
        }
        return simulator;
    }

    @Bean
    public ApplicationListener<ApplicationReadyEvent> demoBackOffice(BridgeProperties properties, MagentoSimulator demoMagento,
                                                                     OrderFlowSimulator demoOrderFlow) {
        return event -> {
            String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
            String bridge = "http://127.0.0.1:" + port;
            LOG.warn("""

                    ************************************************************************************
                    DEMO MODE: no real Magento store is connected.
                    Stock updates go to the built-in Magento simulator at {}.
                    A back-office simulator posts inventory and shipment messages to {}/soap/default every {}
                    Customers place orders in the Magento simulator; the bridge imports them every minute and
                    exports them to a simulated OrderFlow (/ops/orders); the warehouse then despatches them.
                    A merchandiser edits the catalogue a few times a minute; changed products are exported
                    to the simulated OrderFlow every minute (/ops/products, /ops/products/exports).
                    Back office and ops credentials: demo / demo.
                    Audit: {}/ops/requests?flow=inventory and /ops/requests?flow=shipment
                    ************************************************************************************""",
                    demoMagento.baseUrl(), bridge, properties.getDemo().getBackOfficeInterval(), bridge);
            DemoTraffic traffic = DemoTraffic.start(List.of(bridge), properties.getInbound().getUsername(),
                    properties.getInbound().getPassword(), demoMagento, demoOrderFlow,
                    properties.getDemo().getBackOfficeInterval());
            // a catalogue edit every fourth back-office message: a few a minute with the default 5 s
            DemoCatalogue catalogue = DemoCatalogue.start(demoMagento,
                    properties.getDemo().getBackOfficeInterval().multipliedBy(4));
            event.getApplicationContext().addApplicationListener(
                    (org.springframework.context.event.ContextClosedEvent closed) -> {
                        traffic.close();
                        catalogue.close();
                    });
        };
    }
}
