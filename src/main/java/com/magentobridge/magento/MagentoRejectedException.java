package com.magentobridge.magento;

/** Magento refused the content of the request (400, 404, 422): retrying the same request cannot succeed. */
public class MagentoRejectedException extends MagentoException {

    public MagentoRejectedException(String message, int status) {
        super(message, status, null);
    }
}
