package com.magentobridge.flow;

import org.apache.cxf.binding.soap.SoapFault;

/**
 * The message could not be committed (database unavailable, constraint, …): answered as a Server fault / HTTP
 * 503 so the sender retries it; the database's own error text stays in the bridge's log.
 */
public class InboundNotStoredException extends SoapFault {

    /** What the caller is told when the database does not answer (the inbound gate says the same). */
    public static final String DATABASE_UNAVAILABLE =
            "The database is unavailable: the message was not stored, send it again";

    private final boolean databaseUnavailable;

    public InboundNotStoredException(Throwable cause) {
        this("Message not stored, send it again later (" + cause.getClass().getSimpleName() + ")", cause, false);
    }

    private InboundNotStoredException(String message, Throwable cause, boolean databaseUnavailable) {
        super(message, cause, FAULT_CODE_SERVER);
        this.databaseUnavailable = databaseUnavailable;
    }

    /** The database did not answer ({@code cause}), or is known not to (no cause). */
    public static InboundNotStoredException databaseUnavailable(Throwable cause) {
        return new InboundNotStoredException(DATABASE_UNAVAILABLE + " later", cause, true);
    }

    public boolean isDatabaseUnavailable() {
        return databaseUnavailable;
    }
}
