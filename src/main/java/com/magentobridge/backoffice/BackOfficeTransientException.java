package com.magentobridge.backoffice;

/** The back office did not answer, or answered 5xx / 429: the call may be retried. */
public class BackOfficeTransientException extends RuntimeException {

    public BackOfficeTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
