package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StockWriteLimiterTest {

    private static final Duration QUIET = Duration.ofSeconds(30);

    private final AtomicLong now = new AtomicLong();
    private final StockWriteLimiter limiter = new StockWriteLimiter(4, QUIET, now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    void aDeadlockAnswerLetsTheSavesInFlightFinishAndThenOnlyOneAtATime() {
        List<StockWriteLimiter.Permit> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            inFlight.add(limiter.acquire());
        }
        assertThat(limiter.available()).isZero();

        limiter.deadlocked();

        assertThat(limiter.width()).isEqualTo(1);
        assertThat(limiter.available()).as("three of the four in flight are over the width").isEqualTo(-3);
        inFlight.subList(0, 3).forEach(StockWriteLimiter.Permit::close);
        assertThat(limiter.available()).as("the fourth still holds the only place").isZero();
        inFlight.get(3).close();
        assertThat(limiter.available()).isEqualTo(1);
    }

    @Test
    void aSecondSaveWaitsWhileTheWidthIsOne() {
        limiter.deadlocked();
        StockWriteLimiter.Permit first = limiter.acquire();

        CompletableFuture<StockWriteLimiter.Permit> second = CompletableFuture.supplyAsync(limiter::acquire);

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
        first.close();
        await().atMost(Duration.ofSeconds(2)).until(second::isDone);
        second.join().close();
        assertThat(limiter.available()).isEqualTo(1);
    }

    @Test
    void eachQuietPeriodWithoutADeadlockAnswerWidensByOneUpToTheMaximum() {
        limiter.deadlocked();

        advance(QUIET.minusSeconds(1));
        limiter.acquire().close();
        assertThat(limiter.width()).isEqualTo(1);
        advance(Duration.ofSeconds(1));
        limiter.acquire().close();
        assertThat(limiter.width()).isEqualTo(2);
        advance(QUIET);
        limiter.acquire().close();
        assertThat(limiter.width()).isEqualTo(3);

        limiter.deadlocked();
        assertThat(limiter.width()).as("a deadlock answer narrows it again at once").isEqualTo(1);
        assertThat(limiter.available()).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            advance(QUIET);
            limiter.acquire().close();
        }
        assertThat(limiter.width()).isEqualTo(4);
        assertThat(limiter.available()).isEqualTo(4);
    }

    @Test
    void aDeadlockAnswerWhileNarrowedRestartsTheQuietPeriod() {
        limiter.deadlocked();
        advance(QUIET.minusSeconds(1));
        limiter.deadlocked();
        advance(Duration.ofSeconds(1));
        limiter.acquire().close();

        assertThat(limiter.width()).isEqualTo(1);
    }

    @Test
    void atLeastOneWriteIsAllowed() {
        assertThatThrownBy(() -> new StockWriteLimiter(0, QUIET)).isInstanceOf(IllegalArgumentException.class);
    }
}
