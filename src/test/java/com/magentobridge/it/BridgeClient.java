package com.magentobridge.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the back office and ops do over HTTP: SOAP and REST calls to a running bridge. */
public final class BridgeClient {

    public static final String INBOUND_USER = "orderflow";
    public static final String INBOUND_PASSWORD = "s3cret-inbound";
    public static final String INBOUND_TOKEN = "inbound-bearer-token";
    public static final String OPS_USER = "ops";
    public static final String OPS_PASSWORD = "s3cret-ops";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public BridgeClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String base() {
        return base;
    }

    public record Reply(int status, String body) { }

    public Reply soap(String path, String envelope) {
        return soap(path, envelope, basic(INBOUND_USER, INBOUND_PASSWORD), "text/xml; charset=utf-8");
    }

    public Reply soap(String path, String envelope, String authorization, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public Reply rest(String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    public Reply opsGet(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", basic(OPS_USER, OPS_PASSWORD)).GET().build());
    }

    public Reply opsPost(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(OPS_USER, OPS_PASSWORD)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("bridge unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Magento 2 shape of an inventory update, as the OrderFlow extension's WSDL names it. */
    public static String m2Envelope(String namespace, long messageSeqId, Map<String, long[]> qtyAndSeqBySku, String source) {
        StringBuilder xml = new StringBuilder("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"")
                .append(namespace).append("\"><SOAP-ENV:Body><ns1:realtimeDespatchOrderFlowInventoryRequestManagementV1UpdateRequest><productQtys>");
        qtyAndSeqBySku.forEach((sku, qs) -> {
            xml.append("<item><sku>").append(sku).append("</sku><qty>").append(qs[0]).append("</qty>");
            if (source != null) {
                xml.append("<source>").append(source).append("</source>");
            }
            xml.append("</item>");
        });
        xml.append("</productQtys><productSeqs>");
        qtyAndSeqBySku.forEach((sku, qs) -> xml.append("<item><sku>").append(sku).append("</sku><seq>").append(qs[1])
                .append("</seq><lastOrderExported>2026-11-20 10:00:00</lastOrderExported></item>"));
        return xml.append("</productSeqs><messageSeqId>").append(messageSeqId)
                .append("</messageSeqId></ns1:realtimeDespatchOrderFlowInventoryRequestManagementV1UpdateRequest></SOAP-ENV:Body></SOAP-ENV:Envelope>")
                .toString();
    }

    public static String m2Envelope(long messageSeqId, Map<String, long[]> qtyAndSeqBySku) {
        return m2Envelope("http://orderflow.example/soap/default?services=realtimeDespatchOrderFlowInventoryRequestManagementV1",
                messageSeqId, qtyAndSeqBySku, null);
    }

    public static Map<String, long[]> line(String sku, long qty, long seq) {
        Map<String, long[]> map = new LinkedHashMap<>();
        map.put(sku, new long[] {qty, seq});
        return map;
    }
}
