package com.magentobridge.magento;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;

/**
 * Signs every request with the integration's four credentials (OAuth 1.0a, HMAC-SHA256, see {@link OAuth1Signer}):
 * a fresh nonce and timestamp each time {@link #authenticate} runs, so a retried call is signed anew and never
 * reuses a nonce Magento has seen.
 */
public class OAuth1Authentication implements MagentoAuthentication {

    /** The four values Magento shows on an activated integration. */
    public record Credentials(String consumerKey, String consumerSecret, String accessToken, String accessTokenSecret) {
        @Override
        public String toString() {
            return "Credentials[****]";
        }
    }

    private final Credentials credentials;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OAuth1Authentication(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public void authenticate(HttpRequest request) {
        URI uri;
        try {
            uri = request.getUri();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot sign a request whose URI does not parse", e);
        }
        Map<String, String> protocol = new LinkedHashMap<>();
        protocol.put("oauth_consumer_key", credentials.consumerKey());
        protocol.put("oauth_nonce", nonce());
        protocol.put("oauth_signature_method", OAuth1Signer.HMAC_SHA256);
        protocol.put("oauth_timestamp", Long.toString(clock.millis() / 1000));
        protocol.put("oauth_token", credentials.accessToken());
        protocol.put("oauth_version", "1.0");
        String baseString = OAuth1Signer.baseString(request.getMethod(), uri, List.of(), protocol);
        String signature = OAuth1Signer.signature(OAuth1Signer.HMAC_SHA256, baseString,
                credentials.consumerSecret(), credentials.accessTokenSecret());
        request.setHeader(HttpHeaders.AUTHORIZATION, OAuth1Signer.authorizationHeader(protocol, signature));
    }

    @Override
    public String mode() {
        return "oauth1";
    }

    /** 32 hex digits from one draw of 16 random bytes (Magento's own nonces are 32 characters). */
    private String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
