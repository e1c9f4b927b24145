package com.magentobridge.ops;

import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.Consumer;
import org.apache.camel.Route;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * Runs a scheduled route's next poll now instead of at its next tick (up to the poll delay away), e.g. right after
 * ops resume a flow. The poll is queued on the consumer's own scheduler thread, so it never overlaps a running
 * poll: batches stay strictly one after another.
 */
public final class PollNow {

    private PollNow() {
    }

    /** Returns whether a poll was queued (false for routes that are not polled on a schedule, e.g. cron jobs). */
    public static boolean queue(Route route) {
        Consumer consumer = route.getConsumer();
        if (consumer instanceof ScheduledPollConsumer polling) {
            ScheduledExecutorService thread = polling.getScheduledExecutorService();
            if (thread != null && !thread.isShutdown()) {
                thread.execute(polling);
                return true;
            }
        }
        return false;
    }
}
