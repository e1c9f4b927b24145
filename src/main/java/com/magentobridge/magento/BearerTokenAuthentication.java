package com.magentobridge.magento;

import java.util.function.Supplier;

import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

/** A token sent as {@code Authorization: Bearer}: an integration's (where the store allows it) or one issued elsewhere. */
public class BearerTokenAuthentication implements MagentoAuthentication {

    /** Magento's answer to a token it does not take (since 2.4.4 also an integration token the store does not allow). */
    static final String NOT_AUTHORIZED = "isn't authorized";

    private final Supplier<String> token;

    public BearerTokenAuthentication(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public void authenticate(HttpRequest request) {
        request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
    }

    @Override
    public String mode() {
        return "bearer";
    }

    @Override
    public String explainRefusal(String magentoMessage) {
        if (magentoMessage == null || !magentoMessage.contains(NOT_AUTHORIZED)) {
            return "";
        }
        return " (bearer mode: since Magento 2.4.4 a store refuses an integration's access token as a bearer token unless"
                + " Stores > Configuration > Services > OAuth > Consumer Settings > Allow OAuth Access Tokens to be used as"
                + " standalone Bearer tokens (oauth/consumer/enable_integration_as_bearer) is Yes; better, sign with the"
                + " integration's four values: BRIDGE_MAGENTO_AUTH_TYPE=oauth1)";
    }
}
