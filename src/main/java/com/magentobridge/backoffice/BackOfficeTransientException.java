package com.magentobridge.backoffice;

/** The back office did not answer, or answered a status the export retries (by default 408, 429, 500, 502–504). */
public class BackOfficeTransientException extends RuntimeException {

    public BackOfficeTransientException(String message, Throwable cause) {
        super(message, cause);
    }
}
