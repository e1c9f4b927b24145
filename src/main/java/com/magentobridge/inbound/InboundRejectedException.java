package com.magentobridge.inbound;

import org.apache.cxf.binding.soap.SoapFault;

/**
 * Bad input from the back office: answered with a SOAP Client (1.1) / Sender (1.2) fault or HTTP 4xx naming
 * the problem, nothing stored. It is a CXF fault itself, so the SOAP edge answers with it unchanged.
 */
public class InboundRejectedException extends SoapFault {

    private final int httpStatus;

    public InboundRejectedException(String message) {
        this(message, 400);
    }

    public InboundRejectedException(String message, int httpStatus) {
        super(message, FAULT_CODE_CLIENT);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
