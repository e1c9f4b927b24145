package com.magentobridge.shipment;

import com.magentobridge.storage.Columns;
import java.math.BigDecimal;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

import com.magentobridge.inbound.ShipmentMessage;
import com.magentobridge.inventory.InventoryLines;
import com.magentobridge.storage.InboxStore;

/** SQL for the shipment flow's line results. Named parameters only. */
@Repository
public class ShipmentStore {

    private final NamedParameterJdbcTemplate jdbc;

    public ShipmentStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes (or, after a replay, rewrites) every line's result of a request; must run inside a transaction. */
    public void replaceLines(long requestId, ShipmentMessage message, Map<Integer, ShipmentOutcome> results) {
        jdbc.update("DELETE FROM shipment_line WHERE request_id = :id", Map.of("id", requestId));
        OffsetDateTime now = InboxStore.now();
        List<SqlParameterSource> batch = new ArrayList<>(results.size());
        results.forEach((lineNo, outcome) -> {
            ShipmentMessage.Line line = message.lines().get(lineNo - 1);
            batch.add(new MapSqlParameterSource()
                    .addValue("id", InventoryLines.lineId(requestId, lineNo)).addValue("request", requestId)
                    .addValue("no", lineNo).addValue("sku", line.sku()).addValue("source", line.source(), Types.VARCHAR)
                    .addValue("qty", line.qty(), Types.DECIMAL)
                    .addValue("item", outcome.orderItemId(), Types.BIGINT)
                    .addValue("shipment", outcome.shipmentId(), Types.BIGINT)
                    .addValue("result", outcome.result().name())
                    .addValue("message", Columns.fit(outcome.message()), Types.VARCHAR)
                    .addValue("tracks", Columns.fit(outcome.tracks()), Types.VARCHAR)
                    .addValue("now", now));
        });
        jdbc.batchUpdate("""
                INSERT INTO shipment_line (id, request_id, line_no, sku, source_code, qty, order_item_id, shipment_id,
                                           result, message, tracks, processed_at)
                VALUES (:id, :request, :no, :sku, :source, :qty, :item, :shipment, :result, :message, :tracks, :now)""",
                batch.toArray(SqlParameterSource[]::new));
    }

    /** A line as the audit shows it. */
    public record Line(int lineNo, String sku, String source, BigDecimal qty, Long orderItemId, Long shipmentId,
                       String result, String message, String tracks, OffsetDateTime processedAt) { }

    public List<Line> lines(long requestId) {
        return jdbc.query("""
                SELECT line_no, sku, source_code, qty, order_item_id, shipment_id, result, message, tracks, processed_at
                FROM shipment_line WHERE request_id = :id ORDER BY line_no""", Map.of("id", requestId),
                (rs, i) -> new Line(rs.getInt(1), rs.getString(2), rs.getString(3),
                        com.magentobridge.magento.Quantities.normalized(rs.getBigDecimal(4)),
                        rs.getObject(5, Long.class), rs.getObject(6, Long.class), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getObject(10, OffsetDateTime.class)));
    }

}
