package com.magentobridge.ops;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import com.magentobridge.storage.DeadLetterStore;
import com.magentobridge.storage.DeadLetter;
import com.magentobridge.flow.DeadLetterReplay;

/** The ops API: request audit (the extension's "Import Requests" and "Inventory" grids) and dead letters. */
@RestController
@RequestMapping("/ops")
public class OpsController {

    private final RequestAudit audit;
    private final DeadLetterStore deadLetters;
    private final DeadLetterReplay replay;

    private final FlowControl flows;

    public OpsController(RequestAudit audit, DeadLetterStore deadLetters, DeadLetterReplay replay, FlowControl flows) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.replay = replay;
        this.flows = flows;
    }

    @GetMapping("/flows/{flow}")
    public FlowControl.FlowStatus flow(@PathVariable String flow) {
        return flows.status(flow);
    }

    @PostMapping("/flows/{flow}/pause")
    public FlowControl.FlowStatus pause(@PathVariable String flow) throws Exception {
        return flows.pause(flow);
    }

    @PostMapping("/flows/{flow}/fold-sequences")
    public Map<String, Object> foldSequences(@PathVariable String flow) {
        return flows.foldSequences(flow);
    }

    @PostMapping("/flows/{flow}/resume")
    public FlowControl.FlowStatus resume(@PathVariable String flow) throws Exception {
        return flows.resume(flow);
    }

    @GetMapping("/requests")
    public List<RequestAudit.RequestSummary> requests(@RequestParam(defaultValue = "inventory") String flow,
                                                      @RequestParam(required = false) String state,
                                                      @RequestParam(required = false) Long messageSeqId,
                                                      @RequestParam(defaultValue = "50") int limit) {
        return audit.list(flow, state, messageSeqId, clamp(limit));
    }

    @GetMapping("/requests/{id}")
    public ResponseEntity<RequestAudit.RequestDetail> request(@PathVariable long id) {
        return audit.find(id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @GetMapping("/dead-letters")
    public List<DeadLetter> deadLetters(@RequestParam(required = false) String flow,
                                        @RequestParam(required = false) String state,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                        java.time.OffsetDateTime since,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                        java.time.OffsetDateTime until,
                                        @RequestParam(required = false) String text,
                                        @RequestParam(defaultValue = "50") int limit) {
        return deadLetters.list(filter(flow, state, since, until, text), clamp(limit));
    }

    /**
     * Replays every OPEN dead letter matching the filter, oldest first (at most 500 per call); with {@code dryRun}
     * only counts and lists them.
     */
    @PostMapping("/dead-letters/replay")
    public Map<String, Object> replayMany(@RequestParam(required = false) String flow,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                        java.time.OffsetDateTime since,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                                        java.time.OffsetDateTime until,
                                          @RequestParam(required = false) String text,
                                          @RequestParam(defaultValue = "false") boolean dryRun, Principal who) {
        List<DeadLetter> matched = new java.util.ArrayList<>(
                deadLetters.list(filter(flow, DeadLetterStore.OPEN, since, until, text), 500));
        java.util.Collections.reverse(matched);
        List<Long> ids = matched.stream().map(DeadLetter::id).toList();
        if (dryRun) {
            return Map.of("dryRun", true, "matched", ids.size(), "ids", ids);
        }
        List<DeadLetterReplay.Outcome> outcomes = new java.util.ArrayList<>();
        for (long id : ids) {
            try {
                outcomes.add(replay.replay(id, who.getName()));
            } catch (IllegalStateException | DeadLetterReplay.DeadLetterNotFoundException e) {
                outcomes.add(new DeadLetterReplay.Outcome(id, "SKIPPED", e.getMessage()));
            }
        }
        long replayed = outcomes.stream().filter(o -> DeadLetterStore.REPLAYED.equals(o.state())).count();
        return Map.of("dryRun", false, "matched", ids.size(), "replayed", replayed, "outcomes", outcomes);
    }

    private static DeadLetterStore.Filter filter(String flow, String state, java.time.OffsetDateTime since,
                                                 java.time.OffsetDateTime until, String text) {
        return new DeadLetterStore.Filter(flow, state == null ? null : state.toUpperCase(), since, until, text);
    }

    @GetMapping("/dead-letters/{id}")
    public ResponseEntity<DeadLetter> deadLetter(@PathVariable long id) {
        return deadLetters.find(id).map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.notFound().build());
    }

    @PostMapping("/dead-letters/{id}/replay")
    public DeadLetterReplay.Outcome replay(@PathVariable long id, Principal who) {
        return replay.replay(id, who.getName());
    }

    @PostMapping("/dead-letters/{id}/discard")
    public Map<String, Object> discard(@PathVariable long id, @RequestBody(required = false) Map<String, String> body,
                                       Principal who) {
        String reason = body == null ? null : body.get("reason");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("A reason is required: {\"reason\": \"…\"}");
        }
        replay.discard(id, who.getName(), reason);
        return Map.of("id", id, "state", DeadLetterStore.DISCARDED);
    }

    @ExceptionHandler(DeadLetterReplay.DeadLetterNotFoundException.class)
    public ResponseEntity<Map<String, String>> notFound(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("message", e.getMessage()));
    }

    @ExceptionHandler({IllegalStateException.class, IllegalArgumentException.class})
    public ResponseEntity<Map<String, String>> conflict(RuntimeException e) {
        HttpStatus status = e instanceof IllegalStateException ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        return ResponseEntity.status(status).body(Map.of("message", e.getMessage()));
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, 500));
    }
}
