package com.magentobridge.magento;

import org.apache.hc.core5.http.HttpRequest;

/**
 * How requests to Magento are authenticated ({@code bridge.magento.auth.type}): OAuth 1.0a signing with an
 * integration's four credentials ({@link OAuth1Authentication}), a bearer token ({@link BearerTokenAuthentication}) or
 * an admin login whose token is renewed ({@link AdminTokenAuthentication}). Every Magento call goes through
 * {@link MagentoClient}, which calls {@link #authenticate} on each request it sends, retries included.
 */
public interface MagentoAuthentication {

    /** Adds credentials to a request about to be sent. */
    void authenticate(HttpRequest request);

    /** The mode's name as ops set it (oauth1, bearer, admin), for health and the start-up line. */
    String mode();

    /**
     * Called after a 401 on {@code refused}; returns true when fresh credentials were obtained and the request is worth
     * sending once more (an expired admin token), false when the credentials are simply wrong.
     */
    default boolean refreshAfterUnauthorized(HttpRequest refused) {
        return false;
    }

    /** What to add to Magento's 401/403 message so ops know what to change; never a secret. Empty when nothing. */
    default String explainRefusal(String magentoMessage) {
        return "";
    }

    /** Gives modes that log in (admin) the client's anonymous token call; the client calls it once, when built. */
    default void useLogin(AdminLogin login) {
    }

    /** {@code POST /V1/integration/admin/token} without credentials: the token, or a {@link MagentoException}. */
    @FunctionalInterface
    interface AdminLogin {
        String adminToken(String username, String password);
    }
}
