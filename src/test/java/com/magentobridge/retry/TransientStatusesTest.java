package com.magentobridge.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TransientStatusesTest {

    private final TransientStatuses statuses = TransientStatuses.of(List.of(409, 429, 503));

    @Test
    void aListedStatusIsRetried() {
        assertThat(statuses.isTransient(503)).isTrue();
        assertThat(statuses.isTransient(429)).isTrue();
        assertThat(statuses.isTransient(409)).isTrue();
    }

    @Test
    void anyOtherClientOrServerErrorIsNot() {
        assertThat(statuses.isTransient(500)).isFalse();
        assertThat(statuses.isTransient(502)).isFalse();
        assertThat(statuses.isTransient(400)).isFalse();
        assertThat(statuses.isTransient(404)).isFalse();
    }

    @Test
    void noAnswerAtAllIsAlwaysRetried() {
        assertThat(TransientStatuses.of(List.of()).isTransient(TransientStatuses.NO_ANSWER)).isTrue();
    }

    @Test
    void refusedCredentialsAreNeverRetriedEvenWhenListed() {
        TransientStatuses listed = TransientStatuses.of(List.of(401, 403, 503));

        assertThat(listed.isTransient(401)).isFalse();
        assertThat(listed.isTransient(403)).isFalse();
    }

    @Test
    void anEmptyEntryInAConfiguredListIsNoStatus() {
        TransientStatuses withGap = TransientStatuses.of(Arrays.asList(429, null, 503));

        assertThat(withGap.statuses()).containsExactly(429, 503);
    }
}
