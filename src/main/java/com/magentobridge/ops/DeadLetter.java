package com.magentobridge.ops;

import java.time.OffsetDateTime;

/** A parked exchange as ops see it. */
public record DeadLetter(long id, String flow, String routeId, String endpoint, String replayUri, String bodyType,
                         String body, String headers, String exceptionClass, String exceptionMessage, int attempts,
                         OffsetDateTime firstFailedAt, OffsetDateTime lastFailedAt, String state,
                         OffsetDateTime replayedAt, String replayedBy, int replayCount, String replayOutcome) {
}
