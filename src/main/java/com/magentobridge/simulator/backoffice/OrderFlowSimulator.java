package com.magentobridge.simulator.backoffice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.magentobridge.simulator.SimulatorServer;
import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import com.magentobridge.backoffice.orderflow.SafeXml;

/**
 * Plays the back office's side of the order export, over real HTTP on the JDK's {@link HttpServer}:
 * <ul>
 *   <li>{@code POST /remoteorder/imports/importitems.xml?channel=..&organisation=..} – OrderFlow's order import.
 *       The body must be an {@code <imports>} document (read with the hardened {@link SafeXml}); each
 *       {@code <import type="order" operation="insert" externalReference="...">} carries {@code key=value} lines.
 *       Answer 200 with an import report: root {@code importReport messageId="sim-N"} with {@code importSuccesses},
 *       {@code importDuplicates}, {@code importFailures}, one {@code <import externalReference type operation entity
 *       queryTime>} per order (failures with {@code failureMessage}/{@code failureDetail}, duplicates with
 *       {@code duplicateMessage}/{@code duplicateDetail} child elements). The list names and the attributes are
 *       what OrderFlow's PHP client reads; the root and line element names are our choice (no public sample).
 *       Per order: already imported (by external reference, whatever the channel) → duplicate; configured with
 *       {@link #failReference} → failure; type/operation other than order/insert, a body whose
 *       {@code externalReference} differs from the attribute, or no {@code orderLine.1.product.externalReference}
 *       → failure; otherwise success. A document that is not XML, has a DOCTYPE, another root, an {@code import}
 *       without {@code externalReference}, a non-empty line without {@code =}, or a call without {@code channel}
 *       and {@code organisation} → 400 with a text body.</li>
 *   <li>Product imports in the same document ({@code <import type="product" operation="merge">}, the key/value
 *       lines of OrderFlow's product import): per product success (merged), duplicate (the same values again) or
 *       failure, see {@link #mergeProduct}; over JSON {@code {"products": [...]}} likewise.</li>
 *   <li>{@code POST /erp/orders} – the JSON contract of {@code JsonOrderExporter}: {@code {"orders":[...]}} →
 *       {@code {"results":[{"externalReference","result","message"}]}} keyed by each order's {@code incrementId};
 *       already received → duplicate, {@link #failReference} → failed, otherwise success; not JSON or no
 *       {@code orders} array → 400. Orders without {@code incrementId} are not answered.</li>
 * </ul>
 * Both require HTTP Basic auth with the constructor's credentials (401 with {@code WWW-Authenticate} otherwise);
 * other paths answer 404, other methods 405 (after authentication, as a web server's security filter would: the
 * bridge's health check GETs the endpoint and reads 405 as "up, credentials taken").
 *
 * <p>Processing order: path (404) → auth (401, not recorded, no fault budget used) → method (405) →
 * {@link #latency} → {@link #failNext} (the status is answered, nothing is applied; the call is recorded) → handler →
 * {@link #answerDelay} (applied and recorded, the answer not sent yet).
 *
 * <p>Thread-safe; state survives {@link #stop()} and is cleared by {@link #reset()}. Runs on
 * {@link SimulatorServer}, like {@code MagentoSimulator}.
 */
public final class OrderFlowSimulator implements AutoCloseable {

    public static final String IMPORT_PATH = "/remoteorder/imports/importitems.xml";
    public static final String JSON_PATH = "/erp/orders";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One call that passed authentication, with the status it was answered. */
    public record Received(String path, String organisation, String channel, String contentType, String body,
                           int status) { }

    private final String username;
    private final String password;

    private final List<Received> received = new ArrayList<>();
    private final Map<String, Map<String, String>> imported = new LinkedHashMap<>();
    private final Map<String, JsonNode> jsonOrders = new LinkedHashMap<>();
    /** Products as merged so far, by external reference: the key/value lines (XML) or the JSON product. */
    private final Map<String, Map<String, String>> products = new LinkedHashMap<>();
    private final Map<String, JsonNode> jsonProducts = new LinkedHashMap<>();
    private final AtomicInteger productImports = new AtomicInteger();
    private final Map<String, List<String>> statusUpdates = new LinkedHashMap<>();
    private final Map<String, String> failures = new HashMap<>();
    private final ArrayDeque<Integer> failQueue = new ArrayDeque<>();
    private final AtomicInteger messageIds = new AtomicInteger();
    private volatile long latencyMillis;
    private volatile long answerDelayMillis;

