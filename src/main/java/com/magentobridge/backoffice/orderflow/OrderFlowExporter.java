package com.magentobridge.backoffice.orderflow;

import com.magentobridge.backoffice.BackOfficeHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;

import com.magentobridge.backoffice.BackOfficeExporter;
import com.magentobridge.backoffice.BackOfficeRejectedException;
import com.magentobridge.backoffice.BackOfficeTransientException;
import com.magentobridge.backoffice.ExportItem;
import com.magentobridge.backoffice.ExportOutcome;
import com.magentobridge.backoffice.ExportReport;
import com.magentobridge.backoffice.ProductItem;
import com.magentobridge.retry.TransientStatuses;

/**
 * Exports orders to RealtimeDespatch OrderFlow: POSTs an {@link OrderFlowImportsDocument} to
 * {@code {base}/remoteorder/imports/importitems.xml?channel=...&organisation=...} with HTTP Basic auth and reads the
 * answer with {@link OrderFlowImportReport}.
 *
 * <h2>Where each fact comes from</h2>
 * <ul>
 *   <li><b>Verified</b> ({@code realtimedespatch/orderflow-api} @ 3aa22af1 / 2a4d0a49, read only):
 *       path {@code remoteorder/imports/importitems.xml} ({@code src/Gateway/DefaultGateway.php}
 *       {@code API_ENDPOINT_ORDER_IMPORT}), appended to the configured endpoint; method POST with header
 *       {@code Content-Type: application/xml} and the document as body ({@code importOrders}); query parameters
 *       {@code channel} and {@code organisation}, in that order, on every call ({@code DefaultGatewayFactory.php}, built
 *       with {@code http_build_query}, so form-encoded); preemptive HTTP Basic auth with the OrderFlow user
 *       ({@code Buzz BasicAuthMiddleware} in {@code DefaultGatewayFactory.php}); any status &ge; 400 is an error
 *       ({@code src/Middleware/ExceptionMiddleware.php}). The OrderFlow user needs the <i>Remote Importer</i> role on
 *       {@code /remoteorder/imports/importitems.xml} and access to the organisation and channel (OrderFlow's Magento
 *       integration guide, {@code shared/seeds/004_*}).</li>
 *   <li><b>Given by the lead</b>: 401/403 → {@link BackOfficeRejectedException} "credentials refused ..."; other 4xx →
 *       {@link BackOfficeRejectedException} with the body's text (≤ 500 chars); no answer and the statuses
 *       bridge.retry.flows.orders-export retries (by default 408, 429, 500, 502–504) →
 *       {@link BackOfficeTransientException}, any other status a rejection; an order the answer does not mention → Failed
 *       {@value OrderFlowImportReport#NOT_MENTIONED}.</li>
 *   <li><b>Chosen</b>: {@code Accept: application/xml}; redirects are not followed (a 3xx is a rejection); a
 *       trailing slash on the base URL is optional; a null channel or organisation leaves that parameter out.</li>
 *   <li><b>Chosen</b>, batches spanning several (organisation, channel) pairs: one call per pair, in the order the
 *       pairs first occur in the batch, and the reports are merged (message ids and bodies of the calls joined with
 *       {@code ","} and a blank line). If a later call throws, the whole export throws: the orders of earlier calls
 *       are then imported but reported as not exported, so a later batch re-sends them and OrderFlow answers
 *       Duplicate, which counts as exported.</li>
 * </ul>
 * Thread-safe (the HTTP client is); {@link #close()} releases its connections. Nothing is logged here; the password
 * is never part of a message.
 */
public class OrderFlowExporter implements BackOfficeExporter, AutoCloseable {

    public static final String IMPORT_PATH = "/remoteorder/imports/importitems.xml";
    public static final String CONTENT_TYPE = "application/xml";

    private final String baseUrl;
    private final BackOfficeHttp http;

