package com.magentobridge.magento;

import java.time.Clock;

import org.apache.hc.core5.http.HttpRequest;

import com.magentobridge.config.BridgeProperties;

/**
 * The mode {@code bridge.magento.*} asks for, built on first use rather than at wiring time: demo mode fills the
 * settings in when its simulator starts, after the beans that call Magento were wired. Check-config and start-up have
 * already refused settings that name no mode, half a mode or two modes.
 */
final class ConfiguredAuthentication implements MagentoAuthentication {

    private final BridgeProperties.Magento settings;
    private final Clock clock;
    private volatile MagentoAuthentication chosen;
    private volatile AdminLogin login;

    ConfiguredAuthentication(BridgeProperties.Magento settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    static MagentoAuthentication forSettings(BridgeProperties.Magento settings, Clock clock) {
        BridgeProperties.MagentoAuthType type = settings.effectiveAuthType();
        if (type == null) {
            type = BridgeProperties.MagentoAuthType.BEARER; // nothing set: every call is refused, naming bearer mode
        }
        return switch (type) {
            case OAUTH1 -> new OAuth1Authentication(new OAuth1Authentication.Credentials(settings.getConsumerKey(),
                    settings.getConsumerSecret(), settings.getAccessToken(), settings.getAccessTokenSecret()), clock);
            case BEARER -> new BearerTokenAuthentication(() -> settings.getToken() == null ? "" : settings.getToken());
            case ADMIN -> new AdminTokenAuthentication(settings.getAdminUsername(), settings::getAdminPassword,
                    settings.getAdminTokenLifetime(), clock);
        };
    }

    private MagentoAuthentication chosen() {
        MagentoAuthentication current = chosen;
        if (current == null) {
            synchronized (this) {
                if (chosen == null) {
                    MagentoAuthentication built = forSettings(settings, clock);
                    if (login != null) {
                        built.useLogin(login);
                    }
                    chosen = built;
                }
                current = chosen;
            }
        }
        return current;
    }

    @Override
    public void authenticate(HttpRequest request) {
        chosen().authenticate(request);
    }

    @Override
    public String mode() {
        return chosen().mode();
    }

    @Override
    public boolean refreshAfterUnauthorized(HttpRequest refused) {
        return chosen().refreshAfterUnauthorized(refused);
    }

    @Override
    public String explainRefusal(String magentoMessage) {
        return chosen().explainRefusal(magentoMessage);
    }

    @Override
    public synchronized void useLogin(AdminLogin login) {
        this.login = login;
        if (chosen != null) {
            chosen.useLogin(login);
        }
    }
}
