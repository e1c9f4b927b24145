package com.magentobridge.inbound;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import com.magentobridge.flow.InboundNotStoredException;
import com.magentobridge.security.ErrorReplies;

/** Replies of the REST twin: the acknowledgement as a JSON string (as Magento's web API returns strings), or an error. */
@Component
public class RestReplies {

    public void accepted(Exchange exchange) {
        String text = exchange.getMessage().getBody(String.class);
        reply(exchange.getMessage(), 200, "\"" + ErrorReplies.jsonEscape(text) + "\"");
    }

    public void rejected(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status = cause instanceof InboundRejectedException rejected ? rejected.httpStatus() : 400;
        reply(exchange.getMessage(), status, message(cause == null ? "Bad request" : cause.getMessage()));
    }

    public void notStored(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        if (cause instanceof InboundNotStoredException notStored && notStored.isDatabaseUnavailable()) {
            // as the inbound gate answers while the database is known to be down
            reply(exchange.getMessage(), 503, message(notStored.getMessage()));
            exchange.getMessage().setHeader("Retry-After", "5");
            return;
        }
        reply(exchange.getMessage(), 503, message("Message not stored, send it again: "
                + (cause == null ? "unknown error" : cause.getClass().getSimpleName())));
    }

    private static String message(String text) {
        return "{\"message\":\"" + ErrorReplies.jsonEscape(text) + "\"}";
    }

    private static void reply(Message message, int status, String body) {
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setBody(body);
    }
}
