package com.magentobridge.shipment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import com.magentobridge.storage.InboxStore;

/**
 * A shipment message's progress, committed before and after every ship call (see V8): what a message claimed again
 * after a crash, or replayed, continues from. Each save commits on its own.
 */
@Repository
public class ShipmentProgress {

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    public ShipmentProgress(NamedParameterJdbcTemplate jdbc, TransactionTemplate transaction, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    public void save(ShipmentJob job) {
        String state;
        try {
            state = json.writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the progress of shipment request " + job.requestId(), e);
        }
        Map<String, Object> params = Map.of("id", job.requestId(), "job", state, "now", InboxStore.now());
        transaction.executeWithoutResult(status -> {
            if (jdbc.update("UPDATE shipment_progress SET job = :job, updated_at = :now WHERE request_id = :id", params) == 0) {
                jdbc.update("INSERT INTO shipment_progress (request_id, job, updated_at) VALUES (:id, :job, :now)", params);
            }
        });
    }

    public Optional<ShipmentJob> load(long requestId) {
        List<String> found = jdbc.queryForList("SELECT job FROM shipment_progress WHERE request_id = :id",
                Map.of("id", requestId), String.class);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(found.get(0), ShipmentJob.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The progress of shipment request " + requestId + " is unreadable", e);
        }
    }
}
