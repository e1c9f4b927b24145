package com.magentobridge.magento;

import org.apache.hc.core5.http.HttpRequest;

/**
 * How requests to Magento are authenticated. A bearer integration token is the first implementation;
 * OAuth 1.0a signing and admin-token login slot in here without touching the client.
 */
public interface MagentoAuthentication {

    /** Adds credentials to a request about to be sent. */
    void authenticate(HttpRequest request);

    /**
     * Called after a 401; returns true when fresh credentials were obtained and the request is worth
     * sending once more (an expired admin token), false when the credentials are simply wrong.
     */
    default boolean refreshAfterUnauthorized() {
        return false;
    }
}
