package com.magentobridge.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import com.magentobridge.storage.DatabaseAvailability;

/**
 * The {@code db} health component (readiness), in place of Spring's: DOWN, answered from memory, while the database is
 * known to be down (since when and why; the bridge checks it every second in the background and the component is UP
 * again as soon as it answers). Otherwise it asks the database itself, as Spring's did — a pooled connection that says
 * it is valid — waiting at most {@code bridge.inbound.store-timeout} for the pool, and a database that does not answer
 * is marked down for the inbound gate and the processing runs too. A probe never waits 30 s for the pool.
 */
public class DatabaseHealthIndicator implements HealthIndicator {

    private final DatabaseAvailability database;
    private final String product;

    public DatabaseHealthIndicator(DatabaseAvailability database, String product) {
        this.database = database;
        this.product = product;
    }

    @Override
    public Health health() {
        return database.verify()
                .map(outage -> Health.down().withDetail("database", product).withDetail("error", outage.reason())
                        .withDetail("since", outage.since().toString()).build())
                .orElseGet(() -> Health.up().withDetail("database", product).withDetail("validationQuery", "isValid()")
                        .build());
    }
}
