package com.magentobridge.magento;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Logs in with an admin's username and password ({@code POST /V1/integration/admin/token}) and sends the token as a
 * bearer token. The token lives in memory only. It is renewed shortly before it expires (the JWT's {@code exp} on
 * Magento 2.4.4+, else {@code bridge.magento.admin-token-lifetime}) and once after a 401 that refused the current
 * token; one login at a time across threads, the others wait for its token. A refused login is remembered for a
 * minute rather than repeated on every call: Magento locks an admin account after six failed logins.
 */
public class AdminTokenAuthentication implements MagentoAuthentication {

    /** Magento_TwoFactorAuth's answer to this endpoint ("Please use the 2fa provider-specific endpoints ..."). */
    static final String TWO_FACTOR_REFUSAL = "2fa provider-specific endpoints";
    private static final Duration FAILED_LOGIN_PAUSE = Duration.ofMinutes(1);
    private static final Duration LARGEST_RENEWAL_MARGIN = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Token(String value, Instant renewAt) { }

    private record Refusal(MagentoException failure, Instant until) { }

    private final String username;
    private final Supplier<String> password;
    private final Duration lifetime;
    private final Clock clock;
    private final ReentrantLock loginLock = new ReentrantLock();
    private volatile Token current;
    private volatile Refusal lastRefusal;
    private volatile AdminLogin login;

    public AdminTokenAuthentication(String username, Supplier<String> password, Duration lifetime, Clock clock) {
        this.username = username;
        this.password = password;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    @Override
    public void useLogin(AdminLogin login) {
        this.login = login;
    }

    @Override
    public String mode() {
        return "admin";
    }

    @Override
    public void authenticate(HttpRequest request) {
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + liveToken().value());
    }

    @Override
    public boolean refreshAfterUnauthorized(HttpRequest refused) {
        Header sent = refused.getFirstHeader(HttpHeaders.AUTHORIZATION);
        loginLock.lock();
        try {
            Token token = current;
            if (token != null && sent != null && sent.getValue().equals("Bearer " + token.value())) {
                current = null; // the store no longer takes it (expired early, revoked): log in again, once
            }
            liveToken();
            return true;
        } finally {
            loginLock.unlock();
        }
    }

    @Override
    public String explainRefusal(String magentoMessage) {
        return magentoMessage != null && magentoMessage.contains(TWO_FACTOR_REFUSAL)
                ? " (admin mode: Magento's two-factor module refuses admin-token login; create an integration and use"
                        + " BRIDGE_MAGENTO_AUTH_TYPE=oauth1)"
                : "";
    }

    private Token liveToken() {
        Token token = current;
        if (token != null && clock.instant().isBefore(token.renewAt())) {
            return token;
        }
        loginLock.lock();
        try {
            token = current;
            if (token != null && clock.instant().isBefore(token.renewAt())) {
                return token;
            }
            current = logIn();
            return current;
        } finally {
            loginLock.unlock();
        }
    }

    private Token logIn() {
        Refusal refusal = lastRefusal;
        if (refusal != null && clock.instant().isBefore(refusal.until())) {
            throw refusal.failure();
        }
        if (login == null) {
            throw new IllegalStateException("admin mode without a Magento client to log in with");
        }
        Instant asked = clock.instant();
        String token;
        try {
            token = login.adminToken(username, password.get());
        } catch (MagentoAuthorizationException | MagentoRejectedException e) {
            MagentoException failure = e.getMessage() != null && e.getMessage().contains(TWO_FACTOR_REFUSAL)
                    ? new MagentoAuthorizationException("Magento's two-factor authentication refuses admin-token login "
                            + "(\"Please use the 2fa provider-specific endpoints to obtain a token.\"): create an "
                            + "integration and use BRIDGE_MAGENTO_AUTH_TYPE=oauth1", e.status())
                    : new MagentoAuthorizationException("admin login as BRIDGE_MAGENTO_ADMIN_USERNAME refused: "
                            + e.getMessage(), e.status());
            lastRefusal = new Refusal(failure, clock.instant().plus(FAILED_LOGIN_PAUSE));
            throw failure;
        }
        lastRefusal = null;
        Instant expires = jwtExpiry(token);
        if (expires == null) {
            expires = asked.plus(lifetime);
        }
        Duration valid = Duration.between(asked, expires);
        Duration margin = valid.dividedBy(10).compareTo(LARGEST_RENEWAL_MARGIN) < 0 ? valid.dividedBy(10)
                : LARGEST_RENEWAL_MARGIN;
        return new Token(token, expires.minus(margin));
    }

    /** The {@code exp} claim of a JWT (Magento 2.4.4+ admin tokens), unverified: only when to renew; null otherwise. */
    static Instant jwtExpiry(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            JsonNode exp = claims == null ? null : claims.get("exp");
            return exp != null && exp.canConvertToLong() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (Exception notAJwt) {
            return null;
        }
    }
}
