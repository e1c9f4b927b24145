package com.magentobridge.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.magentobridge.simulator.backoffice.BackOfficeSimulator;
import com.magentobridge.simulator.backoffice.OrderFlowSimulator;
import com.magentobridge.simulator.magento.MagentoSimulator;

/**
 * What the demo's simulated back office does, every few seconds: inventory messages (mostly fresh, every 5th re-sent,
 * every 7th late and older) and despatches of the orders customers placed in the Magento simulator. With several
 * bridges it sends to each in turn, as a load balancer in front of them would.
 */
public final class DemoTraffic implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);

    /** Luma sample-data SKUs, as in the recorded Magento traffic. */
    public static final List<String> DEMO_SKUS = List.of("24-MB01", "24-MB04", "24-WB01", "24-WB03", "MH09-L-Blue",
            "WP13-28-Blue", "WSH08-29-Purple", "MH01-XS-Black");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "demo-back-office");
        thread.setDaemon(true);
        return thread;
    });

    private DemoTraffic() {
    }

    /** Starts sending to {@code bridgeUrls} in turn with the back office's credentials. */
    public static DemoTraffic start(List<String> bridgeUrls, String username, String password, MagentoSimulator magento,
                                    OrderFlowSimulator orderFlow, Duration interval) {
        List<BackOfficeSimulator> backOffices = new ArrayList<>();
        List<DemoDespatches> despatches = new ArrayList<>();
        for (String url : bridgeUrls) {
            // random start: two demo back offices on one database must not reuse each other's message ids
            BackOfficeSimulator backOffice = new BackOfficeSimulator(url, "default", username, password,
                    ThreadLocalRandom.current().nextLong(1, 1L << 40));
            backOffices.add(backOffice);
            despatches.add(new DemoDespatches(magento, backOffice, orderFlow, DEMO_SKUS));
        }
        DemoTraffic traffic = new DemoTraffic();
        AtomicLong ticks = new AtomicLong();
        AtomicLong despatchTicks = new AtomicLong();
        long every = interval.toMillis();
        traffic.timer.scheduleWithFixedDelay(() -> {
            long tick = ticks.incrementAndGet();
            sendOne(backOffices.get((int) (tick % backOffices.size())), tick);
        }, 2000, every, TimeUnit.MILLISECONDS);
        traffic.timer.scheduleWithFixedDelay(() ->
                despatchOne(despatches.get((int) (despatchTicks.incrementAndGet() % despatches.size()))),
                3000, every, TimeUnit.MILLISECONDS);
        return traffic;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static void despatchOne(DemoDespatches despatches) {
        try {
            LOG.info("demo back office sent {}", despatches.next());
        } catch (Exception e) {
            LOG.warn("demo back office could not send a despatch: {}", e.toString());
        }
    }

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
                sent = backOffice.sendRandomUpdate(DEMO_SKUS.subList(0, 4 + ThreadLocalRandom.current().nextInt(4)), 120);
                kind = "fresh";
            }
            LOG.info("demo back office sent inventory message {} ({}) → HTTP {}", sent.messageSeqId(), kind, sent.status());
        } catch (Exception e) {
            LOG.warn("demo back office could not reach the bridge: {}", e.toString());
        }
    }
}
