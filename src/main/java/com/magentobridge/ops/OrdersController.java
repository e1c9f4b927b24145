package com.magentobridge.ops;

import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.magentobridge.order.OrderExportBatch;
import com.magentobridge.order.OrderExportService;
import com.magentobridge.order.OrderImporter;

/** Ops view of the order ledger and exports, and "run now" for the scheduled import and export. */
@RestController
@RequestMapping("/ops/orders")
public class OrdersController {

    private final OrderAudit audit;
    private final OrderImporter importer;
    private final OrderExportService exports;
    private final ProducerTemplate producer;

    public OrdersController(OrderAudit audit, OrderImporter importer, OrderExportService exports,
                            ProducerTemplate producer) {
        this.audit = audit;
        this.importer = importer;
        this.exports = exports;
        this.producer = producer;
    }

    @GetMapping
    public List<OrderAudit.OrderSummary> orders(@RequestParam(required = false) String exportState,
                                               @RequestParam(defaultValue = "50") int limit) {
        return audit.list(exportState, Math.max(1, Math.min(limit, 500)));
    }

    @GetMapping("/{incrementId}")
    public ResponseEntity<OrderAudit.OrderDetail> order(@PathVariable String incrementId) {
        return audit.find(incrementId).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/exports")
    public List<OrderAudit.Export> exportHistory(@RequestParam(defaultValue = "50") int limit) {
        return audit.exports(Math.max(1, Math.min(limit, 500)));
    }

    /** Polls Magento now (as the scheduled import does). */
    @PostMapping("/import")
    public List<OrderImporter.PollResult> importNow() {
        return importer.poll();
    }

    /** Exports one batch now, through the same route (retries, history) as the scheduled export. */
    @PostMapping("/export")
    public Map<String, Object> exportNow() {
        Map<String, Object> result = new java.util.LinkedHashMap<>();
        result.putAll(send("", exports.claim()));
        result.putAll(send("statusUpdates", exports.claimStatusUpdates()));
        return result;
    }

    private Map<String, Object> send(String prefix, OrderExportBatch batch) {
        String orders = prefix.isEmpty() ? "orders" : prefix;
        String summary = prefix.isEmpty() ? "summary" : prefix + "Summary";
        if (!batch.hasWork()) {
            return Map.of(orders, 0, summary, "nothing pending");
        }
        Object answer = producer.requestBody("direct:orders-export-send", batch);
        return Map.of(orders, batch.entityIds().size(),
                summary, answer instanceof String text ? text : "failed: see the export history");
    }
}
