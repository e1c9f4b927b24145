package com.magentobridge.flow;

/** Exchange headers of the inbound flows: set by the SOAP and REST edges and by the receipt, read by the steps after. */
public final class FlowHeaders {

    /** The flow a call belongs to ({@link Flow#id()}). */
    public static final String FLOW = "BridgeFlow";
    /** The store code of the URL ({@code /soap/{storeCode}}, {@code /rest/{storeCode}/V1/...}). */
    public static final String STORE_CODE = "BridgeStoreCode";
    /** {@code soap} or {@code rest}. */
    public static final String CHANNEL = "BridgeChannel";
    /** The request as received, secrets masked: what the audit keeps. */
    public static final String AUDIT_BODY = "BridgeAuditBody";
    /** Set by the receipt once the request is committed: the messageSeqId to acknowledge. */
    public static final String MESSAGE_SEQ_ID = "BridgeMessageSeqId";
    /** Set by the receipt for a repeated messageSeqId: the request that first had it. */
    public static final String DUPLICATE_OF = "BridgeDuplicateOf";

    private FlowHeaders() {
    }
}
