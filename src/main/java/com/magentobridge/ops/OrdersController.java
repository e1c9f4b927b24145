package com.magentobridge.ops;

import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/** Ops view of the order ledger and exports, and "run now" for the scheduled import and export. */
@RestController
@RequestMapping("/ops/orders")
public class OrdersController {

    private final OrderAudit audit;
    private final ProducerTemplate producer;

    public OrdersController(OrderAudit audit, ProducerTemplate producer) {
        this.audit = audit;
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

    /** Polls Magento now, through the import's route and error policy (as the scheduled poll). */
    @PostMapping("/import")
    public ResponseEntity<Object> importNow() {
        Exchange poll = producer.send("direct:orders-import-poll", exchange -> { });
        return answer(poll, poll.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    /** Exports one batch now (new orders, then status updates), through the export's route (retries, history). */
    @PostMapping("/export")
    public ResponseEntity<Object> exportNow() {
        // a failed call is in the answer (and the export history): its orders go back or are parked per the policy
        return answer(producer.send("direct:orders-export-run", exchange -> { }), null);
    }

    /** The run's result, or 502 naming the failure (e.g. Magento unreachable) that the route's error policy logged. */
    private static ResponseEntity<Object> answer(Exchange run, Throwable handled) {
        Throwable failure = run.getException() != null ? run.getException() : handled;
        if (failure != null) {
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("error", String.valueOf(failure.getMessage())));
        }
        return ResponseEntity.ok(run.getMessage().getBody());
    }
}
