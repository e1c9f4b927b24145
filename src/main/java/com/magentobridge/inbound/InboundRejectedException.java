package com.magentobridge.inbound;

/** Bad input from the back office: answered with a SOAP fault or HTTP 4xx naming the problem, nothing stored. */
public class InboundRejectedException extends RuntimeException {

    private final int httpStatus;

    public InboundRejectedException(String message) {
        this(message, 400);
    }

    public InboundRejectedException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
