package com.magentobridge.magento;

/**
 * Magento answered with a status its flow does not retry: a 4xx refuses the request's content (400, 404, 422), a 5xx
 * listed in the flow's permanent-statuses is a server failure ops must look at. Either way the call is not repeated.
 */
public class MagentoRejectedException extends MagentoException {

    public MagentoRejectedException(String message, int status) {
        super(message, status, null);
    }
}
