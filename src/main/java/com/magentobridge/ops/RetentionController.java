package com.magentobridge.ops;

import java.security.Principal;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.magentobridge.storage.Retention;
import com.magentobridge.storage.RetentionReport;

/** "Run now" for the scheduled retention job. */
@RestController
@RequestMapping("/ops/retention")
public class RetentionController {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionController.class);

    private final Retention retention;

    public RetentionController(Retention retention) {
        this.retention = retention;
    }

    /** Runs the retention job now, as the schedule does; answers with the counts per table. */
    @PostMapping("/run")
    public RetentionReport run(Principal who) {
        LOG.info("retention run asked for by {}", who.getName());
        return retention.run();
    }

    @ExceptionHandler(DataAccessException.class)
    public ResponseEntity<Map<String, String>> failed(DataAccessException e) {
        LOG.warn("retention run failed: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("message",
                "Retention run failed (the batches finished before the failure stay done): " + e.getMostSpecificCause().getMessage()));
    }
}
