package com.magentobridge.storage;

import java.time.OffsetDateTime;

/**
 * A parked exchange as ops see it. The exception, attempts and last failure are those of the latest failure, a failed
 * replay's included (attempts add up); {@code replayed*} describe the latest replay (successful or not), {@code
 * discarded*} who gave the letter up, when and why.
 */
public record DeadLetter(long id, String flow, String routeId, String endpoint, String replayUri, String bodyType,
                         String body, String headers, String exceptionClass, String exceptionMessage, int attempts,
                         OffsetDateTime firstFailedAt, OffsetDateTime lastFailedAt, String state,
                         OffsetDateTime replayedAt, String replayedBy, int replayCount, String replayOutcome,
                         OffsetDateTime discardedAt, String discardedBy, String discardReason) {
}
