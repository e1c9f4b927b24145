package com.magentobridge.orderstatus;

import com.magentobridge.storage.Columns;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.magentobridge.storage.InboxStore;
import com.magentobridge.storage.SqlDialect;

/** SQL for back-office status messages: their results and the newest-wins sequence per order. */
@Repository
public class OrderStatusStore {

    private final NamedParameterJdbcTemplate jdbc;
    private final SqlDialect dialect;

    public OrderStatusStore(NamedParameterJdbcTemplate jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    public void recordResult(long requestId, String incrementId, String status, String action, String result,
                             String message) {
        jdbc.update("DELETE FROM order_status_result WHERE request_id = :id", Map.of("id", requestId));
        jdbc.update("""
                INSERT INTO order_status_result (request_id, increment_id, status, action, result, message, processed_at)
                VALUES (:id, :increment, :status, :action, :result, :message, :now)""",
                new MapSqlParameterSource().addValue("id", requestId).addValue("increment", incrementId)
                        .addValue("status", status).addValue("action", action).addValue("result", result)
                        .addValue("message", Columns.fit(message)).addValue("now", InboxStore.now()));
    }

    public Long lastApplied(String incrementId) {
        return jdbc.query("SELECT last_seq FROM order_status_sequence WHERE increment_id = :order",
                Map.of("order", incrementId), rs -> rs.next() ? rs.getLong(1) : null);
    }

    /** Moves the order's last applied sequence forward, never back. */
    public void advance(String incrementId, long seq) {
        Map<String, Object> params = Map.of("order", incrementId, "seq", seq);
        if (dialect.isPostgres()) {
            jdbc.update("""
                    INSERT INTO order_status_sequence (increment_id, last_seq) VALUES (:order, :seq)
                    ON CONFLICT (increment_id) DO UPDATE SET last_seq = EXCLUDED.last_seq
                        WHERE order_status_sequence.last_seq < EXCLUDED.last_seq""", params);
            return;
        }
        int updated = jdbc.update("""
                UPDATE order_status_sequence SET last_seq = :seq WHERE increment_id = :order AND last_seq < :seq""", params);
        if (updated == 0 && lastApplied(incrementId) == null) {
            jdbc.update("INSERT INTO order_status_sequence (increment_id, last_seq) VALUES (:order, :seq)", params);
        }
    }
}
