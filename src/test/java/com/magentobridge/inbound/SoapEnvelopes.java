package com.magentobridge.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Test helper: parses SOAP envelopes the way the SOAP edge sees them (namespace-aware DOM, operation element). */
final class SoapEnvelopes {

    static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";

    private SoapEnvelopes() {
    }

    static Document parse(String xml) {
        return parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Document parse(InputStream in) {
        try (in) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalArgumentException("Not a well-formed envelope: " + e.getMessage(), e);
        }
    }

    static Document resource(String name) {
        InputStream in = SoapEnvelopes.class.getResourceAsStream("/soap/" + name);
        if (in == null) {
            throw new IllegalArgumentException("No test resource /soap/" + name);
        }
        return parse(in);
    }

    /** The first element child of the SOAP Body: the operation element the reader is given. */
    static Element operationElement(Document envelope) {
        Element body = (Element) envelope.getElementsByTagNameNS(SOAP11, "Body").item(0);
        if (body == null) {
            throw new IllegalArgumentException("No SOAP 1.1 Body in the envelope");
        }
        for (Node node = body.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                return (Element) node;
            }
        }
        throw new IllegalArgumentException("The SOAP Body is empty");
    }

    static Element operationElement(String xml) {
        return operationElement(parse(xml));
    }

    /** Wraps an operation element's XML in a SOAP 1.1 envelope declaring the usual prefixes. */
    static String envelope(String operationXml) {
        return """
                <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xmlns:xsd="http://www.w3.org/2001/XMLSchema"
                    xmlns:SOAP-ENC="http://schemas.xmlsoap.org/soap/encoding/">
                  <SOAP-ENV:Body>
                """ + operationXml + """
                  </SOAP-ENV:Body>
                </SOAP-ENV:Envelope>
                """;
    }
}
