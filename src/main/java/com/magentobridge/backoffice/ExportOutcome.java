package com.magentobridge.backoffice;

import com.magentobridge.flow.LineResult;

/**
 * What the back office said about one exported order.
 *
 * @param result  Success (imported), Duplicate (it already had the order: counts as exported), or Failed
 * @param message the back office's message, if any
 */
public record ExportOutcome(Result result, String message) {

    public enum Result {
        Success, Duplicate, Failed;

        /** The same answer as a recorded line result (how bridge_messages_total counts it). */
        public LineResult line() {
            return LineResult.valueOf(name());
        }
    }
}