    public OrderFlowExporter(String baseUrl, String username, String password, Duration connectTimeout,
                             Duration readTimeout, TransientStatuses transientStatuses, MeterRegistry meters) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("the OrderFlow base URL is required");
        }
        String base = baseUrl.strip();
        this.baseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = new BackOfficeHttp(username, password, connectTimeout, readTimeout, transientStatuses, meters);
    }

    @Override
    public String type() {
        return "orderflow";
    }

    @Override
    public ExportReport export(List<ExportItem> items) {
        Objects.requireNonNull(items, "items");
        return exportGrouped(OrderFlowImportsDocument.distinct(items),
                item -> new Destination(item.organisation(), item.channel()),
                group -> OrderFlowImportsDocument.build(group), item -> item.order().incrementId(), "order");
    }

    /** Products as {@code <import type="product" operation="merge">}: same endpoint, auth and answer as orders. */
    @Override
    public ExportReport exportProducts(List<ProductItem> items) {
        Objects.requireNonNull(items, "items");
        return exportGrouped(items, item -> new Destination(item.organisation(), item.channel()),
                OrderFlowImportsDocument::buildProducts, ProductItem::sku, "product");
    }

    /** One call per (organisation, channel), in the order the pairs first occur; the reports merged. */
    private <T> ExportReport exportGrouped(List<T> items, Function<T, Destination> destinationOf,
                                           Function<List<T>, String> document, Function<T, String> referenceOf,
                                           String entity) {
        if (items.isEmpty()) {
            return new ExportReport(null, Map.of(), "", "");
        }
        Map<Destination, List<T>> groups = new LinkedHashMap<>();
        for (T item : items) {
            groups.computeIfAbsent(destinationOf.apply(item), d -> new ArrayList<>()).add(item);
        }
        List<ExportReport> reports = new ArrayList<>();
        groups.forEach((destination, group) -> reports.add(exportGroup(destination, document.apply(group),
                group.stream().map(referenceOf).toList(), entity)));
        return reports.size() == 1 ? reports.get(0) : merge(reports);
    }

    /** An authenticated GET on the import endpoint (OrderFlow takes only POST there: 405 means up). */
    @Override
    public BackOfficeHttp.Probe probe() {
        return http.probe(URI.create(baseUrl + IMPORT_PATH), "the OrderFlow import endpoint");
    }

    /** The URL one group is posted to. */
    public URI importUri(String organisation, String channel) {
        StringBuilder url = new StringBuilder(baseUrl).append(IMPORT_PATH);
        char separator = '?';
        if (channel != null) {
            url.append(separator).append("channel=").append(URLEncoder.encode(channel, StandardCharsets.UTF_8));
            separator = '&';
        }
        if (organisation != null) {
            url.append(separator).append("organisation=")
               .append(URLEncoder.encode(organisation, StandardCharsets.UTF_8));
        }
        return URI.create(url.toString());
    }

    private ExportReport exportGroup(Destination destination, String document, List<String> references,
                                     String entity) {
        String what = "OrderFlow import of " + references.size() + " " + entity + "(s) (organisation '"
                + destination.organisation() + "', channel '" + destination.channel() + "')";
        BackOfficeHttp.Response response = http.post(importUri(destination.organisation(), destination.channel()),
                "orderflow.import", CONTENT_TYPE, CONTENT_TYPE, document, what);
        OrderFlowImportReport report = OrderFlowImportReport.parse(response.body());
        return new ExportReport(report.messageId(), report.outcomesFor(references), document, response.body());
    }

    private static ExportReport merge(List<ExportReport> reports) {
        Map<String, ExportOutcome> outcomes = new LinkedHashMap<>();
        List<String> messageIds = new ArrayList<>();
        List<String> requests = new ArrayList<>();
        List<String> responses = new ArrayList<>();
        for (ExportReport report : reports) {
            outcomes.putAll(report.outcomes());
            if (report.messageId() != null) {
                messageIds.add(report.messageId());
            }
            requests.add(report.requestBody());
            responses.add(report.responseBody());
        }
        return new ExportReport(messageIds.isEmpty() ? null : String.join(",", messageIds), outcomes,
                String.join("\n", requests), String.join("\n", responses));
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "OrderFlowExporter[" + baseUrl + ", " + http + "]";
    }

    private record Destination(String organisation, String channel) { }
}
