package com.magentobridge.magento;

/** Timeouts, connection resets and the statuses the flow's policy retries (by default 408, 429, 500, 502–504). */
public class MagentoTransientException extends MagentoException {

    public MagentoTransientException(String message, int status, Throwable cause) {
        super(message, status, cause);
    }
}
