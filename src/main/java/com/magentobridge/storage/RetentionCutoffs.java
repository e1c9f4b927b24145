package com.magentobridge.storage;

import java.time.OffsetDateTime;

import com.magentobridge.config.BridgeProperties;

/**
 * The moments before which each kind of record may go, for one retention run.
 *
 * @param rawBodies       raw request bodies of finished inbound requests, and export request/response bodies
 * @param processed       finished inbound requests with their line results, and the export history
 * @param idempotencyKeys idempotency keys (only once their request is gone too)
 * @param deadLetters     dead letters replayed or discarded before this
 */
public record RetentionCutoffs(OffsetDateTime rawBodies, OffsetDateTime processed, OffsetDateTime idempotencyKeys,
                               OffsetDateTime deadLetters) {

    /** The cutoffs of a run starting at {@code now}. */
    public static RetentionCutoffs at(OffsetDateTime now, BridgeProperties.Retention settings) {
        return new RetentionCutoffs(now.minusDays(settings.getRawBodyDays()), now.minusDays(settings.getProcessedDays()),
                now.minusDays(settings.idempotencyKeyDays()), now.minusDays(settings.getDeadLetterDays()));
    }
}
