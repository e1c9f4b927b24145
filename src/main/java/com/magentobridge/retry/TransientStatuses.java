package com.magentobridge.retry;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which HTTP answers of a remote system a flow retries: the one place where a status becomes "try again" or "park
 * it". The HTTP clients ({@code MagentoClient}, {@code BackOfficeHttp}) ask it for every answer that is not a 2xx and
 * throw their transient or their refusal exception accordingly; the flows' error handlers retry the first and park
 * the second at once.
 */
public final class TransientStatuses {

    /** The status the clients report when no answer arrived (timeout, connection refused or reset). */
    public static final int NO_ANSWER = 0;

    private final Set<Integer> statuses;

    private TransientStatuses(Collection<Integer> statuses) {
        // an empty entry in a configured list ("429,,503") is no status
        this.statuses = statuses.stream().filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public static TransientStatuses of(Collection<Integer> statuses) {
        return new TransientStatuses(statuses);
    }

    /**
     * No answer at all is always worth another try; 401 and 403 never are (the credentials were refused, which a
     * retry cannot change); any other status only when it is listed.
     */
    public boolean isTransient(int status) {
        if (status == NO_ANSWER) {
            return true;
        }
        if (status == 401 || status == 403) {
            return false;
        }
        return statuses.contains(status);
    }

    /** The listed statuses, ascending. */
    public Set<Integer> statuses() {
        return new TreeSet<>(statuses);
    }

    @Override
    public String toString() {
        return "transient statuses " + statuses();
    }
}
