package com.magentobridge.magento;

/** 401/403 that survived re-authentication: a configuration problem (token, ACL), not a transient fault. */
public class MagentoAuthorizationException extends MagentoException {

    public MagentoAuthorizationException(String message, int status) {
        super(message, status, null);
    }
}
