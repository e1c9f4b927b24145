package com.magentobridge.order;

/** Where an imported order stands for export, and why when it is not to be exported. */
public record ExportDecision(String state, String reason) {

    public static final String PENDING = "PENDING";
    public static final String INELIGIBLE = "INELIGIBLE";
    public static final String PARKED = "PARKED";
    public static final String QUEUED = "QUEUED";
    public static final String EXPORTED = "EXPORTED";
    public static final String FAILED = "FAILED";
    /** Exported, and its status changed since: the new status waits to be sent to the back office. */
    public static final String UPDATE = "UPDATE";
    public static final String QUEUED_UPDATE = "QUEUED_UPDATE";

    static ExportDecision pending() {
        return new ExportDecision(PENDING, null);
    }

    static ExportDecision ineligible(String reason) {
        return new ExportDecision(INELIGIBLE, reason);
    }

    static ExportDecision parked(String reason) {
        return new ExportDecision(PARKED, reason);
    }
}
