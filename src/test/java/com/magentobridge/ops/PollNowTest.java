package com.magentobridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A resumed flow polls at once, not at its next tick, and never two polls at the same time. */
class PollNowTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();

    @AfterEach
    void stop() {
        camel.stop();
    }

    private void start(String schedule) throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("scheduler:hourly?" + schedule).routeId("hourly-process").process(exchange -> {
                    if (running.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    polls.incrementAndGet();
                    await().pollDelay(Duration.ofMillis(50)).until(() -> true);
                    running.decrementAndGet();
                });
            }
        });
        camel.start();
    }

    @Test
    void aResumedRoutePollsWithoutWaitingForItsNextTick() throws Exception {
        start("delay=3600000&initialDelay=3600000&synchronous=true");
        camel.getRouteController().suspendRoute("hourly-process");
        camel.getRouteController().resumeRoute("hourly-process");

        assertThat(PollNow.queue(camel.getRoute("hourly-process"))).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 1);
    }

    @Test
    void queuedPollsRunOneAfterAnother() throws Exception {
        start("delay=3600000&initialDelay=3600000&synchronous=true");
        for (int i = 0; i < 5; i++) {
            PollNow.queue(camel.getRoute("hourly-process"));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> polls.get() == 5);
        assertThat(overlaps.get()).isZero();
    }
}
