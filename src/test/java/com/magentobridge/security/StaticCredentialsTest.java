package com.magentobridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaticCredentialsTest {

    @Test
    void matchesAnEqualSecret() {
        assertThat(StaticCredentials.matches("s3cr3t", "s3cr3t")).isTrue();
        assertThat(StaticCredentials.matches("pässwörd-€", "pässwörd-€")).isTrue();
    }

    @Test
    void refusesADifferentSecret() {
        assertThat(StaticCredentials.matches("s3cr3t", "s3cr3T")).isFalse();
        assertThat(StaticCredentials.matches("s3cr3t", "s3cr3t ")).isFalse();
        assertThat(StaticCredentials.matches("s3cr3t", "s3cr")).isFalse();
        assertThat(StaticCredentials.matches("s3cr3t", "s3cr3t-and-more")).isFalse();
    }

    @Test
    void refusesAMissingPresentedSecret() {
        assertThat(StaticCredentials.matches("s3cr3t", null)).isFalse();
        assertThat(StaticCredentials.matches("s3cr3t", "")).isFalse();
    }

    @Test
    void refusesEverythingWhenNoSecretIsConfigured() {
        assertThat(StaticCredentials.matches(null, null)).isFalse();
        assertThat(StaticCredentials.matches(null, "anything")).isFalse();
        assertThat(StaticCredentials.matches("", "")).isFalse();
        assertThat(StaticCredentials.matches("", "anything")).isFalse();
    }
}
