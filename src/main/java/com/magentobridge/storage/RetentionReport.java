package com.magentobridge.storage;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * What one retention run did.
 *
 * @param startedAt  when the run started (the cutoffs are counted back from here)
 * @param durationMs how long it took
 * @param cutoffs    what "old enough" meant for each kind of record
 * @param deleted    rows deleted, by table
 * @param blanked    rows whose raw bodies were removed (the row itself is kept), by table
 */
public record RetentionReport(OffsetDateTime startedAt, long durationMs, RetentionCutoffs cutoffs,
                              Map<String, Long> deleted, Map<String, Long> blanked) { }
