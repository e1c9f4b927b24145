package com.magentobridge.health;

import java.time.Instant;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import com.magentobridge.backoffice.BackOfficeHttp;
import com.magentobridge.backoffice.ConfiguredBackOfficeExporter;
import com.magentobridge.config.BridgeProperties;
import com.magentobridge.flow.Expiring;

/**
 * The {@code backOffice} health component: an authenticated GET on the configured adapter's endpoint, reused for
 * {@code bridge.health.back-office-cache}. DOWN when the credentials are refused (401/403), the back office fails
 * (429, 5xx) or does not answer; UNKNOWN when no back office is configured (orders are then not exported, which is a
 * choice, not a fault). The details name the user and the status, never the password.
 */
public class BackOfficeHealthIndicator implements HealthIndicator {

    private final ConfiguredBackOfficeExporter backOffice;
    private final Expiring<Health> lastCheck;

    public BackOfficeHealthIndicator(ConfiguredBackOfficeExporter backOffice, BridgeProperties properties) {
        this.backOffice = backOffice;
        this.lastCheck = new Expiring<>(properties.getHealth().getBackOfficeCache(), this::check);
    }

    @Override
    public Health health() {
        if (!backOffice.configured()) {
            return Health.unknown()
                    .withDetail("reason", "BRIDGE_BACKOFFICE_BASE_URL is not set: orders are imported, not exported")
                    .build();
        }
        return lastCheck.get();
    }

    private Health check() {
        Instant checkedAt = Instant.now();
        BackOfficeHttp.Probe probe = backOffice.probe();
        Health.Builder health = probe.up() ? Health.up() : Health.down();
        health.withDetail("type", backOffice.type()).withDetail("httpStatus", probe.status());
        if (probe.problem() != null) {
            health.withDetail("error", probe.problem());
        }
        return health.withDetail("checkedAt", checkedAt.toString()).build();
    }
}
