package com.magentobridge.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.magentobridge.product.ProductDestinations;
import com.magentobridge.product.ProductLedger;
import com.magentobridge.product.ProductPoll;

/**
 * Ops view of the product ledger and exports, the guide's manual ("Export" on chosen products) and bulk ("Reset Export
 * Status") flavours, and "run now" for the poll, the batches and the sweep.
 */
@RestController
@RequestMapping("/ops/products")
public class ProductsController {

    /** {@code {"skus": [...]}}. */
    public record ExportRequest(List<String> skus) { }

    /**
     * Which products to reset to PENDING; every field optional (none: the whole ledger). {@code store} is a Magento
     * store id: the products of its destination (its store mapping's organisation and channel).
     */
    public record ResetRequest(String store, String destination, String skuPrefix, String state) { }

    private final ProductAudit audit;
    private final ProductLedger ledger;
    private final ProductPoll poll;
    private final ProducerTemplate producer;
    private final ProductDestinations destinations;

    public ProductsController(ProductAudit audit, ProductLedger ledger, ProductPoll poll, ProducerTemplate producer,
                              ProductDestinations destinations) {
        this.destinations = destinations;
        this.audit = audit;
        this.ledger = ledger;
        this.poll = poll;
        this.producer = producer;
    }

    @GetMapping
    public List<ProductAudit.ProductSummary> products(@RequestParam(required = false) String state,
                                                      @RequestParam(defaultValue = "50") int limit) {
        return audit.list(state, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/exports")
    public List<OrderAudit.Export> exports(@RequestParam(defaultValue = "50") int limit) {
        return audit.exports(Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{sku}")
    public ResponseEntity<ProductAudit.ProductDetail> product(@PathVariable String sku) {
        return audit.find(sku).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    /**
     * Manual export: these SKUs read from Magento now (their current content, also when the poll has not seen them),
     * marked PENDING whatever was exported before, and sent in batches now.
     */
    @PostMapping("/export")
    public ResponseEntity<Object> export(@RequestBody ExportRequest request) {
        if (request == null || request.skus() == null || request.skus().isEmpty()
                || request.skus().stream().anyMatch(sku -> sku == null || sku.isBlank())) {
            return ResponseEntity.badRequest().body(Map.of("error", "give the SKUs to export: {\"skus\": [\"24-MB01\"]}"));
        }
        List<String> skus = request.skus().stream().map(String::strip).distinct().toList();
        List<String> unknown = poll.readNow(skus);
        List<String> queued = ledger.markPending(skus, "Export asked for by ops");
        Exchange run = producer.send("direct:products-export-batches", exchange -> { });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("queued", queued);
        answer.put("unknown", unknown);
        if (run.getException() != null) {
            answer.put("error", String.valueOf(run.getException().getMessage()));
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(answer);
        }
        return ResponseEntity.ok(answer);
    }

    /** Bulk: the products matching the filter back to PENDING; the next runs send them in batches. */
    @PostMapping("/reset")
    public Map<String, Object> reset(@RequestBody(required = false) ResetRequest request) {
        ResetRequest filter = request == null ? new ResetRequest(null, null, null, null) : request;
        String destination = blank(filter.store()) != null
                ? destinations.forStore(filter.store().strip(), null).key() : blank(filter.destination());
        int reset = ledger.reset(destination, blank(filter.skuPrefix()),
                filter.state() == null || filter.state().isBlank() ? null : filter.state().strip().toUpperCase());
        return Map.of("reset", reset);
    }

    /** Polls Magento and sends what is pending now, through the scheduled run's routes. */
    @PostMapping("/run")
    public ResponseEntity<Object> runNow() {
        ResponseEntity<Object> polled = run("direct:products-poll");
        if (polled.getStatusCode().is2xxSuccessful()) {
            producer.send("direct:products-export-batches", exchange -> { });
        }
        return polled;
    }

    /** Runs the reconciliation sweep now (what it finds pending is sent by the next run). */
    @PostMapping("/sweep")
    public ResponseEntity<Object> sweepNow() {
        return run("direct:products-sweep-run");
    }

    /** The route's answer, or 502 naming the failure its error policy logged (e.g. Magento unreachable). */
    private ResponseEntity<Object> run(String uri) {
        Exchange run = producer.send(uri, exchange -> { });
        Throwable failure = run.getException() != null ? run.getException()
                : run.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (failure != null) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", String.valueOf(failure.getMessage())));
        }
        return ResponseEntity.ok(run.getMessage().getBody());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
