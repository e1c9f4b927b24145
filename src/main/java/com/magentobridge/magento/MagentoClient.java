package com.magentobridge.magento;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.retry.RetryPolicy;
import com.magentobridge.retry.TransientStatuses;

/**
 * Magento 2 REST over a bounded connection pool. Classifies every failure: {@link MagentoTransientException}
 * (no response, or a status its flow's {@link TransientStatuses} retries), {@link MagentoAuthorizationException}
 * (401/403 after one re-authentication), {@link MagentoRejectedException} (any other status). Never retries by itself:
 * the routes own the retry policy. Each flow calls through its own view ({@link #withTransientStatuses}) of one
 * shared connection pool.
 */
public class MagentoClient implements AutoCloseable {

    private final BridgeProperties.Magento settings;
    private final MagentoAuthentication authentication;
    private final CloseableHttpClient http;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final TransientStatuses transientStatuses;
    /** Views share the pool of the client they came from, which alone closes it. */
    private final boolean ownsPool;

    public MagentoClient(BridgeProperties.Magento settings, MagentoAuthentication authentication,
                         TransientStatuses transientStatuses, ObjectMapper json, MeterRegistry meters) {
        this.settings = settings;
        this.authentication = authentication;
        this.transientStatuses = transientStatuses;
        this.json = json;
        this.meters = meters;
        this.ownsPool = true;
        authentication.useLogin(this::adminToken);
        Timeout connect = Timeout.ofMilliseconds(settings.getConnectTimeout().toMillis());
        Timeout read = Timeout.ofMilliseconds(settings.getReadTimeout().toMillis());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(settings.getMaxConnections())
                        .setMaxConnPerRoute(settings.getMaxConnections())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(read).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(read).setResponseTimeout(read).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .evictIdleConnections(Timeout.of(30, TimeUnit.SECONDS))
                .build();
    }

    private MagentoClient(MagentoClient pool, TransientStatuses transientStatuses) {
        this.settings = pool.settings;
        this.authentication = pool.authentication;
        this.http = pool.http;
        this.json = pool.json;
        this.meters = pool.meters;
        this.transientStatuses = transientStatuses;
        this.ownsPool = false;
    }

    /** The same client and pool for a flow that retries other statuses. */
    public MagentoClient withTransientStatuses(TransientStatuses flowStatuses) {
        return new MagentoClient(this, flowStatuses);
    }

    /** The view of the pool a flow calls through: statuses classified by the flow's retry policy. */
    public MagentoClient retryingAs(RetryPolicy policy) {
        return withTransientStatuses(policy.transientStatuses());
    }

    public JsonNode get(String endpoint, String path) {
        return call("GET", endpoint, settings.getStoreCode(), path, null);
    }

    /** GET under another store code than the configured one ({@code /rest/{storeCode}/V1/...}). */
    public JsonNode getInStore(String endpoint, String storeCode, String path) {
        return call("GET", endpoint, storeCode, path, null);
    }

    public JsonNode post(String endpoint, String path, Object body) {
        return call("POST", endpoint, settings.getStoreCode(), path, body);
    }

    public JsonNode put(String endpoint, String path, Object body) {
        return call("PUT", endpoint, settings.getStoreCode(), path, body);
    }

    /**
     * One path segment, percent-encoded per RFC 3986 (a SKU's {@code /} as {@code %2F}, a space as {@code %20},
     * {@code ~} left as it is): the form an OAuth 1.0a verifier normalises a path to, so what is signed is what is sent.
     */
    public static String segment(String value) {
        return OAuth1Signer.encode(value);
    }

    /** The authentication mode in use (oauth1, bearer, admin). */
    public String authenticationMode() {
        return authentication.mode();
    }

    private JsonNode call(String method, String endpoint, String storeCode, String path, Object body) {
        String payload = body == null ? null : write(body);
        Response response = send(method, endpoint, storeCode, path, payload, true);
        if (response.status == 401 && authentication.refreshAfterUnauthorized(response.request)) {
            response = send(method, endpoint, storeCode, path, payload, true);
        }
        return interpret(method, path, response);
    }

