package com.magentobridge.flow;

import org.apache.cxf.binding.soap.SoapFault;

/**
 * The message could not be committed (database unavailable, constraint, …): answered as a Server fault / HTTP
 * 503 so the sender retries it; the database's own error text stays in the bridge's log.
 */
public class InboundNotStoredException extends SoapFault {

    public InboundNotStoredException(Throwable cause) {
        super("Message not stored, send it again later (" + cause.getClass().getSimpleName() + ")", cause, FAULT_CODE_SERVER);
    }
}
