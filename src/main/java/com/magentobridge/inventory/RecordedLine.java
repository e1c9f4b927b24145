package com.magentobridge.inventory;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import com.magentobridge.flow.LineResult;

/** A line's recorded result as the audit shows it: a success's message is derived from the quantity written. */
public record RecordedLine(int lineNo, LineResult result, Long updatedQty, String message, Long adjustedQueued,
                           Long adjustedQuotes, OffsetDateTime processedAt) {

    static RecordedLine of(int lineNo, PackedLineResults.Entry entry, OffsetDateTime decidedAt) {
        String message = entry.message() == null && entry.result() == LineResult.Success && entry.updatedQty() != null
                ? LineOutcome.successMessage(entry.updatedQty()) : entry.message();
        OffsetDateTime at = entry.processedAtMillis() == null ? decidedAt
                : OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.processedAtMillis()), ZoneOffset.UTC);
        return new RecordedLine(lineNo, entry.result(), entry.updatedQty(), message, entry.adjustedQueued(),
                entry.adjustedQuotes(), at);
    }
}
