package com.magentobridge.simulator.magento;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.magentobridge.fixtures.SharedFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** Loopback HTTP helpers for the simulator's order/shipment tests. */
final class SimHttp {

    static final String TOKEN = "integration-token-orders";
    static final ObjectMapper JSON = new ObjectMapper();

    private final MagentoSimulator sim;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    SimHttp(MagentoSimulator sim) {
        this.sim = sim;
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        return call(method, path, body, TOKEN);
    }

    HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = call("GET", path, null);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    HttpResponse<String> ship(int orderId, String body) throws Exception {
        return call("POST", "/rest/V1/order/" + orderId + "/ship", body);
    }

    /**
     * A GET with the request line written byte for byte (java.net.URI refuses raw {@code [ ]}); answers the status
     * line's code and the body.
     */
    RawResponse rawGet(String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sim.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nConnection: close\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            return new RawResponse(status, bodyStart < 0 ? "" : response.substring(bodyStart + 4));
        }
    }

    record RawResponse(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code searchCriteria[filterGroups][g][filters][f][...]} fully percent-encoded, camelCase spelling. */
    static String camelFilter(int group, int filter, String field, String value, String condition) {
        String p = "searchCriteria[filterGroups][" + group + "][filters][" + filter + "]";
        StringBuilder sb = new StringBuilder();
        sb.append(enc(p + "[field]")).append('=').append(enc(field));
        sb.append('&').append(enc(p + "[value]")).append('=').append(enc(value));
        if (condition != null) {
            sb.append('&').append(enc(p + "[conditionType]")).append('=').append(enc(condition));
        }
        return sb.toString();
    }

    /** The snake_case spelling with raw brackets (Adobe's prose examples); only the value is encoded. */
    static String snakeFilterRaw(int group, int filter, String field, String value, String condition) {
        String p = "searchCriteria[filter_groups][" + group + "][filters][" + filter + "]";
        StringBuilder sb = new StringBuilder();
        sb.append(p).append("[field]=").append(enc(field));
        sb.append('&').append(p).append("[value]=").append(enc(value));
        if (condition != null) {
            sb.append('&').append(p).append("[condition_type]=").append(condition);
        }
        return sb.toString();
    }

    /**
     * Recorded Magento 2.3 traffic (OCA cassettes, AGPL-3.0), read in place from ../shared/fixtures, never copied into
     * this project: for tests tagged {@code contract} only; fails naming the path when it is missing.
     */
    static JsonNode ocaJson(String file) {
        return SharedFixtures.ocaJson(file);
    }

    static String ocaText(String file) {
        return SharedFixtures.ocaText(file);
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SimHttp.class.getResourceAsStream("/fixtures/magento-orders/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource fixtures/magento-orders/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every field of {@code expected} exists in {@code actual} with the same JSON type, recursively. */
    static void assertSameShape(String path, JsonNode expected, JsonNode actual) {
        assertThat(actual).as(path).isNotNull();
        if (expected.isNull()) {
            return;
        }
        if (expected.isNumber()) {
            assertThat(actual.isNumber()).as(path + " is a number").isTrue();
            return;
        }
        assertThat(actual.getNodeType()).as(path).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            expected.fieldNames().forEachRemaining(f -> {
                if (path.endsWith("product_option") || path.endsWith("extension_attributes/configurable_item_options")) {
                    return;
                }
                assertThat(actual.has(f)).as(path + "/" + f + " present").isTrue();
                assertSameShape(path + "/" + f, expected.get(f), actual.get(f));
            });
        } else if (expected.isArray() && expected.size() > 0 && actual.size() > 0) {
            assertSameShape(path + "[0]", expected.get(0), actual.get(0));
        }
    }
}
