package com.magentobridge.backoffice;

/** The back office refused the call as a whole (4xx other than 429): retrying the same call will not help. */
public class BackOfficeRejectedException extends RuntimeException {

    public BackOfficeRejectedException(String message) {
        super(message);
    }
}