    private SimulatorServer server;

    public OrderFlowSimulator(String username, String password) {
        if (username == null || username.isEmpty() || password == null) {
            throw new IllegalArgumentException("username and password are required");
        }
        this.username = username;
        this.password = password;
    }

    // =================================================================== lifecycle

    /** Starts listening on 127.0.0.1:{@code port} ({@code 0} = an ephemeral port). */
    public synchronized OrderFlowSimulator start(int port) {
        return start(InetAddress.getLoopbackAddress().getHostAddress(), port);
    }

    /** Starts listening on {@code host:port}, e.g. {@code "0.0.0.0"} in the simulators container. */
    public synchronized OrderFlowSimulator start(String host, int port) {
        if (server != null) {
            throw new IllegalStateException("already started on port " + port());
        }
        server = SimulatorServer.start("orderflow-sim", host, port, 64, 8, this::handle);
        return this;
    }

    /** Stops immediately; idempotent. The recorded state is kept. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("simulator not started");
        }
        return server.port();
    }

    /** {@code http://127.0.0.1:<port>}: OrderFlow's base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The URL of the JSON endpoint. */
    public String jsonUrl() {
        return baseUrl() + JSON_PATH;
    }

    // =================================================================== configuration

    /** Every later import (XML or JSON) of this reference fails with {@code message}, until {@link #reset()}. */
    public synchronized OrderFlowSimulator failReference(String externalReference, String message) {
        failures.put(externalReference, message);
        return this;
    }

    /** The next {@code count} authenticated calls are answered {@code status} and change nothing. Calls queue up. */
    public synchronized OrderFlowSimulator failNext(int count, int status) {
        if (count < 0 || status < 100 || status > 599) {
            throw new IllegalArgumentException("bad failNext(" + count + ", " + status + ")");
        }
        for (int i = 0; i < count; i++) {
            failQueue.addLast(status);
        }
        return this;
    }

    /** Every authenticated call is answered this much later ({@link Duration#ZERO} = none). */
    public OrderFlowSimulator latency(Duration latency) {
        if (latency == null || latency.isNegative()) {
            throw new IllegalArgumentException("latency must be >= 0: " + latency);
        }
        this.latencyMillis = latency.toMillis();
        return this;
    }

