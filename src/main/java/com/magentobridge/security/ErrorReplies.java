package com.magentobridge.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * Error answers written before a request reaches a route (authentication, size limit, the bridge starting or
 * stopping): a SOAP fault for /soap (1.2 when the client spoke 1.2; a Server/Receiver fault for a 5xx status, the
 * caller's fault otherwise), JSON {@code {"message": …}} everywhere else.
 */
public final class ErrorReplies {

    private ErrorReplies() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String message)
            throws IOException {
        response.setStatus(status);
        byte[] body;
        if (request.getRequestURI().startsWith(request.getContextPath() + "/soap")) {
            boolean soap12 = request.getContentType() != null && request.getContentType().startsWith("application/soap+xml");
            String text = HtmlUtils.htmlEscape(message);
            boolean server = status >= 500;
            String xml = soap12
                    ? "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
                      + "<env:Code><env:Value>" + (server ? "env:Receiver" : "env:Sender") + "</env:Value></env:Code>"
                      + "<env:Reason><env:Text xml:lang=\"en\">" + text + "</env:Text></env:Reason>"
                      + "</env:Fault></env:Body></env:Envelope>"
                    : "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                      + "<faultcode>" + (server ? "soap:Server" : "soap:Client") + "</faultcode><faultstring>" + text
                      + "</faultstring>"
                      + "</soap:Fault></soap:Body></soap:Envelope>";
            response.setContentType((soap12 ? "application/soap+xml" : "text/xml") + "; charset=utf-8");
            body = xml.getBytes(StandardCharsets.UTF_8);
        } else {
            response.setContentType("application/json; charset=utf-8");
            body = ("{\"message\":\"" + jsonEscape(message) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