    /** The admin-token login (admin mode): sent without credentials, never re-authenticated. */
    private String adminToken(String username, String password) {
        java.util.Map<String, String> credentials = new java.util.LinkedHashMap<>();
        credentials.put("username", username);
        credentials.put("password", password);
        String path = "/V1/integration/admin/token";
        JsonNode token = interpret("POST", path,
                send("POST", "admin.token", settings.getStoreCode(), path, write(credentials), false));
        if (!token.isTextual() || token.textValue().isBlank()) {
            throw new MagentoTransientException("POST " + path + " answered without a token", 200, null);
        }
        return token.textValue();
    }

    private JsonNode interpret(String method, String path, Response response) {
        int status = response.status;
        if (status >= 200 && status < 300) {
            try {
                return response.body.isEmpty() ? json.nullNode() : json.readTree(response.body);
            } catch (JsonProcessingException e) {
                throw new MagentoTransientException(method + " " + path + " answered " + status
                        + " with a body that is not JSON", status, e);
            }
        }
        String reason = method + " " + path + " → " + status + ": " + MagentoErrorMessage.render(response.body);
        if (status == 401 || status == 403) {
            throw new MagentoAuthorizationException(reason + authentication.explainRefusal(reason), status);
        }
        if (transientStatuses.isTransient(status)) {
            throw new MagentoTransientException(reason, status, null);
        }
        throw new MagentoRejectedException(MagentoErrorMessage.render(response.body), status);
    }

    private Response send(String method, String endpoint, String storeCode, String path, String payload,
                          boolean authenticated) {
        HttpUriRequestBase request = new HttpUriRequestBase(method, java.net.URI.create(url(storeCode, path)));
        request.setHeader("Accept", "application/json");
        if (payload != null) {
            request.setEntity(new StringEntity(payload, ContentType.APPLICATION_JSON));
        }
        if (authenticated) {
            authentication.authenticate(request);
        }
        long start = System.nanoTime();
        String statusTag = "io-error";
        try {
            Response response = http.execute(request, r -> new Response(r.getCode(),
                    r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8), request));
            statusTag = Integer.toString(response.status);
            return response;
        } catch (IOException e) {
            throw new MagentoTransientException(method + " " + path + " failed without a response: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), 0, e);
        } finally {
            Timer.builder("bridge.magento.calls").description("Calls to Magento's REST API")
                    .tags("method", method, "endpoint", endpoint, "status", statusTag)
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private String url(String store, String path) {
        String base = settings.getBaseUrl();
        if (base == null || base.isBlank()) {
            throw new MagentoAuthorizationException("bridge.magento.base-url is not set", 0);
        }
        String prefix = store == null || store.isBlank() ? "/rest" : "/rest/" + store;
        return withoutDefaultPort(base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + prefix + path;
    }

    /**
     * {@code https://host:443/shop} as {@code https://host/shop}: the Host header sent and the URL signed (OAuth 1.0a)
     * then agree whichever way a Magento version rebuilds the URL it verifies (with or without the default port).
     */
    static String withoutDefaultPort(String base) {
        String lower = base.toLowerCase(java.util.Locale.ROOT);
        String defaultPort = lower.startsWith("https://") ? ":443" : lower.startsWith("http://") ? ":80" : null;
        if (defaultPort == null) {
            return base;
        }
        int hostStart = base.indexOf("://") + 3;
        int pathStart = base.indexOf('/', hostStart);
        int hostEnd = pathStart < 0 ? base.length() : pathStart;
        String authority = base.substring(hostStart, hostEnd);
        return authority.endsWith(defaultPort)
                ? base.substring(0, hostEnd - defaultPort.length()) + base.substring(hostEnd)
                : base;
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot serialise a Magento request body", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (ownsPool) {
            http.close();
        }
    }

    private record Response(int status, String body, HttpUriRequestBase request) { }
}
