package com.magentobridge.backoffice;

import java.util.Map;

/**
 * The answer to one export call: an outcome per order increment id, the back office's message id for the call if it
 * gives one, and the raw bodies exchanged (kept per the retention setting).
 */
public record ExportReport(String messageId, Map<String, ExportOutcome> outcomes, String requestBody,
                           String responseBody) {
}
