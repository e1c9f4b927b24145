package com.magentobridge.backoffice.orderflow;

import com.magentobridge.backoffice.BackOfficeHttp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import com.magentobridge.backoffice.BackOfficeRejectedException;
import com.magentobridge.backoffice.ExportOutcome;

/**
 * OrderFlow's answer to an import ({@code POST remoteorder/imports/importitems.xml}), read with a hardened parser
 * ({@link SafeXml}: no DOCTYPE, no entities).
 *
 * <h2>Where each fact comes from</h2>
 * <ul>
 *   <li><b>Verified</b> ({@code realtimedespatch/orderflow-api} @ 3aa22af1, {@code src/Report/ImportReportFactory.php},
 *       {@code src/Report/ImportReportLine.php}, read only): the root element has the children
 *       {@code importSuccesses}, {@code importFailures} and {@code importDuplicates}; each of their child elements is
 *       one report line; every XML attribute of a line becomes a report field (the client knows
 *       {@code externalReference}, {@code type}, {@code operation}, {@code entity}, {@code item}, {@code queryTime});
 *       failure lines carry {@code failureMessage} and {@code failureDetail}, duplicate lines
 *       {@code duplicateMessage} and {@code duplicateDetail}, read as child elements of the line.</li>
 *   <li><b>Verified</b> ({@code src/Middleware/ExceptionMiddleware.php}): a 2xx body with an {@code exception} child
 *       of the root is an error, whose text is the message.</li>
 *   <li><b>Chosen</b> (no public sample of an answer exists, see the fixtures README "Gaps"): the names of the root
 *       and of the line elements are not checked; {@code failureMessage}/{@code failureDetail}/
 *       {@code duplicateMessage}/{@code duplicateDetail} are also accepted as attributes (a child element wins); the
 *       message id is the root's {@code messageId} attribute or a {@code messageId} child element of the root (the
 *       Magento extensions number their exports themselves, so it may well be absent); when one reference has several
 *       lines the worst wins (Failed over Duplicate over Success: a failed order is re-sent and OrderFlow then answers
 *       Duplicate if it did import it after all); a Success carries no message, a Duplicate its duplicateMessage (or
 *       detail), a Failed its failureMessage and failureDetail joined by " - ".</li>
 *   <li><b>Chosen</b>: an answer that cannot be read (not XML, a DOCTYPE, none of the three lists, an
 *       {@code exception} element) throws {@link BackOfficeRejectedException} naming the problem. The batch's orders
 *       then stay unexported and a later batch sends them again; the lead decides whether that call should rather be
 *       retried as transient.</li>
 * </ul>
 */
public final class OrderFlowImportReport {

    public static final String SUCCESSES = "importSuccesses";
    public static final String DUPLICATES = "importDuplicates";
    public static final String FAILURES = "importFailures";

    /** One line of the answer: its result, reference and every field (attributes, then message/detail elements). */
    public record Line(ExportOutcome.Result result, String externalReference, Map<String, String> fields) {

        public Line {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        /** The message this line gives for {@link ExportOutcome#message()}. */
        public String message() {
            return switch (result) {
                case Success -> null;
                case Duplicate -> first(fields.get("duplicateMessage"), fields.get("duplicateDetail"));
                case Failed -> join(fields.get("failureMessage"), fields.get("failureDetail"));
            };
        }
    }

    private final String messageId;
    private final List<Line> lines;

    private OrderFlowImportReport(String messageId, List<Line> lines) {
        this.messageId = messageId;
        this.lines = List.copyOf(lines);
    }

