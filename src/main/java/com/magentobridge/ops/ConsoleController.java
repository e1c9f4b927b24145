package com.magentobridge.ops;

import java.time.Duration;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The ops console: one static page ({@code static/console/}, no data in it) that signs in with the ops credentials
 * and reads the ops API with them, and the per-flow summary it shows.
 */
@Controller
public class ConsoleController {

    static final int MAX_WINDOW_HOURS = 24 * 30;
    static final int MAX_ROWS = 50;

    /** The page loads only its own script and style and talks only to this bridge; data never runs as markup. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final FlowSummary summary;

    public ConsoleController(FlowSummary summary) {
        this.summary = summary;
    }

    @GetMapping("/console")
    public String console() {
        return "redirect:/console/";
    }

    @GetMapping("/console/")
    public String page(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        return "forward:/console/index.html";
    }

    /** Per flow: inbox depth, oldest waiting, results and failures of the last {@code hours}, last {@code rows} runs. */
    @GetMapping("/ops/summary")
    @ResponseBody
    public FlowSummary.Summary summary(@RequestParam(defaultValue = "24") int hours,
                                       @RequestParam(defaultValue = "5") int rows) {
        if (hours < 1 || hours > MAX_WINDOW_HOURS) {
            throw new IllegalArgumentException("hours must be between 1 and " + MAX_WINDOW_HOURS + ": " + hours);
        }
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("rows must be between 1 and " + MAX_ROWS + ": " + rows);
        }
        return summary.summarize(Duration.ofHours(hours), rows);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).body(Map.of("message", e.getMessage()));
    }
}
