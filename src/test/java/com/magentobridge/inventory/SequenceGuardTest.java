package com.magentobridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SequenceGuardTest {

    private static final SkuSource A = new SkuSource("A", "default");

    private final SequenceGuard guard = new SequenceGuard(Map.of(A, 10L));

    @Test
    void letsThroughASequenceNewerThanTheLastApplied() {
        assertThat(guard.staleReason(A, 11)).isNull();
    }

    @Test
    void stopsAnEqualSequenceNamingBothSequences() {
        assertThat(guard.staleReason(A, 10)).isEqualTo("Superseded: sequence 10 is not newer than 10 already applied");
    }

    @Test
    void stopsAnOlderSequenceNamingBothSequences() {
        assertThat(guard.staleReason(A, 3)).isEqualTo("Superseded: sequence 3 is not newer than 10 already applied");
    }

    @Test
    void letsThroughAnySequenceForASkuAndSourceNeverApplied() {
        assertThat(guard.staleReason(new SkuSource("A", "eu"), 0)).isNull();
        assertThat(guard.staleReason(new SkuSource("B", "default"), 0)).isNull();
    }
}
