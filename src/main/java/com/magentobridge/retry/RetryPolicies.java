package com.magentobridge.retry;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.magentobridge.config.BridgeProperties;
import com.magentobridge.config.BridgeProperties.RetrySettings;

/**
 * The effective retry policy of each flow from {@code bridge.retry}: every field a flow does not set is the default's.
 * Transient statuses are the flow's {@code transient-statuses} (else the default's) minus its
 * {@code permanent-statuses} (else the default's), so a flow can stop retrying one status without repeating the list.
 */
public final class RetryPolicies {

    private final RetryPolicy defaults;
    private final Map<String, RetryPolicy> byFlow = new LinkedHashMap<>();

    public RetryPolicies(BridgeProperties.Retry settings) {
        RetrySettings base = settings.getDefault();
        this.defaults = resolve("default", base, base);
        for (String flow : BridgeProperties.Retry.FLOWS) {
            byFlow.put(flow, resolve(flow, settings.getFlows().of(flow), base));
        }
    }

    /** The policy of a flow named as in {@link BridgeProperties.Retry#FLOWS}. */
    public RetryPolicy of(String flow) {
        RetryPolicy policy = byFlow.get(flow);
        if (policy == null) {
            throw new IllegalArgumentException("Unknown flow '" + flow + "'; flows with a retry policy: " + byFlow.keySet());
        }
        return policy;
    }

    /** bridge.retry.default as it is, for calls outside the retrying flows (e.g. the order import's reads). */
    public RetryPolicy defaults() {
        return defaults;
    }

    private static RetryPolicy resolve(String flow, RetrySettings own, RetrySettings base) {
        Set<Integer> statuses = new LinkedHashSet<>(pick(own, base, RetrySettings::getTransientStatuses));
        List<Integer> permanent = pick(own, base, RetrySettings::getPermanentStatuses);
        if (permanent != null) {
            statuses.removeAll(permanent);
        }
        return new RetryPolicy(flow, pick(own, base, RetrySettings::getMaxRedeliveries),
                pick(own, base, RetrySettings::getInitialDelay), pick(own, base, RetrySettings::getMultiplier),
                pick(own, base, RetrySettings::getMaxDelay), pick(own, base, RetrySettings::getJitter),
                TransientStatuses.of(statuses));
    }

    /** The flow's own value, else the default's (BridgeProperties refuses a default left unset, but for the lists). */
    private static <T> T pick(RetrySettings own, RetrySettings base, Function<RetrySettings, T> field) {
        T value = field.apply(own);
        return value != null ? value : field.apply(base);
    }
}
