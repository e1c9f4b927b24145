package com.magentobridge.backoffice.json;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.MeterRegistry;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.backoffice.BackOfficeRejectedException;
import com.magentobridge.backoffice.BackOfficeTransientException;
import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.backoffice.ExportReport;
import com.magentobridge.backoffice.ProductItem;
import com.magentobridge.backoffice.BackOfficeHttp;
import com.magentobridge.retry.TransientStatuses;
import com.magentobridge.backoffice.orderflow.OrderFlowImportReport;
import com.magentobridge.backoffice.orderflow.OrderFlowImportsDocument;
import com.magentobridge.order.CanonicalOrder;

/**
 * Exports orders as plain JSON, for ERPs and other back offices without a format of their own. The contract is
 * ours (nothing public to verify against):
 *
 * <h2>Request</h2>
 * {@code POST {url}} with preemptive HTTP Basic auth, {@code Content-Type: application/json},
 * {@code Accept: application/json}, body (UTF-8):
 * <pre>{@code
 * {"orders": [
 *   { <the CanonicalOrder as JSON: every record component under its own name, in declaration order;
 *      amounts as plain JSON numbers as Magento gave them; times as ISO-8601 UTC strings ("2020-05-08T06:57:20Z");
 *      absent values as null; addresses, customer, totals, lines and edit as nested objects/arrays>,
 *     "backOffice": {"status": "...", "paymentMethod": "...", "channel": "...", "organisation": "...",
 *                    "site": "..." | null} },
 *   ...
 * ]}
 * }</pre>
 * One call per batch; each order is sent once (the first of several items with the same increment id wins).
 *
 * <h2>Answer</h2>
 * 2xx with
 * <pre>{@code
 * {"results": [ {"externalReference": "000000019", "result": "success" | "duplicate" | "failed",
 *                "message": "..."}, ... ]}
 * }</pre>
 * {@code externalReference} is the order's {@code incrementId}. {@code result} is case-insensitive; "duplicate"
 * means the back office already had the order (counts as exported); any other value is Failed with a message
 * naming it; {@code message} is optional. An order the answer does not mention is Failed
 * "not mentioned in the back office's answer"; several results for one order: the worst wins (failed over
 * duplicate over success). A 2xx body that is not JSON or has no {@code results} array throws
 * {@link BackOfficeRejectedException}.
 *
 * <h2>Status updates</h2>
 * When the status of an order already exported changes in Magento, {@code POST {url}} with
 * <pre>{@code
 * {"statusUpdates": [ {"externalReference": "000000019", "status": "<back-office status>",
 *                      "magentoStatus": "complete", "magentoState": "complete", "updatedAt": "2026-11-23T10:00:00Z"} ]}
 * }</pre>
 * answered with the same {@code results} array.
 *
 * <h2>Errors</h2>
 * As for OrderFlow ({@link BackOfficeHttp}): 401/403 → {@link BackOfficeRejectedException} "credentials refused";
 * no answer, timeouts and the statuses bridge.retry.flows.orders-export retries (by default 408, 429, 500, 502–504) →
 * {@link BackOfficeTransientException}; any other status (and 3xx, redirects are not followed) →
 * {@link BackOfficeRejectedException} with the body's text (≤ 500 characters).
 */
public class JsonOrderExporter implements BackOfficeExporter, AutoCloseable {

    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final URI url;
    private final String shown;
    private final BackOfficeHttp http;

