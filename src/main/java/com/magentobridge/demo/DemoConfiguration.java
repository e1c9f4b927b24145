package com.magentobridge.demo;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.simulator.backoffice.BackOfficeSimulator;
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

    /** Luma sample-data SKUs, as in the recorded Magento traffic. */
    static final List<String> DEMO_SKUS = List.of("24-MB01", "24-MB04", "24-WB01", "24-WB03", "MH09-L-Blue",
            "WP13-28-Blue", "WSH08-29-Purple", "MH01-XS-Black");

    @Bean(destroyMethod = "stop")
    public MagentoSimulator demoMagento(BridgeProperties properties) throws Exception {
        MagentoSimulator simulator = new MagentoSimulator("demo-integration-token");
        simulator.start(properties.getDemo().getMagentoPort());
        DEMO_SKUS.forEach(simulator::addProduct);
        properties.getMagento().setBaseUrl(simulator.baseUrl());
        properties.getMagento().setToken(simulator.token());
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
                    Back office and ops credentials: demo / demo.
                    Audit: {}/ops/requests?flow=inventory and /ops/requests?flow=shipment
                    ************************************************************************************""",
                    demoMagento.baseUrl(), bridge, properties.getDemo().getBackOfficeInterval(), bridge);
            BackOfficeSimulator backOffice = new BackOfficeSimulator(bridge, "default",
                    properties.getInbound().getUsername(), properties.getInbound().getPassword(),
                    // random start: two demo instances on one database must not reuse each other's message ids
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 1L << 40));
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "demo-back-office");
                thread.setDaemon(true);
                return thread;
            });
            long every = properties.getDemo().getBackOfficeInterval().toMillis();
            java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
            DemoDespatches despatches = new DemoDespatches(demoMagento, backOffice, demoOrderFlow, DEMO_SKUS);
            timer.scheduleWithFixedDelay(() -> sendOne(backOffice, ticks.incrementAndGet()), 2000, every, TimeUnit.MILLISECONDS);
            timer.scheduleWithFixedDelay(() -> despatchOne(despatches), 3000, every, TimeUnit.MILLISECONDS);
            event.getApplicationContext().addApplicationListener(
                    (org.springframework.context.event.ContextClosedEvent closed) -> timer.shutdownNow());
        };
    }

    private static void despatchOne(DemoDespatches despatches) {
        try {
            LOG.info("demo back office sent {}", despatches.next());
        } catch (Exception e) {
            LOG.warn("demo back office could not send a despatch: {}", e.toString());
        }
    }

    /** Mostly fresh stock; every 5th tick a re-sent message (Duplicate), every 7th a late, older one (Superseded). */
    private static void sendOne(BackOfficeSimulator backOffice, long tick) {
        try {
            BackOfficeSimulator.Sent sent;
            String kind;
            if (tick % 5 == 0) {
                sent = backOffice.resendLast();
                kind = "re-sent (expect Duplicate)";
            } else if (tick % 7 == 0) {
                sent = backOffice.sendStale(DEMO_SKUS.get(0), 999);
                kind = "late and older (expect Superseded)";
            } else {
                sent = backOffice.sendRandomUpdate(DEMO_SKUS.subList(0, 4 + (int) (Math.random() * 4)), 120);
                kind = "fresh";
            }
            LOG.info("demo back office sent inventory message {} ({}) → HTTP {}", sent.messageSeqId(), kind, sent.status());
        } catch (Exception e) {
            LOG.warn("demo back office could not reach the bridge: {}", e.toString());
        }
    }
}
