package com.magentobridge.magento;

import java.util.function.Supplier;

import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

/** Integration (or pre-issued admin) token sent as {@code Authorization: Bearer}. */
public class BearerTokenAuthentication implements MagentoAuthentication {

    private final Supplier<String> token;

    public BearerTokenAuthentication(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public void authenticate(HttpRequest request) {
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
    }
}
