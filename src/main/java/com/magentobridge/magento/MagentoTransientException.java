package com.magentobridge.magento;

/** Timeouts, connection resets, 5xx and 429: worth retrying with backoff. */
public class MagentoTransientException extends MagentoException {

    public MagentoTransientException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
