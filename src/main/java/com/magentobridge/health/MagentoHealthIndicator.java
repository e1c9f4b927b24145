package com.magentobridge.health;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.magento.MagentoClient;
import com.magentobridge.magento.MagentoException;
import com.magentobridge.flow.Expiring;

/**
 * The {@code magento} health component: one cheap authenticated call, {@code GET /rest/{store}/V1/store/storeConfigs}
 * with the configured token, reused for {@code bridge.health.magento-cache}. DOWN with the HTTP status and Magento's
 * message when the credentials are refused (401/403: "The signature is invalid...", "The consumer isn't authorized...",
 * the two-factor refusal of an admin login), Magento fails (5xx) or does not answer (httpStatus 0). {@code auth} names
 * the mode (oauth1, bearer, admin). The details never carry a secret: the client's messages name the method, path,
 * status and Magento's own words only.
 */
public class MagentoHealthIndicator implements HealthIndicator {

    static final String PATH = "/V1/store/storeConfigs";

    private final MagentoClient client;
    private final Expiring<Health> lastCheck;

    public MagentoHealthIndicator(MagentoClient client, BridgeProperties properties) {
        this.client = client;
        this.lastCheck = new Expiring<>(properties.getHealth().getMagentoCache(), this::check);
    }

    @Override
    public Health health() {
        return lastCheck.get();
    }

    private Health check() {
        Instant checkedAt = Instant.now();
        try {
            JsonNode stores = client.get("store.configs", PATH);
            return Health.up()
                    .withDetail("auth", client.authenticationMode())
                    .withDetail("stores", stores.size())
                    .withDetail("checkedAt", checkedAt.toString())
                    .build();
        } catch (MagentoException e) {
            return Health.down()
                    .withDetail("auth", client.authenticationMode())
                    .withDetail("httpStatus", e.status())
                    .withDetail("error", e.getMessage())
                    .withDetail("checkedAt", checkedAt.toString())
                    .build();
        } catch (RuntimeException e) {
            // e.g. a base URL that is not a URL: its text could hold credentials, so only the kind of failure is shown
            return Health.down()
                    .withDetail("httpStatus", 0)
                    .withDetail("error", e.getClass().getSimpleName() + ": check bridge.magento.base-url")
                    .withDetail("checkedAt", checkedAt.toString())
                    .build();
        }
    }
}
