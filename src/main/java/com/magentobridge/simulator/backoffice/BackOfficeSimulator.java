package com.magentobridge.simulator.backoffice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plays OrderFlow's side of the inventory and shipment flows: builds Magento 2 SOAP inventory updates and
 * shipment creates the way the extension's WSDL names them and posts them to a bridge. Used by demo mode and the
 * benchmarks; not on the production path.
 */
public class BackOfficeSimulator {

    public static final String INVENTORY_SERVICE = "realtimeDespatchOrderFlowInventoryRequestManagementV1";
    public static final String SHIPMENT_SERVICE = "realtimeDespatchOrderFlowShipmentRequestManagementV1";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String soapUrl;
    private final String shipmentUrl;
    private final String authorization;
    private final AtomicLong messageSeq;
    private final AtomicLong inventorySeq;
    private final Random random = new Random();

    public BackOfficeSimulator(String bridgeBaseUrl, String storeCode, String username, String password, long firstMessageSeq) {
        this.soapUrl = bridgeBaseUrl + "/soap/" + storeCode + "?services=" + INVENTORY_SERVICE;
        this.shipmentUrl = bridgeBaseUrl + "/soap/" + storeCode + "?services=" + SHIPMENT_SERVICE;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.messageSeq = new AtomicLong(firstMessageSeq);
        this.inventorySeq = new AtomicLong(firstMessageSeq * 1000);
    }

    public record Sent(long messageSeqId, String envelope, int status, String reply) { }

    private volatile Sent last;

    /** Sends the previous message again, unchanged: what a network retry by OrderFlow looks like (a duplicate). */
    public Sent resendLast() throws IOException, InterruptedException {
        Sent previous = last;
        if (previous == null) {
            throw new IllegalStateException("nothing sent yet");
        }
        return sendEnvelope(previous.envelope(), previous.messageSeqId());
    }

    /** Sends a new message whose stock record is older than one already sent (a late, out-of-order delivery). */
    public Sent sendStale(String sku, long qty) throws IOException, InterruptedException {
        long staleSeq = inventorySeq.get() - 50;
        return send(messageSeq.incrementAndGet(), Map.of(sku, qty), Map.of(sku, staleSeq), null);
    }

    /** Sends fresh random quantities for the given SKUs, each with a new, higher sequence id. */
    public Sent sendRandomUpdate(List<String> skus, int maxQty) throws IOException, InterruptedException {
        Map<String, Long> quantities = new LinkedHashMap<>();
        for (String sku : skus) {
            quantities.put(sku, (long) random.nextInt(maxQty + 1));
        }
        Map<String, Long> sequences = new LinkedHashMap<>();
        quantities.keySet().forEach(sku -> sequences.put(sku, inventorySeq.incrementAndGet()));
        return send(messageSeq.incrementAndGet(), quantities, sequences, null);
    }

    /** Sends exactly this message (a re-send with the same messageSeqId is how OrderFlow duplicates happen). */
    public Sent send(long messageSeqId, Map<String, Long> quantities, Map<String, Long> sequences, String source)
            throws IOException, InterruptedException {
        return sendEnvelope(inventoryEnvelope(messageSeqId, quantities, sequences, source), messageSeqId);
    }

    /** Posts a ready envelope (benchmarks build them ahead of time). */
    public Sent sendEnvelope(String envelope) throws IOException, InterruptedException {
        return sendEnvelope(envelope, -1);
    }

    /** A despatch: one shipment-create message for the order with these SKU quantities (a part or all of it). */
    public Sent sendShipment(String orderIncrementId, Map<String, Long> skuQty, String courierName, String serviceName,
                             String trackingNumber) throws IOException, InterruptedException {
        long messageSeqId = messageSeq.incrementAndGet();
        return post(shipmentUrl, SHIPMENT_SERVICE + "Create",
                shipmentEnvelope(messageSeqId, orderIncrementId, skuQty, courierName, serviceName, trackingNumber),
                messageSeqId);
    }

    /** Posts a ready shipment envelope (benchmarks build them ahead of time). */
    public Sent sendShipmentEnvelope(String envelope) throws IOException, InterruptedException {
        return post(shipmentUrl, SHIPMENT_SERVICE + "Create", envelope, -1);
    }

    /** The Magento 2 shipment-create envelope as OrderFlow's guide shows it. */
    public String shipmentEnvelope(long messageSeqId, String orderIncrementId, Map<String, Long> skuQty,
                                   String courierName, String serviceName, String trackingNumber) {
        StringBuilder xml = new StringBuilder(512);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
           .append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"")
           .append(escape(shipmentUrl)).append("\"><SOAP-ENV:Body><ns1:").append(SHIPMENT_SERVICE).append("CreateRequest>")
           .append("<orderIncrementId>").append(escape(orderIncrementId)).append("</orderIncrementId><skuQty>");
        skuQty.forEach((sku, qty) -> xml.append("<item><sku>").append(escape(sku)).append("</sku><qty>").append(qty)
                .append("</qty></item>"));
        xml.append("</skuQty><comment>Shipment Created</comment><email>1</email><includeComment>1</includeComment>")
           .append("<courierName>").append(escape(courierName)).append("</courierName>")
           .append("<serviceName>").append(escape(serviceName)).append("</serviceName>")
           .append("<trackingNumber>").append(escape(trackingNumber)).append("</trackingNumber>")
           .append("<dateShipped>").append(java.time.LocalDateTime.now().withNano(0).toString().replace('T', ' '))
           .append("</dateShipped><messageSeqId>").append(messageSeqId).append("</messageSeqId></ns1:")
           .append(SHIPMENT_SERVICE).append("CreateRequest></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        return xml.toString();
    }

    private Sent sendEnvelope(String envelope, long messageSeqId) throws IOException, InterruptedException {
        Sent sent = post(soapUrl, INVENTORY_SERVICE + "Update", envelope, messageSeqId);
        last = sent;
        return sent;
    }

    private Sent post(String url, String soapAction, String envelope, long messageSeqId)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("SOAPAction", soapAction)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(envelope))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Sent(messageSeqId, envelope, response.statusCode(), response.body());
    }

    /** The Magento 2 SOAP 1.1 envelope OrderFlow sends; the namespace embeds the configured base URL. */
    public String inventoryEnvelope(long messageSeqId, Map<String, Long> quantities, Map<String, Long> sequences, String source) {
        StringBuilder xml = new StringBuilder(256 + quantities.size() * 160);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
           .append("<SOAP-ENV:Envelope xmlns:SOAP-ENV=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ns1=\"")
           .append(escape(soapUrl)).append("\"><SOAP-ENV:Body><ns1:").append(INVENTORY_SERVICE).append("UpdateRequest>")
           .append("<productQtys>");
        quantities.forEach((sku, qty) -> {
            xml.append("<item><sku>").append(escape(sku)).append("</sku><qty>").append(qty).append("</qty>");
            if (source != null) {
                xml.append("<source>").append(escape(source)).append("</source>");
            }
            xml.append("</item>");
        });
        xml.append("</productQtys><productSeqs>");
        sequences.forEach((sku, seq) -> xml.append("<item><sku>").append(escape(sku)).append("</sku><seq>").append(seq)
                .append("</seq><lastOrderExported>2026-01-01 00:00:00</lastOrderExported></item>"));
        xml.append("</productSeqs><messageSeqId>").append(messageSeqId).append("</messageSeqId></ns1:")
           .append(INVENTORY_SERVICE).append("UpdateRequest></SOAP-ENV:Body></SOAP-ENV:Envelope>");
        return xml.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
