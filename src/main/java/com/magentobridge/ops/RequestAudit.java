package com.magentobridge.ops;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.inventory.InventoryLines;
import com.magentobridge.shipment.ShipmentStore;
import com.magentobridge.inventory.InventoryStore;
import com.magentobridge.inventory.RecordedLine;
import com.magentobridge.flow.Flow;

/**
 * Read side of the inbox for ops (the extension's "Import Requests", "Inventory" and "Shipments" grids): requests
 * newest first with counts per result, and one request's lines with their results.
 */
@Repository
public class RequestAudit {

    public record RequestSummary(long id, String flow, String operation, String channel, String storeCode,
                                 long messageSeqId, String state, OffsetDateTime receivedAt,
                                 OffsetDateTime processedAt, int lineCount, Map<String, Integer> results) { }

    /** An inventory line: units received, what adjustment subtracted (queued orders, active carts), the quantity written. */
    public record Line(int lineNo, String sku, String source, long seq, long unitsReceived, Long adjustedQueued,
                       Long adjustedQuotes, Long updatedQty, String result, String message, OffsetDateTime processedAt) { }

    public record RequestDetail(RequestSummary request, String rawBody, List<?> lines) { }

    private static final String STATUS_COUNTS = """
            SELECT request_id, result, COUNT(*) FROM order_status_result
            WHERE request_id IN (:ids) GROUP BY request_id, result""";

    /** A back-office status message's result: the order, the status, the action taken in Magento. */
    public record StatusLine(String orderIncrementId, String status, String action, String result, String message,
                             OffsetDateTime processedAt) { }

    private static final String SHIPMENT_COUNTS = """
            SELECT request_id, result, COUNT(*) FROM shipment_line
            WHERE request_id IN (:ids) GROUP BY request_id, result""";

    static final String PENDING = "Pending";

    private final NamedParameterJdbcTemplate jdbc;
    private final ShipmentStore shipments;
    private final InventoryStore inventory;
    private final ObjectMapper json;

    public RequestAudit(NamedParameterJdbcTemplate jdbc, ShipmentStore shipments, InventoryStore inventory,
                        ObjectMapper json) {
        this.jdbc = jdbc;
        this.inventory = inventory;
        this.shipments = shipments;
        this.json = json;
    }

