package com.magentobridge.magento;

/** A failed Magento call; subclasses say whether trying again can help. */
public abstract class MagentoException extends RuntimeException {

    private final int status;

    protected MagentoException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }
}
