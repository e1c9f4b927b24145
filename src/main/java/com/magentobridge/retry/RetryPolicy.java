package com.magentobridge.retry;

import java.time.Duration;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;

/** One flow's effective retry policy: its own settings, the default's where it has none. */
public record RetryPolicy(String flow, int maxRedeliveries, Duration initialDelay, double multiplier, Duration maxDelay,
                          double jitter, TransientStatuses transientStatuses) {

    /**
     * The policy as Camel's error handler applies it: exponential backoff from the initial delay, capped, each delay
     * spread by ±jitter so that retries of parallel chunks do not align. Retries are logged at WARN without stack
     * traces (the dead letter keeps the exception).
     */
    public RedeliveryPolicy redeliveryPolicy() {
        RedeliveryPolicy policy = new RedeliveryPolicy();
        policy.setMaximumRedeliveries(maxRedeliveries);
        policy.setRedeliveryDelay(initialDelay.toMillis());
        policy.setUseExponentialBackOff(true);
        policy.setBackOffMultiplier(multiplier);
        policy.setMaximumRedeliveryDelay(maxDelay.toMillis());
        policy.setUseCollisionAvoidance(jitter > 0);
        policy.setCollisionAvoidanceFactor(jitter);
        policy.setRetryAttemptedLogLevel(LoggingLevel.WARN);
        policy.setLogStackTrace(false);
        policy.setLogRetryStackTrace(false);
        return policy;
    }
}
