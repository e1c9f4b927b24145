package com.magentobridge.simulator.magento;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies an OAuth 1.0a signed request the way Magento 2.4.8 does (Magento\Framework\Oauth\Helper\Request,
 * \Oauth::validateAccessTokenRequest, Integration's Nonce\Generator and Token\Provider, and the Laminas HMAC signature
 * with Magento's own URL normalisation), written apart from the bridge's signer so that a bug in one is not repeated
 * in the other:
 * <ul>
 *   <li>protocol values from the {@code Authorization: OAuth ...} header, split on commas, each raw-url-decoded;
 *       query parameters split on {@code &} and {@code =} (exactly one {@code =}), url-decoded ({@code +} is a space)</li>
 *   <li>checks in Magento's order and with its words: version 1.0 (400), required values (400), token length (400),
 *       HMAC-SHA256 only (400), consumer key length and existence (401), timestamp not more than 600 s ahead (400; an old
 *       one is accepted, as Magento does), nonce not seen before within the window (401; Magento keeps nonces until its
 *       cleanup, {@code oauth/cleanup/expiration_period} = 120 minutes), the access token (401), the signature (401)</li>
 *   <li>signed URL: scheme and host lower-cased, default port dropped, the path as received with percent-encoded
 *       unreserved characters decoded and anything a path may not hold encoded — so {@code %2F} stays {@code %2F}
 *       (the 2024 fix of magento/magento2#37913, where Laminas decoded it into {@code /})</li>
 *   <li>parameters encoded with PHP's rawurlencode and ordered by PHP's {@code strnatcmp} (natural order) of the
 *       encoded names, as Laminas's signature does; key {@code rawurlencode(consumer secret)&rawurlencode(token secret)}</li>
 * </ul>
 */
final class OAuthVerifier {

    private static final Pattern PROTOCOL_NAME = Pattern.compile("oauth_[a-z_-]+");
    static final int TIME_DEVIATION_SECONDS = 600;
    private static final int KEY_LENGTH = 32;

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private final Clock clock;
    private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Object[]> nonceArrivals = new ConcurrentLinkedQueue<>();
    private volatile Duration nonceWindow = Duration.ofMinutes(120);

    OAuthVerifier(Clock clock) {
        this.clock = clock;
    }

    void nonceWindow(Duration window) {
        this.nonceWindow = window;
    }

    void forgetNonces() {
        seenNonces.clear();
        nonceArrivals.clear();
    }

    /** True when the header is an OAuth one (Magento's check: the text {@code oauth } anywhere in it). */
    static boolean isOAuth(String authorization) {
        return authorization != null && authorization.toLowerCase(java.util.Locale.ROOT).contains("oauth ");
    }

    /**
     * Verifies the request or throws Magento's error. {@code url} is {@code scheme://Host-header + raw request URI}.
     */
    void verify(String method, String url, String authorization, MagentoSimulator.Integration integration,
                int consumerId) {
        Map<String, String> protocol = headerValues(authorization);
        Map<String, String> all = new LinkedHashMap<>(protocol);
        int queryStart = url.indexOf('?');
        if (queryStart >= 0) {
            for (String pair : url.substring(queryStart + 1).split("&", -1)) {
                String[] nameValue = pair.split("=", -1);
                if (nameValue.length == 2 && !PROTOCOL_NAME.matcher(nameValue[0]).find()) {
                    all.put(formDecode(nameValue[0]), formDecode(nameValue[1]));
                }
            }
        }
        if (protocol.containsKey("oauth_version") && !"1.0".equals(protocol.get("oauth_version"))) {
            throw new MagentoException(400, MagentoErrors.positional("The \"%1\" Oauth version isn't supported.",
                    protocol.get("oauth_version")));
        }
        for (String required : List.of("oauth_consumer_key", "oauth_signature", "oauth_signature_method", "oauth_nonce",
                "oauth_timestamp", "oauth_token")) {
            if (!protocol.containsKey(required)) {
                throw MagentoErrors.required(required);
            }
        }
        if (protocol.get("oauth_token").length() != KEY_LENGTH) {
            throw new MagentoException(400, MagentoErrors.message("The token length is invalid. Check the length and try again."));
        }
        if (!"HMAC-SHA256".equals(protocol.get("oauth_signature_method"))) {
            throw new MagentoException(400, MagentoErrors.positional("Signature method %1 is not supported",
                    protocol.get("oauth_signature_method")));
        }
        String consumerKey = protocol.get("oauth_consumer_key");
        if (consumerKey.length() != KEY_LENGTH) {
            throw unauthorized("Consumer key is not the correct length");
        }
        if (!consumerKey.equals(integration.consumerKey())) {
            throw unauthorized("A consumer having the specified key does not exist");
        }
        checkNonce(protocol.get("oauth_nonce"), protocol.get("oauth_timestamp"), consumerId);
        if (!protocol.get("oauth_token").equals(integration.accessToken())) {
            throw unauthorized("Specified token does not exist");
        }
        all.remove("oauth_signature");
        String expected = sign(method, url, all, integration.consumerSecret(), integration.accessTokenSecret());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                protocol.get("oauth_signature").getBytes(StandardCharsets.UTF_8))) {
            throw unauthorized("The signature is invalid. Verify and try again.");
        }
    }

    private void checkNonce(String nonce, String timestampText, int consumerId) {
        long now = clock.millis() / 1000;
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText.trim());
        } catch (NumberFormatException e) {
            timestamp = 0;
        }
        if (timestamp <= 0 || timestamp > now + TIME_DEVIATION_SECONDS) {
            throw new MagentoException(400,
                    MagentoErrors.message("Incorrect timestamp value in the oauth_timestamp parameter"));
        }
        long cutoff = clock.millis() - nonceWindow.toMillis();
        for (Object[] oldest = nonceArrivals.peek(); oldest != null && (long) oldest[1] < cutoff;
             oldest = nonceArrivals.peek()) {
            nonceArrivals.poll();
            seenNonces.remove((String) oldest[0], (Long) oldest[1]);
        }
        String key = consumerId + ":" + nonce;
        long arrived = clock.millis();
        if (seenNonces.putIfAbsent(key, arrived) != null) {
            throw new MagentoException(401, MagentoErrors.positional(
                    "The nonce is already being used by the consumer with ID %1", consumerId));
        }
        nonceArrivals.add(new Object[] {key, arrived});
    }

    private static MagentoException unauthorized(String message) {
        return new MagentoException(401, MagentoErrors.message(message));
    }

    /** Magento's header parsing: after "oauth ", comma-separated name="value", values raw-url-decoded. */
    private static Map<String, String> headerValues(String authorization) {
        Map<String, String> values = new LinkedHashMap<>();
        int start = authorization.toLowerCase(java.util.Locale.ROOT).indexOf("oauth ");
        for (String part : authorization.substring(start + 6).split(",")) {
            String[] nameValue = part.trim().split("=", 2);
            if (nameValue.length < 2 || !PROTOCOL_NAME.matcher(nameValue[0]).find()) {
                continue;
            }
            String value = nameValue[1];
            if (value.startsWith("\"")) {
                value = value.substring(1);
            }
            if (value.endsWith("\"")) {
                value = value.substring(0, value.length() - 1);
            }
            values.put(rawDecode(nameValue[0]), rawDecode(value));
        }
        return values;
    }

    static String sign(String method, String url, Map<String, String> params, String consumerSecret, String tokenSecret) {
        List<String[]> encoded = new ArrayList<>();
        params.forEach((name, value) -> encoded.add(new String[] {rawUrlEncode(name), rawUrlEncode(value)}));
        encoded.sort((a, b) -> naturalCompare(a[0], b[0]));
        StringBuilder query = new StringBuilder();
        for (String[] pair : encoded) {
            if (query.length() > 0) {
                query.append('&');
            }
            query.append(pair[0]).append('=').append(pair[1]);
        }
        String base = method.toUpperCase(java.util.Locale.ROOT) + "&" + rawUrlEncode(normaliseUrl(url)) + "&"
                + rawUrlEncode(query.toString());
        try {
            Mac mac = HMAC.get();
            String key = rawUrlEncode(consumerSecret) + "&" + rawUrlEncode(tokenSecret);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scheme and host lower case, default port dropped, query gone; the path normalised as Magento 2.4.8 does. */
    static String normaliseUrl(String url) {
        int schemeEnd = url.indexOf("://");
        String scheme = url.substring(0, schemeEnd).toLowerCase(java.util.Locale.ROOT);
        String rest = url.substring(schemeEnd + 3);
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        int slash = rest.indexOf('/');
        String authority = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
        String path = slash < 0 ? "/" : rest.substring(slash);
        if (scheme.equals("http") && authority.endsWith(":80")) {
            authority = authority.substring(0, authority.length() - 3);
        } else if (scheme.equals("https") && authority.endsWith(":443")) {
            authority = authority.substring(0, authority.length() - 4);
        }
        return scheme + "://" + authority + normalisePath(path);
    }

    /** Decodes %XX of unreserved characters only, then encodes what a path may not hold (existing %XX kept). */
    static String normalisePath(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' && i + 2 < path.length() && isHex(path.charAt(i + 1)) && isHex(path.charAt(i + 2))) {
                char decoded = (char) Integer.parseInt(path.substring(i + 1, i + 3), 16);
                if (isUnreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append(path, i, i + 3);
                }
                i += 2;
            } else if (isUnreserved(c) || "!$&'()*+,;=:@/".indexOf(c) >= 0) {
                out.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(String.format("%02X", b & 0xFF));
                }
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~');
    }

    /** PHP's rawurlencode: everything but letters, digits and {@code -_.~}. */
    static String rawUrlEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (isUnreserved(c)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
        }
        return out.toString();
    }

    /** PHP's rawurldecode: %XX only. */
    private static String rawDecode(String text) {
        return percentDecode(text, false);
    }

    /** PHP's urldecode: %XX and '+' as a space. */
    private static String formDecode(String text) {
        return percentDecode(text, true);
    }

    private static String percentDecode(String text, boolean plusIsSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '%' && i + 2 < bytes.length && isHex((char) bytes[i + 1]) && isHex((char) bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else if (plusIsSpace && b == '+') {
                out.write(' ');
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** PHP's strnatcmp, simplified: runs of digits compare by value, everything else by character. */
    static int naturalCompare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = i;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                int startA = i;
                while (startA < endA - 1 && a.charAt(startA) == '0') {
                    startA++;
                }
                int startB = j;
                while (startB < endB - 1 && b.charAt(startB) == '0') {
                    startB++;
                }
                int byValue = endA - startA != endB - startB ? Integer.compare(endA - startA, endB - startB)
                        : a.substring(startA, endA).compareTo(b.substring(startB, endB));
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