    /**
     * Every authenticated call is applied (and recorded) at once, and answered this much later: a back office that
     * commits, then is slow to answer ({@link Duration#ZERO} = none). The caller may be gone by then.
     */
    public OrderFlowSimulator answerDelay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("answer delay must be >= 0: " + delay);
        }
        this.answerDelayMillis = delay.toMillis();
        return this;
    }

    /** Forgets imports, JSON orders, recorded calls, configured failures, pending faults, latency and answer delay. */
    public synchronized void reset() {
        received.clear();
        imported.clear();
        jsonOrders.clear();
        products.clear();
        jsonProducts.clear();
        productImports.set(0);
        statusUpdates.clear();
        failures.clear();
        failQueue.clear();
        messageIds.set(0);
        latencyMillis = 0;
        answerDelayMillis = 0;
    }

    // =================================================================== inspection

    /** Every authenticated call, in arrival order. */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** The key/value lines of the successful XML import of this order, in document order; null if none. */
    public synchronized Map<String, String> imported(String externalReference) {
        Map<String, String> values = imported.get(externalReference);
        return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Number of orders successfully imported over XML. */
    public synchronized int importCount() {
        return imported.size();
    }

    /** The order received over JSON with this increment id (first successful one); null if none. */
    public synchronized JsonNode jsonOrder(String externalReference) {
        JsonNode order = jsonOrders.get(externalReference);
        return order == null ? null : order.deepCopy();
    }

    /** Number of orders successfully received over JSON. */
    public synchronized int jsonOrderCount() {
        return jsonOrders.size();
    }

    // =================================================================== HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = readBody(exchange.getRequestBody());
            String path = exchange.getRequestURI().getPath();
            if (!IMPORT_PATH.equals(path) && !JSON_PATH.equals(path)) {
                send(exchange, 404, "text/plain; charset=utf-8", "Not found: " + path);
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"OrderFlow\"");
                send(exchange, 401, "text/html; charset=utf-8",
                        "<html><body><h2>HTTP ERROR 401</h2><p>Bad credentials</p></body></html>");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                send(exchange, 405, "text/plain; charset=utf-8", "Method not allowed");
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            long delay = latencyMillis;
            if (delay > 0) {
                Thread.sleep(delay);
            }
            Answer answer;
            Integer fault;
            synchronized (this) {
                fault = failQueue.pollFirst();
            }
            if (fault != null) {
                answer = new Answer(fault, "text/plain; charset=utf-8", "Simulated failure " + fault);
            } else if (IMPORT_PATH.equals(path)) {
                answer = importOrders(query, body);
            } else {
                answer = receiveJson(body);
            }
            synchronized (this) {
                received.add(new Received(path, query.get("organisation"), query.get("channel"), contentType, body,
                        answer.status()));
            }
            long answerDelay = answerDelayMillis;
            if (answerDelay > 0) {
                Thread.sleep(answerDelay);
            }
            send(exchange, answer.status(), answer.contentType(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain; charset=utf-8", "Simulator error: " + e);
        }
    }

    private record Answer(int status, String contentType, String body) {
        static Answer badRequest(String message) {
            return new Answer(400, "text/plain; charset=utf-8", message);
        }
    }

    private record Import(String type, String operation, String externalReference, Map<String, String> values) { }

    private Answer importOrders(Map<String, String> query, String body) {
        if (isBlank(query.get("organisation")) || isBlank(query.get("channel"))) {
            return Answer.badRequest("organisation and channel are required query parameters");
        }
        List<Import> imports;
        try {
            imports = readImports(body);
        } catch (SAXException | IllegalArgumentException e) {
            return Answer.badRequest("Malformed import document: " + e.getMessage());
        }
        String now = Instant.now().toString();
        StringBuilder successes = new StringBuilder();
        StringBuilder duplicates = new StringBuilder();
        StringBuilder failed = new StringBuilder();
        synchronized (this) {
            for (Import item : imports) {
                String ref = item.externalReference();
                if ("product".equals(item.type())) {
                    mergeProduct(item, now, successes, duplicates, failed);
                    continue;
                }
                String head = "<import externalReference=\"" + escape(ref) + "\" type=\"" + escape(item.type())
                        + "\" operation=\"" + escape(item.operation()) + "\" entity=\"Order\" queryTime=\"" + now
                        + "\"";
                String problem = problem(item);
                if (imported.containsKey(ref)) {
                    duplicates.append(head).append("><duplicateMessage>Order ").append(escape(ref))
                              .append(" already exists</duplicateMessage><duplicateDetail>channel ")
                              .append(escape(query.get("channel")))
                              .append("</duplicateDetail></import>");
                } else if (failures.containsKey(ref) || problem != null) {
                    String message = failures.containsKey(ref) ? failures.get(ref) : problem;
                    failed.append(head).append("><failureMessage>").append(escape(message))
                          .append("</failureMessage><failureDetail>Import of order ").append(escape(ref))
                          .append(" failed</failureDetail></import>");
                } else {
                    imported.put(ref, item.values());
                    successes.append(head).append("/>");
                }
            }
        }
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<importReport messageId=\"sim-"
                + messageIds.incrementAndGet() + "\">"
                + "<importSuccesses>" + successes + "</importSuccesses>"
                + "<importDuplicates>" + duplicates + "</importDuplicates>"
                + "<importFailures>" + failed + "</importFailures>"
                + "</importReport>\n";
        return new Answer(200, "application/xml; charset=utf-8", xml);
    }

    /**
     * A product import ({@code type="product" operation="merge"}): refused when configured with
     * {@link #failReference}, for another operation, without the mandatory {@code externalReference} (matching the
     * attribute) and {@code description}, or with one of the mandatory values over {@value #PRODUCT_VALUE_LIMIT}
     * characters; a duplicate when the product is already there with exactly these values; otherwise merged.
     */
    private void mergeProduct(Import item, String now, StringBuilder successes, StringBuilder duplicates,
                              StringBuilder failed) {
        String ref = item.externalReference();
        String head = "<import externalReference=\"" + escape(ref) + "\" type=\"product\" operation=\""
                + escape(item.operation()) + "\" entity=\"Product\" queryTime=\"" + now + "\"";
        String problem = failures.containsKey(ref) ? failures.get(ref) : productProblem(ref, item.operation(),
                item.values().get("externalReference"), item.values().get("description"));
        if (problem != null) {
            failed.append(head).append("><failureMessage>").append(escape(problem))
                  .append("</failureMessage><failureDetail>Import of product ").append(escape(ref))
                  .append(" failed</failureDetail></import>");
        } else if (item.values().equals(products.get(ref))) {
            duplicates.append(head).append("><duplicateMessage>Product ").append(escape(ref))
                      .append(" unchanged</duplicateMessage></import>");
        } else {
            products.put(ref, item.values());
            productImports.incrementAndGet();
            successes.append(head).append("/>");
        }
    }

    /** OrderFlow's limit on the mandatory product values (externalReference, description, type). */
    public static final int PRODUCT_VALUE_LIMIT = 120;

    private static String productProblem(String ref, String operation, String bodyReference, String description) {
        if (!"merge".equals(operation)) {
            return "Unsupported product operation '" + operation + "'";
        }
        if (!ref.equals(bodyReference)) {
            return "externalReference in the body does not match the import's attribute";
        }
        if (description == null || description.isBlank()) {
            return "description is mandatory";
        }
        if (ref.length() > PRODUCT_VALUE_LIMIT || description.length() > PRODUCT_VALUE_LIMIT) {
            return "externalReference and description are limited to " + PRODUCT_VALUE_LIMIT + " characters";
        }
        return null;
    }

    /** The key/value lines of the product as last merged over XML; null if none. */
    public synchronized Map<String, String> product(String externalReference) {
        Map<String, String> values = products.get(externalReference);
        return values == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The product as last received over JSON; null if none. */
    public synchronized JsonNode jsonProduct(String externalReference) {
        JsonNode product = jsonProducts.get(externalReference);
        return product == null ? null : product.deepCopy();
    }

    /** How many product imports (XML or JSON) were merged as a success since the last {@link #reset()}. */
    public int productImportCount() {
        return productImports.get();
    }

    /** Why OrderFlow would refuse this import, or null. */
    private static String problem(Import item) {
        if (!"order".equals(item.type()) || !"insert".equals(item.operation())) {
            return "Unsupported import type '" + item.type() + "' / operation '" + item.operation() + "'";
        }
        if (!item.externalReference().equals(item.values().get("externalReference"))) {
            return "externalReference in the body does not match the import's attribute";
        }
        if (!item.values().containsKey("orderLine.1.product.externalReference")) {
            return "Order has no order lines";
        }
        return null;
    }

    private static List<Import> readImports(String body) throws SAXException {
        Document document = SafeXml.parse(body);
        Element root = document.getDocumentElement();
        if (!"imports".equals(root.getTagName())) {
            throw new IllegalArgumentException("root element is <" + root.getTagName() + ">, not <imports>");
        }
        List<Import> imports = new ArrayList<>();
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.TEXT_NODE && node.getTextContent().isBlank()) {
                continue;
            }
            if (!(node instanceof Element element) || !"import".equals(element.getTagName())) {
                throw new IllegalArgumentException("unexpected content in <imports>: " + node.getNodeName());
            }
            String reference = element.getAttribute("externalReference");
            if (reference.isBlank()) {
                throw new IllegalArgumentException("an <import> has no externalReference");
            }
            imports.add(new Import(element.getAttribute("type"), element.getAttribute("operation"), reference,
                    keyValues(element.getTextContent())));
        }
        return imports;
    }

    /** {@code key=value} lines (split at the first {@code =}); empty lines are skipped; a later key wins. */
    static Map<String, String> keyValues(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("line without key=value: " + line);
            }
            values.put(line.substring(0, eq).strip(), line.substring(eq + 1));
        }
        return values;
    }

    private Answer receiveJson(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return Answer.badRequest("Malformed JSON: " + e.getOriginalMessage());
        }
        JsonNode updates = root == null ? null : root.get("statusUpdates");
        if (updates != null && updates.isArray()) {
            return receiveStatusUpdates(updates);
        }
        JsonNode productList = root == null ? null : root.get("products");
        if (productList != null && productList.isArray()) {
            return receiveJsonProducts(productList);
        }
        JsonNode orders = root == null ? null : root.get("orders");
        if (orders == null || !orders.isArray()) {
            return Answer.badRequest("an \"orders\", \"products\" or \"statusUpdates\" array is required");
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        synchronized (this) {
            for (JsonNode order : orders) {
                JsonNode id = order.get("incrementId");
                if (id == null || !id.isTextual() || id.asText().isBlank()) {
                    continue;
                }
                String ref = id.asText();
                ObjectNode result = results.addObject().put("externalReference", ref);
                if (jsonOrders.containsKey(ref)) {
                    result.put("result", "duplicate").put("message", "Order " + ref + " already received");
                } else if (failures.containsKey(ref)) {
                    result.put("result", "failed").put("message", failures.get(ref));
                } else {
                    jsonOrders.put(ref, order.deepCopy());
                    result.put("result", "success");
                }
            }
        }
        return new Answer(200, "application/json", answer.toString());
    }

    /** Products over JSON: per product success (merged), duplicate (same as last time) or failed. */
    private Answer receiveJsonProducts(JsonNode list) {
        return answerEach(list, (ref, product, result) -> {
            String problem = failures.containsKey(ref) ? failures.get(ref) : productProblem(ref, "merge", ref,
                    product.path("description").asText(null));
            if (problem != null) {
                result.put("result", "failed").put("message", problem);
            } else if (product.equals(jsonProducts.get(ref))) {
                result.put("result", "duplicate").put("message", "Product " + ref + " unchanged");
            } else {
                jsonProducts.put(ref, product.deepCopy());
                productImports.incrementAndGet();
                result.put("result", "success");
            }
        });
    }

    /** How one element of a JSON list with an {@code externalReference} is answered. */
    @FunctionalInterface
    private interface PerReference {
        void answer(String reference, JsonNode element, ObjectNode result);
    }

    /** {@code {"results": [...]}}, one result per element that has an {@code externalReference}, under the lock. */
    private Answer answerEach(JsonNode list, PerReference each) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        synchronized (this) {
            for (JsonNode element : list) {
                String ref = element.path("externalReference").asText("");
                if (ref.isBlank()) {
                    continue;
                }
                each.answer(ref, element, results.addObject().put("externalReference", ref));
            }
        }
        return new Answer(200, "application/json", answer.toString());
    }

    /** Status updates for orders received before; an unknown order is a failure. */
    private Answer receiveStatusUpdates(JsonNode updates) {
        return answerEach(updates, (ref, update, result) -> {
            if (!jsonOrders.containsKey(ref)) {
                result.put("result", "failed").put("message", "Order " + ref + " is unknown");
            } else {
                statusUpdates.computeIfAbsent(ref, key -> new java.util.ArrayList<>())
                        .add(update.path("status").asText());
                result.put("result", "success");
            }
        });
    }

    /** The back-office statuses received as updates for an order, oldest first. */
    public synchronized List<String> statusUpdates(String externalReference) {
        return List.copyOf(statusUpdates.getOrDefault(externalReference, List.of()));
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()),
                    StandardCharsets.UTF_8);
            return decoded.equals(username + ":" + password);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }

    private static String readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
