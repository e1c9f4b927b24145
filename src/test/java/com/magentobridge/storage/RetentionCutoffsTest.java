package com.magentobridge.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.magentobridge.config.BridgeProperties;

class RetentionCutoffsTest {

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 30, 3, 30, 0, 0, ZoneOffset.UTC);

    private static BridgeProperties.Retention settings(int rawBodyDays, int processedDays, int deadLetterDays) {
        BridgeProperties.Retention settings = new BridgeProperties.Retention();
        settings.setRawBodyDays(rawBodyDays);
        settings.setProcessedDays(processedDays);
        settings.setDeadLetterDays(deadLetterDays);
        return settings;
    }

    @Test
    void eachKindOfRecordIsCountedBackFromTheStartOfTheRun() {
        RetentionCutoffs cutoffs = RetentionCutoffs.at(NOW, settings(5, 30, 14));

        assertThat(cutoffs.rawBodies()).isEqualTo(NOW.minusDays(5));
        assertThat(cutoffs.processed()).isEqualTo(NOW.minusDays(30));
        assertThat(cutoffs.deadLetters()).isEqualTo(NOW.minusDays(14));
    }

    @Test
    void idempotencyKeysOutliveBothTheRequestsAndTheSettledDeadLetters() {
        assertThat(RetentionCutoffs.at(NOW, settings(5, 30, 14)).idempotencyKeys()).isEqualTo(NOW.minusDays(30));
        assertThat(RetentionCutoffs.at(NOW, settings(5, 30, 90)).idempotencyKeys()).isEqualTo(NOW.minusDays(90));
    }

    @Test
    void defaultsKeepRawBodiesFiveDaysAndEverythingElseThirty() {
        RetentionCutoffs cutoffs = RetentionCutoffs.at(NOW, new BridgeProperties.Retention());

        assertThat(cutoffs.rawBodies()).isEqualTo(NOW.minusDays(5));
        assertThat(cutoffs.processed()).isEqualTo(NOW.minusDays(30));
        assertThat(cutoffs.idempotencyKeys()).isEqualTo(NOW.minusDays(30));
        assertThat(cutoffs.deadLetters()).isEqualTo(NOW.minusDays(30));
    }
}
