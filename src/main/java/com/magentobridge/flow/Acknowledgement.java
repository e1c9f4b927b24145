package com.magentobridge.flow;

import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/** The reply the OrderFlow extension gives, built only after the receipt committed the request. */
@Component
public class Acknowledgement {

    public String received(@Header(FlowHeaders.MESSAGE_SEQ_ID) long messageSeqId) {
        return text(messageSeqId);
    }

    public static String text(long messageSeqId) {
        return "Success - Message " + messageSeqId + " Received";
    }
}
