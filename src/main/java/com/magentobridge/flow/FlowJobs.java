package com.magentobridge.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.logging.Correlation;
import com.magentobridge.storage.InboxStore;

/**
 * The processing side of a flow that applies its messages one by one: claim the oldest received requests for this
 * process (with a lease), check the claim is still this process's just before a job is applied, and record a job's
 * line results together with its request's completion. The flow supplies how a stored request becomes a job and how
 * its results are written.
 */
public abstract class FlowJobs<J extends FlowJob> {

    private final Logger log = LoggerFactory.getLogger(getClass());

    private final Flow flow;
    private final Inbox inbox;
    private final InboxStore inboxStore;
    private final TransactionTemplate transaction;
    private final FlowMetrics metrics;
    private final Supplier<Batching> batching;
    /** The requests the last run deferred (only to log a deferral once). */
    private volatile Set<Long> lastDeferred = Set.of();

    /** How many requests a run claims and how long the claim holds. */
    public record Batching(int batchSize, Duration claimLease) { }

    protected FlowJobs(Flow flow, Inbox inbox, InboxStore inboxStore, TransactionTemplate transaction,
                       FlowMetrics metrics, Supplier<Batching> batching) {
        this.flow = flow;
        this.inbox = inbox;
        this.inboxStore = inboxStore;
        this.transaction = transaction;
        this.metrics = metrics;
        this.batching = batching;
    }

    /**
     * Route step: the oldest received requests, claimed for this process, as jobs in the order they came. A job on the
     * same order as a gone writer's claim ({@link Inbox#writesInFlight}: a node that died, or lost its database
     * session, while its call may still be in Magento's hands) waits, claimed by this node, for a later run: that call
     * could land after this one (an older status after a newer one). The gone writer's claim itself is taken over once
     * its call has landed, so its look-before-retry sees it.
     */
    public JobBatch<J> claim() {
        Correlation.flow(flow.id());
        Batching settings = batching.get();
        return new JobBatch<>(inbox.claimRun(status -> {
            InboxClaim claim = inbox.claim(flow.id(), settings.batchSize(), settings.claimLease());
            List<J> jobs = new ArrayList<>(claim.requestIds().size());
            Set<String> busy = claim.requestIds().isEmpty() ? Set.of() : subjectsInFlight(claim);
            Set<Long> waiting = new TreeSet<>();
            inboxStore.contents(claim.requestIds()).forEach((requestId, content) -> {
                J job = job(requestId, content);
                if (busy.contains(subject(job))) {
                    waiting.add(requestId);
                } else {
                    job.claimedIn(claim);
                    jobs.add(job);
                }
            });
            if (!waiting.isEmpty() && !waiting.equals(lastDeferred)) {
                log.info("{} requests {} wait for a gone bridge's call in flight on the same order to land", flow.id(),
                        waiting);
            }
            lastDeferred = waiting;
            claim.defer(waiting);
            return jobs;
        }, List.of()));
    }

    /** The orders (see {@link #subject}) of the claims whose writer is gone while a call of theirs may still land. */
    private Set<String> subjectsInFlight(InboxClaim claim) {
        List<Long> inFlight = inbox.writesInFlight(flow.id(), false).stream()
                .filter(id -> !claim.requestIds().contains(id)).toList();
        Set<String> subjects = new HashSet<>();
        inboxStore.contents(inFlight).forEach((requestId, content) -> subjects.add(subject(job(requestId, content))));
        return subjects;
    }

    /**
     * Route guard: whether this process still holds the job's claim (renewed for another lease). A job whose lease ran
     * out during a long batch was taken back by another run, or whose run lost its database session (see
     * {@link InboxClaim}), is left alone, so it is not applied twice.
     */
    public boolean stillClaimed(J job) {
        return (job.claim() == null || job.claim().stillOwned()) && inbox.renew(job.requestId());
    }

    /**
     * Route step: records the job's line results and completes its request in one transaction; a one-line summary. A
     * job of a run that no longer holds its claim records nothing (its holder does); a replay's is always recorded.
     */
    public String record(J job) {
        List<LineResult> results = results(job);
        boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> {
            if (job.claim() == null) {
                inbox.markProcessed(List.of(job.requestId()));
            } else if (!inbox.complete(status, job.claim(), List.of(job.requestId()))) {
                return false;
            }
            writeResults(job);
            return true;
        }));
        if (!recorded) {
            String summary = "request " + job.requestId() + " not recorded here: its claim is another run's now";
            log.warn("{} {}", flow.id(), summary);
            return summary;
        }
        metrics.countLines(flow.id(), results);
        Map<LineResult, Long> counts = results.stream().collect(Collectors.groupingBy(result -> result,
                () -> new java.util.EnumMap<>(LineResult.class), Collectors.counting()));
        String summary = summary(job, counts);
        if (counts.containsKey(LineResult.Failed)) {
            log.warn("{} {}", flow.id(), summary);
        } else {
            log.info("{} {}", flow.id(), summary);
        }
        return summary;
    }

    /** What a job changes in Magento (its order): jobs on one subject must not overlap across nodes. */
    protected abstract String subject(J job);

    /** A stored request read back as a job (a job claimed again continues from what it committed). */
    protected abstract J job(long requestId, String content);

    /** The result of every line of the job, as it will be recorded. */
    protected abstract List<LineResult> results(J job);

    /** Writes the job's results (inside the transaction that completes its request). */
    protected abstract void writeResults(J job);

    /** The summary the log and a replay show, e.g. "order 000000042, message 7: {Success=2}". */
    protected abstract String summary(J job, Map<LineResult, Long> counts);
}
