package com.magentobridge.magento;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * OAuth 1.0a request signing (RFC 5849 section 3.4) with HMAC-SHA256, the only method Magento 2.4.8 accepts.
 *
 * <p>Base string: {@code METHOD & enc(base URL) & enc(sorted, encoded parameters)}, where the base URL is the scheme
 * and host in lower case, the port only when not the scheme's default, and the path exactly as sent (already
 * percent-encoded, so a SKU's {@code %2F} is signed as {@code %2F}: Magento 2.4.8 verifies against the path as
 * received, with only percent-encoded unreserved characters decoded, and the client never sends those encoded).
 * The parameters are the {@code oauth_*} values plus every query parameter, decoded first and re-encoded per RFC 3986
 * ({@code searchCriteria[...]} brackets become {@code %5B}/{@code %5D}); a JSON body is not part of it. Key:
 * {@code enc(consumer secret)&enc(token secret)}.
 *
 * <p>No library: scribejava 8.3.3 (2022) and signpost 2.1.1 (2015) sign HMAC-SHA1 only, each through its own request
 * type rather than the Apache HttpClient 5 request the client already builds; Mastercard's oauth1-signer is RSA-SHA256
 * with a body hash; google-oauth-client's HMAC-SHA256 signer signs a google-http-client {@code GenericUrl}, which
 * re-escapes path segments by its own rules ({@code + * : @} left as they are), so it would not sign the bytes this
 * client sends (the trap of Magento issue #37913). This is about sixty lines of RFC 5849 over the JDK's {@link Mac}.
 */
public final class OAuth1Signer {

    public static final String HMAC_SHA256 = "HMAC-SHA256";
    public static final String HMAC_SHA1 = "HMAC-SHA1";

    /** Looking a Mac up costs more than using it: one per thread and algorithm, re-keyed for each signature. */
    private static final ThreadLocal<Mac> SHA256 = ThreadLocal.withInitial(() -> mac("HmacSHA256"));
    private static final ThreadLocal<Mac> SHA1 = ThreadLocal.withInitial(() -> mac("HmacSHA1"));

    private OAuth1Signer() {
    }

    private static Mac mac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    /** A name and a value, both decoded. */
    public record Parameter(String name, String value) { }

    /** The signature base string of a request: {@code protocolParameters} are the {@code oauth_*} ones (no signature). */
    public static String baseString(String method, URI uri, List<Parameter> bodyParameters,
                                    Map<String, String> protocolParameters) {
        List<String[]> encoded = new ArrayList<>();
        for (Parameter query : queryParameters(uri.getRawQuery())) {
            encoded.add(new String[] {encode(query.name()), encode(query.value())});
        }
        for (Parameter body : bodyParameters) {
            encoded.add(new String[] {encode(body.name()), encode(body.value())});
        }
        protocolParameters.forEach((name, value) -> encoded.add(new String[] {encode(name), encode(value)}));
        // RFC 5849 3.4.1.3.2: by encoded name, then encoded value, in byte order (the encoded text is ASCII)
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder normalised = new StringBuilder(256);
        for (String[] pair : encoded) {
            if (normalised.length() > 0) {
                normalised.append('&');
            }
            normalised.append(pair[0]).append('=').append(pair[1]);
        }
        return method.toUpperCase(Locale.ROOT) + '&' + encode(baseUrl(uri)) + '&' + encode(normalised.toString());
    }

    /** base64(HMAC(key, base string)) for {@link #HMAC_SHA256} or {@link #HMAC_SHA1}. */
    public static String signature(String signatureMethod, String baseString, String consumerSecret, String tokenSecret) {
        String algorithm = switch (signatureMethod) {
            case HMAC_SHA256 -> "HmacSHA256";
            case HMAC_SHA1 -> "HmacSHA1";
            default -> throw new IllegalArgumentException("unsupported signature method " + signatureMethod);
        };
        byte[] key = (encode(consumerSecret) + '&' + encode(tokenSecret)).getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = (HMAC_SHA256.equals(signatureMethod) ? SHA256 : SHA1).get();
            mac.init(new SecretKeySpec(key, algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    /** The {@code Authorization} header value for a signed request: {@code OAuth name="enc(value)", ...}. */
    public static String authorizationHeader(Map<String, String> protocolParameters, String signature) {
        Map<String, String> all = new TreeMap<>(protocolParameters);
        all.put("oauth_signature", signature);
        StringBuilder header = new StringBuilder("OAuth ");
        all.forEach((name, value) -> {
            if (header.length() > 6) {
                header.append(", ");
            }
            header.append(encode(name)).append("=\"").append(encode(value)).append('"');
        });
        return header.toString();
    }

    /** {@code scheme://host[:port]/path}: lower-case scheme and host, no default port, the raw path as sent. */
    static String baseUrl(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path;
    }

    /** The query's parameters, decoded ({@code +} is a space, as in the form encoding Magento's PHP decodes). */
    static List<Parameter> queryParameters(String rawQuery) {
        List<Parameter> parameters = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(new Parameter(decode(name), decode(value)));
        }
        return parameters;
    }

    /** RFC 3986 percent-encoding of UTF-8: everything but {@code A-Z a-z 0-9 - . _ ~}, upper-case hex. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static String decode(String text) {
        if (text.indexOf('%') < 0 && text.indexOf('+') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                out.write(' ');
            } else if (c == '%' && i + 2 < text.length() && Character.digit(text.charAt(i + 1), 16) >= 0
                    && Character.digit(text.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(raw, 0, raw.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
