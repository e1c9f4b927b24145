package com.magentobridge.security;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which names (XML elements, JSON keys, headers) carry credentials, wherever something is stored or shown. */
public final class SecretNames {

    public static final String MASK = "****";

    /** Exact names; the OAuth 1.0a consumer key counts: with the other three values it signs as the integration. */
    private static final Set<String> SECRET_NAMES = Set.of("sessionid", "apikey", "xapikey", "authorization", "cookie",
            "consumerkey", "oauthconsumerkey");
    private static final List<String> SECRET_PARTS = List.of("password", "secret", "token");

    /** Verdicts for the element and key names seen so far (a message repeats a handful of names hundreds of times). */
    private static final Map<String, Boolean> VERDICTS = new ConcurrentHashMap<>();
    private static final int MAX_REMEMBERED_NAMES = 1_000;

    /** Exact credential names plus anything containing password, secret or token (client_secret, refresh_token, …). */
    public static boolean isSecret(String name) {
        if (name == null) {
            return false;
        }
        Boolean known = VERDICTS.get(name);
        if (known != null) {
            return known;
        }
        String normalised = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        boolean secret = SECRET_NAMES.contains(normalised) || SECRET_PARTS.stream().anyMatch(normalised::contains);
        if (VERDICTS.size() < MAX_REMEMBERED_NAMES) {
            VERDICTS.put(name, secret);
        }
        return secret;
    }

    private SecretNames() {
    }
}
