package com.magentobridge.backoffice;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

import com.magentobridge.retry.TransientStatuses;


/**
 * The HTTP side shared by the back-office exporters ({@link OrderFlowExporter} and
 * {@code com.magentobridge.backoffice.json.JsonOrderExporter}): a POST with preemptive HTTP Basic auth over a small
 * pooled Apache HttpClient 5, no automatic retries, no redirects followed, no cookies, and one classification of
 * every answer:
 * <ul>
 *   <li>2xx: returned to the caller, which reads the body;</li>
 *   <li>401/403: {@link BackOfficeRejectedException} "credentials refused ...";</li>
 *   <li>no answer (I/O error, timeout), or a status the order export's {@link TransientStatuses} retries (by default
 *       408, 429, 500, 502–504): {@link BackOfficeTransientException};</li>
 *   <li>any other status (other 4xx and 5xx, 3xx): {@link BackOfficeRejectedException} with the body's text (markup
 *       removed, whitespace collapsed, at most 500 characters).</li>
 * </ul>
 * The password only ever goes into the Authorization header: it is not kept as a field, not logged, and not part
 * of any exception message or {@link #toString()}. Every call is timed as {@code bridge.backoffice.calls} (a
 * Prometheus histogram) tagged with the method, the call's endpoint name (a fixed name, never a URL) and the status
 * ({@code io-error} without an answer). (This class would sit better in {@code com.magentobridge.backoffice}
 * next to the contracts; it lives here because that package belongs to the lead.)
 */
public final class BackOfficeHttp implements AutoCloseable {

    static final int MAX_ERROR_TEXT = 500;
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final String username;
    private final String authorization;
    private final CloseableHttpClient http;
    private final TransientStatuses transientStatuses;
    private final MeterRegistry meters;

    /** A 2xx answer. */
    public record Response(int status, String contentType, String body) { }

    public BackOfficeHttp(String username, String password, Duration connectTimeout, Duration readTimeout,
                          TransientStatuses transientStatuses, MeterRegistry meters) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        this.transientStatuses = Objects.requireNonNull(transientStatuses, "transientStatuses");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.username = username;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
        Timeout read = Timeout.ofMilliseconds(readTimeout.toMillis());
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(4)
                        .setMaxConnPerRoute(4)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect).setSocketTimeout(read).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(read).setResponseTimeout(read).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .evictIdleConnections(Timeout.of(30, TimeUnit.SECONDS))
                .build();
    }

    /**
     * POSTs {@code body} with the given content type and returns the 2xx answer; every other outcome throws as the
     * class comment says. {@code endpoint} names the call in metrics, {@code what} in exception messages (no
     * credentials in either).
     */
    public Response post(URI uri, String endpoint, String contentType, String accept, String body, String what) {
        HttpPost request = new HttpPost(uri);
        request.setHeader("Accept", accept);
        // The content type is sent exactly as given (no charset parameter is added); the bytes are always UTF-8.
        request.setEntity(new ByteArrayEntity(body.getBytes(StandardCharsets.UTF_8), ContentType.parse(contentType)));
        Response response = send(request, endpoint, what);
        int status = response.status();
        if (status >= 200 && status < 300) {
            return response;
        }
        if (status == 401 || status == 403) {
            throw new BackOfficeRejectedException(credentialsRefused(status, what));
        }
        if (transientStatuses.isTransient(status)) {
            throw new BackOfficeTransientException(what + " answered HTTP " + status + ": " + errorText(response.body()),
                    null);
        }
        throw new BackOfficeRejectedException(what + " refused with HTTP " + status + ": " + errorText(response.body()));
    }

    /** What an authenticated GET found: whether the back office is up, the status (0: no answer) and why not. */
    public record Probe(boolean up, int status, String problem) { }

    /**
     * A GET with the credentials, for the health check. Up: any answer but 401/403 (credentials refused), 429 and 5xx;
     * a back office whose endpoint only takes POST answers 405, which still proves it is there and took the
     * credentials. Down: those statuses, or no answer at all.
     */
    public Probe probe(URI uri, String what) {
        HttpGet request = new HttpGet(uri);
        request.setHeader("Accept", "*/*");
        Response response;
        try {
            response = send(request, "probe", what);
        } catch (BackOfficeTransientException e) {
            return new Probe(false, 0, e.getMessage());
        }
        int status = response.status();
        if (status == 401 || status == 403) {
            return new Probe(false, status, credentialsRefused(status, what));
        }
        if (status == 429 || status >= 500) {
            return new Probe(false, status, what + " answered HTTP " + status + ": " + errorText(response.body()));
        }
        return new Probe(true, status, null);
    }

    private String credentialsRefused(int status, String what) {
        return "credentials refused by the back office (HTTP " + status + ") for " + what + " as user '" + username
                + "'";
    }

    private Response send(HttpUriRequestBase request, String endpoint, String what) {
        request.setHeader("Authorization", authorization);
        long start = System.nanoTime();
        String statusTag = "io-error";
        try {
            Response response = http.execute(request, r -> new Response(r.getCode(),
                    r.getEntity() == null ? null : r.getEntity().getContentType(),
                    r.getEntity() == null ? "" : EntityUtils.toString(r.getEntity(), StandardCharsets.UTF_8)));
            statusTag = Integer.toString(response.status());
            return response;
        } catch (IOException e) {
            throw new BackOfficeTransientException(what + " failed without an answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } finally {
            Timer.builder("bridge.backoffice.calls").description("Calls to the back office")
                    .tags("method", request.getMethod(), "endpoint", endpoint, "status", statusTag)
                    .publishPercentileHistogram()
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The readable text of an error body: markup removed, whitespace collapsed, trimmed, at most 500 characters. */
    public static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String text = body.strip();
        if (text.startsWith("<")) {
            text = MARKUP.matcher(text).replaceAll(" ");
        }
        text = SPACES.matcher(text).replaceAll(" ").strip();
        if (text.isEmpty()) {
            return "(no text in body)";
        }
        return text.length() <= MAX_ERROR_TEXT ? text : text.substring(0, MAX_ERROR_TEXT);
    }

    @Override
    public void close() {
        http.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    @Override
    public String toString() {
        return "BackOfficeHttp[user=" + username + "]";
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + duration);
        }
    }
}
