package com.magentobridge.backoffice;

/**
 * The back office refused the call as a whole (credentials, a 4xx, or a 5xx the export does not retry): retrying the
 * same call will not help.
 */
public class BackOfficeRejectedException extends RuntimeException {

    public BackOfficeRejectedException(String message) {
        super(message);
    }
}