    public JsonOrderExporter(String url, String username, String password, Duration connectTimeout,
                             Duration readTimeout, TransientStatuses transientStatuses, MeterRegistry meters) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("the back office URL is required");
        }
        this.url = URI.create(url.strip());
        // what logs, stored reasons and dead letters show: no user-info, no query string (either may hold a secret)
        this.shown = this.url.getScheme() + "://" + this.url.getHost()
                + (this.url.getPort() < 0 ? "" : ":" + this.url.getPort()) + this.url.getRawPath();
        this.http = new BackOfficeHttp(username, password, connectTimeout, readTimeout, transientStatuses, meters);
    }

    @Override
    public String type() {
        return "json";
    }

    @Override
    public ExportReport export(List<ExportItem> items) {
        Objects.requireNonNull(items, "items");
        List<ExportItem> distinct = OrderFlowImportsDocument.distinct(items);
        if (distinct.isEmpty()) {
            return new ExportReport(null, Map.of(), "", "");
        }
        return send(references(distinct), requestBody(distinct), "json.orders",
                "JSON export of " + distinct.size() + " order(s) to " + shown);
    }

    /**
     * Products: {@code {"products": [ {<the mapped fields, e.g. "externalReference": "MB01", "description": ...>,
     * "backOffice": {"channel": "...", "organisation": "..."}}, ... ]}}, answered with the same {@code results} array
     * keyed by {@code externalReference} (the SKU).
     */
    @Override
    public ExportReport exportProducts(List<ProductItem> items) {
        Objects.requireNonNull(items, "items");
        return sendEach("products", items, ProductItem::sku, (item, product) -> {
            item.fields().forEach(product::put);
            product.put("externalReference", item.sku());
            product.putObject("backOffice").put("channel", item.channel()).put("organisation", item.organisation());
        }, "json.products", "JSON export of " + items.size() + " product(s) to " + shown);
    }

    /** {@code {"<list>": [...]}}, one object per item, posted; nothing is posted for no items. */
    private <T> ExportReport sendEach(String list, List<T> items, java.util.function.Function<T, String> reference,
                                      java.util.function.BiConsumer<T, ObjectNode> fill, String endpoint, String what) {
        if (items.isEmpty()) {
            return new ExportReport(null, Map.of(), "", "");
        }
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray(list);
        items.forEach(item -> fill.accept(item, array.addObject()));
        return send(items.stream().map(reference).toList(), write(root), endpoint, what);
    }

    private static List<String> references(List<ExportItem> items) {
        return items.stream().map(item -> item.order().incrementId()).toList();
    }

    /** Posts a body about these references and reads the results; one not answered for is Failed. */
    private ExportReport send(List<String> references, String body, String endpoint, String what) {
        BackOfficeHttp.Response response = http.post(url, endpoint, CONTENT_TYPE, CONTENT_TYPE, body, what);
        Map<String, ExportOutcome> answered = parseResults(response.body());
        Map<String, ExportOutcome> outcomes = new LinkedHashMap<>();
        for (String reference : references) {
            outcomes.put(reference, answered.getOrDefault(reference,
                    new ExportOutcome(ExportOutcome.Result.Failed, OrderFlowImportReport.NOT_MENTIONED)));
        }
        return new ExportReport(null, outcomes, body, response.body());
    }

    /** An authenticated GET on the endpoint (answered 405 by an ERP that only takes POST: still up). */
    @Override
    public BackOfficeHttp.Probe probe() {
        return http.probe(url, "the back office at " + shown);
    }

    @Override
    public boolean supportsStatusUpdates() {
        return true;
    }

    @Override
    public ExportReport updateStatuses(List<ExportItem> items) {
        List<ExportItem> distinct = OrderFlowImportsDocument.distinct(items);
        return sendEach("statusUpdates", distinct, item -> item.order().incrementId(), (item, update) -> {
            update.put("externalReference", item.order().incrementId());
            update.put("status", item.status());
            update.put("magentoStatus", item.order().status());
            update.put("magentoState", item.order().state());
            update.put("updatedAt", item.order().updatedAt().toString());
        }, "json.status-updates", "JSON status update of " + distinct.size() + " order(s) to " + shown);
    }

    /** The request body for these items (public for tests and for the simulator's documentation). */
    public static String requestBody(List<ExportItem> items) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode orders = root.putArray("orders");
        for (ExportItem item : items) {
            orders.add(orderJson(item));
        }
        return write(root);
    }

    private static String write(ObjectNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise as JSON", e);
        }
    }

    /** One element of {@code orders}: the canonical order plus the {@code backOffice} block. */
    public static ObjectNode orderJson(ExportItem item) {
        CanonicalOrder order = item.order();
        ObjectNode node = JSON.valueToTree(order);
        ObjectNode backOffice = node.putObject("backOffice");
        backOffice.put("status", item.status());
        backOffice.put("paymentMethod", item.paymentMethod());
        backOffice.put("channel", item.channel());
        backOffice.put("organisation", item.organisation());
        backOffice.put("site", item.site());
        return node;
    }

    /** The outcomes an answer body gives, by external reference. */
    static Map<String, ExportOutcome> parseResults(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new BackOfficeRejectedException("the back office's answer is not JSON ("
                    + e.getOriginalMessage() + "): " + BackOfficeHttp.errorText(body));
        }
        JsonNode results = root == null ? null : root.get("results");
        if (results == null || !results.isArray()) {
            throw new BackOfficeRejectedException("the back office's answer has no \"results\" array: "
                    + BackOfficeHttp.errorText(body));
        }
        Map<String, ExportOutcome> outcomes = new LinkedHashMap<>();
        for (JsonNode result : results) {
            String reference = text(result, "externalReference");
            if (reference == null) {
                continue;
            }
            ExportOutcome outcome = outcome(text(result, "result"), text(result, "message"));
            outcomes.merge(reference, outcome,
                    (a, b) -> severity(b.result()) > severity(a.result()) ? b : a);
        }
        return outcomes;
    }

    private static ExportOutcome outcome(String result, String message) {
        String value = result == null ? "" : result.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "success" -> new ExportOutcome(ExportOutcome.Result.Success, message);
            case "duplicate" -> new ExportOutcome(ExportOutcome.Result.Duplicate, message);
            case "failed" -> new ExportOutcome(ExportOutcome.Result.Failed,
                    message != null ? message : "failed without a message");
            default -> new ExportOutcome(ExportOutcome.Result.Failed, "unknown result '" + result + "'"
                    + (message != null ? ": " + message : ""));
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() || value.asText().isBlank()
                ? null : value.asText().strip();
    }

    private static int severity(ExportOutcome.Result result) {
        return switch (result) {
            case Success -> 0;
            case Duplicate -> 1;
            case Failed -> 2;
        };
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "JsonOrderExporter[" + shown + ", " + http + "]";
    }
}