    /**
     * Reads an answer body. Throws {@link BackOfficeRejectedException} when it is not an import report (see the
     * class comment).
     */
    public static OrderFlowImportReport parse(String xml) {
        Document document;
        try {
            document = SafeXml.parse(xml);
        } catch (SAXException e) {
            throw new BackOfficeRejectedException("OrderFlow's import answer is not readable XML ("
                    + e.getMessage() + "): " + BackOfficeHttp.errorText(xml));
        }
        Element root = document.getDocumentElement();
        Element exception = child(root, "exception");
        if (exception != null) {
            throw new BackOfficeRejectedException("OrderFlow answered with an exception: "
                    + BackOfficeHttp.errorText(exception.getTextContent()));
        }
        Element successes = child(root, SUCCESSES);
        Element duplicates = child(root, DUPLICATES);
        Element failures = child(root, FAILURES);
        if (successes == null && duplicates == null && failures == null) {
            throw new BackOfficeRejectedException("OrderFlow's import answer has no " + SUCCESSES + ", " + DUPLICATES
                    + " or " + FAILURES + " (root element <" + root.getTagName() + ">): "
                    + BackOfficeHttp.errorText(xml));
        }
        List<Line> lines = new ArrayList<>();
        read(successes, ExportOutcome.Result.Success, List.of(), lines);
        read(failures, ExportOutcome.Result.Failed, List.of("failureMessage", "failureDetail"), lines);
        read(duplicates, ExportOutcome.Result.Duplicate, List.of("duplicateMessage", "duplicateDetail"), lines);
        return new OrderFlowImportReport(messageId(root), lines);
    }

    /** The message id of the answer, or null if it has none. */
    public String messageId() {
        return messageId;
    }

    /** Every line, in document order (successes, failures, duplicates). */
    public List<Line> lines() {
        return lines;
    }

    /** One outcome per external reference (the worst line wins, see the class comment), in first-seen order. */
    public Map<String, ExportOutcome> outcomes() {
        Map<String, Line> worst = new LinkedHashMap<>();
        for (Line line : lines) {
            worst.merge(line.externalReference(), line,
                    (a, b) -> severity(b.result()) > severity(a.result()) ? b : a);
        }
        Map<String, ExportOutcome> outcomes = new LinkedHashMap<>();
        worst.forEach((reference, line) -> outcomes.put(reference, new ExportOutcome(line.result(), line.message())));
        return outcomes;
    }

    /**
     * The outcomes for exactly these references: what the answer says, and Failed "not mentioned in the back
     * office's answer" for a reference it does not mention. References the answer names but that were not sent are
     * left out.
     */
    public Map<String, ExportOutcome> outcomesFor(Collection<String> sentReferences) {
        Map<String, ExportOutcome> known = outcomes();
        Map<String, ExportOutcome> result = new LinkedHashMap<>();
        for (String reference : sentReferences) {
            ExportOutcome outcome = known.get(reference);
            result.put(reference, outcome != null ? outcome
                    : new ExportOutcome(ExportOutcome.Result.Failed, NOT_MENTIONED));
        }
        return result;
    }

    /** The message of an order the answer does not mention. */
    public static final String NOT_MENTIONED = "not mentioned in the back office's answer";

    private static void read(Element list, ExportOutcome.Result result, List<String> textFields, List<Line> out) {
        if (list == null) {
            return;
        }
        for (Node node = list.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (!(node instanceof Element line)) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            NamedNodeMap attributes = line.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                fields.put(attribute.getNodeName(), attribute.getNodeValue());
            }
            for (String name : textFields) {
                Element element = child(line, name);
                if (element != null && !element.getTextContent().isBlank()) {
                    fields.put(name, element.getTextContent().strip());
                }
            }
            String reference = fields.get("externalReference");
            if (reference == null || reference.isBlank()) {
                // A line that names no order cannot be matched; it is kept out of the outcomes.
                continue;
            }
            out.add(new Line(result, reference.strip(), fields));
        }
    }

    private static String messageId(Element root) {
        if (!root.getAttribute("messageId").isBlank()) {
            return root.getAttribute("messageId").strip();
        }
        Element element = child(root, "messageId");
        return element == null || element.getTextContent().isBlank() ? null : element.getTextContent().strip();
    }

    private static Element child(Element parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && name.equals(element.getTagName())) {
                return element;
            }
        }
        return null;
    }

    private static int severity(ExportOutcome.Result result) {
        return switch (result) {
            case Success -> 0;
            case Duplicate -> 1;
            case Failed -> 2;
        };
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : (b != null && !b.isBlank() ? b : null);
    }

    private static String join(String message, String detail) {
        boolean hasMessage = message != null && !message.isBlank();
        boolean hasDetail = detail != null && !detail.isBlank() && !detail.equals(message);
        if (hasMessage && hasDetail) {
            return message + " - " + detail;
        }
        return hasMessage ? message : (hasDetail ? detail : "failed without a message");
    }
}
