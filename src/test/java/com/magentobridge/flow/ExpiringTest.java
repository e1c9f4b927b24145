package com.magentobridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ExpiringTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final AtomicInteger computations = new AtomicInteger();

    private Expiring<Integer> expiring(Duration ttl) {
        return new Expiring<>(ttl, computations::incrementAndGet, clock::get);
    }

    @Test
    void theValueIsReusedWithinItsTimeToLive() {
        Expiring<Integer> value = expiring(Duration.ofSeconds(30));

        assertThat(value.get()).isEqualTo(1);
        clock.addAndGet(Duration.ofSeconds(29).toNanos());

        assertThat(value.get()).isEqualTo(1);
        assertThat(computations).hasValue(1);
    }

    @Test
    void anExpiredValueIsComputedAgain() {
        Expiring<Integer> value = expiring(Duration.ofSeconds(30));
        value.get();

        clock.addAndGet(Duration.ofSeconds(30).toNanos());

        assertThat(value.get()).isEqualTo(2);
    }

    @Test
    void aZeroTimeToLiveComputesEveryTime() {
        Expiring<Integer> value = expiring(Duration.ZERO);

        value.get();
        value.get();

        assertThat(computations).hasValue(2);
    }

    @Test
    void aNegativeTimeToLiveIsRefused() {
        assertThatThrownBy(() -> expiring(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("time to live");
    }
}