    public List<RequestSummary> list(String flow, String state, Long messageSeqId, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource().addValue("flow", flow)
                .addValue("state", state == null ? null : state.toUpperCase()).addValue("msg", messageSeqId)
                .addValue("limit", limit);
        List<RequestSummary> requests = jdbc.query("""
                SELECT id, flow, operation, channel, store_code, message_seq_id, state, received_at, processed_at, line_count
                FROM inbound_request
                WHERE flow = :flow
                  AND (CAST(:state AS VARCHAR(16)) IS NULL OR state = :state)
                  AND (CAST(:msg AS BIGINT) IS NULL OR message_seq_id = :msg)
                ORDER BY id DESC
                FETCH FIRST :limit ROWS ONLY""", params, (rs, i) -> new RequestSummary(rs.getLong(1),
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), rs.getString(7),
                rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class), rs.getInt(10),
                new LinkedHashMap<>()));
        if (!requests.isEmpty()) {
            Map<Long, RequestSummary> byId = new LinkedHashMap<>();
            requests.forEach(r -> byId.put(r.id(), r));
            if (Flow.INVENTORY.id().equals(flow)) {
                inventory.resultCounts(byId.keySet()).forEach((id, counts) -> byId.get(id).results().putAll(counts));
            } else {
                jdbc.query(Flow.SHIPMENT.id().equals(flow) ? SHIPMENT_COUNTS : STATUS_COUNTS,
                        Map.of("ids", byId.keySet()),
                        rs -> {
                            byId.get(rs.getLong(1)).results().put(rs.getString(2), rs.getInt(3));
                        });
            }
            for (RequestSummary request : requests) {
                if (request.results().isEmpty() && request.lineCount() > 0) {
                    request.results().put(PENDING, request.lineCount());
                }
            }
        }
        return requests;
    }

    public Optional<RequestDetail> find(long id) {
        List<RequestDetail> found = jdbc.query("""
                SELECT r.id, r.flow, r.operation, r.channel, r.store_code, r.message_seq_id, r.state, r.received_at,
                       r.processed_at, r.line_count, b.raw_body, b.lines
                FROM inbound_request r LEFT JOIN inbound_request_body b ON b.request_id = r.id
                WHERE r.id = :id""", Map.of("id", id), (rs, i) -> new RequestDetail(
                new RequestSummary(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getLong(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                        rs.getObject(9, OffsetDateTime.class), rs.getInt(10), new LinkedHashMap<>()),
                rs.getString(11), Flow.SHIPMENT.id().equals(rs.getString(2)) ? pendingShipmentLines(rs.getString(12))
                        : Flow.ORDERSTATUS.id().equals(rs.getString(2)) ? List.of() : pendingLines(rs.getString(12))));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (Flow.SHIPMENT.id().equals(found.get(0).request().flow())) {
            return Optional.of(shipmentDetail(found.get(0)));
        }
        if (Flow.ORDERSTATUS.id().equals(found.get(0).request().flow())) {
            return Optional.of(statusDetail(found.get(0)));
        }
        RequestDetail detail = found.get(0);
        List<Line> lines = inventoryLines(detail);
        Map<String, Integer> counts = detail.request().results();
        lines.forEach(line -> counts.merge(line.result(), 1, Integer::sum));
        return Optional.of(new RequestDetail(detail.request(), detail.rawBody(), lines));
    }

    /** The lines as received, each with its recorded result or Pending. */
    @SuppressWarnings("unchecked")
    private List<Line> inventoryLines(RequestDetail detail) {
        List<Line> received = (List<Line>) detail.lines();
        List<RecordedLine> recorded = inventory.recordedLines(detail.request().id());
        if (recorded.isEmpty()) {
            return received;
        }
        List<Line> lines = new java.util.ArrayList<>(received);
        for (RecordedLine result : recorded) {
            if (result.lineNo() <= lines.size()) {
                Line line = lines.get(result.lineNo() - 1);
                lines.set(result.lineNo() - 1, new Line(line.lineNo(), line.sku(), line.source(), line.seq(),
                        line.unitsReceived(), result.adjustedQueued(), result.adjustedQuotes(), result.updatedQty(),
                        result.result().name(), result.message(), result.processedAt()));
            }
        }
        return lines;
    }

    private RequestDetail shipmentDetail(RequestDetail detail) {
        List<ShipmentStore.Line> lines = shipments.lines(detail.request().id());
        List<?> shown = lines.isEmpty() ? detail.lines() : lines;
        Map<String, Integer> counts = detail.request().results();
        shown.forEach(line -> counts.merge(((ShipmentStore.Line) line).result(), 1, Integer::sum));
        return new RequestDetail(detail.request(), detail.rawBody(), shown);
    }

    private RequestDetail statusDetail(RequestDetail detail) {
        List<StatusLine> lines = jdbc.query("""
                SELECT increment_id, status, action, result, message, processed_at FROM order_status_result
                WHERE request_id = :id""", Map.of("id", detail.request().id()),
                (rs, i) -> new StatusLine(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class)));
        Map<String, Integer> counts = detail.request().results();
        if (lines.isEmpty()) {
            counts.put(PENDING, 1);
        }
        lines.forEach(line -> counts.merge(line.result(), 1, Integer::sum));
        return new RequestDetail(detail.request(), detail.rawBody(), lines);
    }

    /** Shipment lines not decided yet, from the message committed at receipt. */
    private List<ShipmentStore.Line> pendingShipmentLines(String content) {
        if (content == null) {
            return List.of();
        }
        try {
            ShipmentMessage message = json.readValue(content, ShipmentMessage.class);
            List<ShipmentStore.Line> lines = new java.util.ArrayList<>();
            for (int i = 0; i < message.lines().size(); i++) {
                ShipmentMessage.Line line = message.lines().get(i);
                lines.add(new ShipmentStore.Line(i + 1, line.sku(), line.source(), line.qty(), null, null, PENDING,
                        null, null, null));
            }
            return lines;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored shipment message is not readable", e);
        }
    }

    /** Lines not decided yet, as committed in the inbox at receipt. */
    private static List<Line> pendingLines(String json) {
        if (json == null) {
            return List.of();
        }
        List<InventoryLines.LineRow> rows = InventoryLines.decode(json);
        List<Line> lines = new java.util.ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            InventoryLines.LineRow row = rows.get(i);
            lines.add(new Line(i + 1, row.sku(), row.source(), row.seq(), row.units(), null, null, null, PENDING, null,
                    null));
        }
        return lines;
    }
}
