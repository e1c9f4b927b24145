package com.magentobridge.inbound;

import java.util.ArrayList;
import java.util.List;

/**
 * A shipment-create call as read from the wire, still text, before validation. Each reader (SOAP M2, SOAP M1,
 * REST) fills one; {@link ShipmentMessageAssembler} is the single place that validates it.
 */
public final class RawShipment {

    public record Line(String sku, String qty, String source) { }

    private final String operation;
    private final List<Line> lines = new ArrayList<>();
    private final List<String> tracks = new ArrayList<>();
    private String messageSeqId;
    private String orderIncrementId;
    private String comment;
    private String email;
    private String includeComment;
    private String courierName;
    private String serviceName;
    private String trackingNumber;
    private String dateShipped;

    public RawShipment(String operation) {
        this.operation = operation;
    }

    public String operation() { return operation; }
    public List<Line> lines() { return lines; }
    public List<String> tracks() { return tracks; }
    public String messageSeqId() { return messageSeqId; }
    public String orderIncrementId() { return orderIncrementId; }
    public String comment() { return comment; }
    public String email() { return email; }
    public String includeComment() { return includeComment; }
    public String courierName() { return courierName; }
    public String serviceName() { return serviceName; }
    public String trackingNumber() { return trackingNumber; }
    public String dateShipped() { return dateShipped; }

    public void addLine(String sku, String qty, String source) { lines.add(new Line(sku, qty, source)); }
    public void addTrack(String trackingNumber) { tracks.add(trackingNumber); }
    public void messageSeqId(String value) { messageSeqId = value; }
    public void orderIncrementId(String value) { orderIncrementId = value; }
    public void comment(String value) { comment = value; }
    public void email(String value) { email = value; }
    public void includeComment(String value) { includeComment = value; }
    public void courierName(String value) { courierName = value; }
    public void serviceName(String value) { serviceName = value; }
    public void trackingNumber(String value) { trackingNumber = value; }
    public void dateShipped(String value) { dateShipped = value; }
}
