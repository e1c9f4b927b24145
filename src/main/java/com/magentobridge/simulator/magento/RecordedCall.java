package com.magentobridge.simulator.magento;

import java.time.Instant;

/**
 * One HTTP request the simulator received. Calls are logged just before the answer is sent, so a client that
 * got its response (or its connection drop) always finds its call in {@link MagentoSimulator#calls()}.
 *
 * @param method HTTP method
 * @param path   the raw (still percent-encoded) request path, without the query
 * @param query  the raw query string, or {@code null} if there was none
 * @param body   the request body decoded as UTF-8 ({@code ""} if empty)
 * @param time   when the request arrived
 * @param status the HTTP status sent back, or {@code 0} if the connection was dropped without a response
 *               (see {@link FaultInjection#resetAfterCommitNext(int)})
 */
public record RecordedCall(String method, String path, String query, String body, Instant time, int status) {

    /** The path with each segment percent-decoded ({@code %2F} inside a segment becomes {@code /}). */
    public String decodedPath() {
        return PathCodec.decodePath(path);
    }

    /** The query percent-decoded (and {@code +} kept as is), or {@code null}. */
    public String decodedQuery() {
        return query == null ? null : PathCodec.decode(query);
    }

    /** True if the request was answered (i.e. not dropped by a connection-reset fault). */
    public boolean answered() {
        return status != 0;
    }
}
