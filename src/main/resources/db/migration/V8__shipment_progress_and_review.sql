-- Runs unchanged on H2 (2.x) and PostgreSQL.

-- A shipment message's progress, written before every ship call and after it: the plan (with the shipped quantities
-- read before shipping), the shipments created, and the calls whose answer was lost. A message claimed again after a
-- crash, or replayed, continues from here instead of planning anew, so nothing is shipped twice.
CREATE TABLE shipment_progress (
    request_id  BIGINT NOT NULL PRIMARY KEY REFERENCES inbound_request (id),
    job         TEXT   NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Export results are looked up per order in the audit.
CREATE INDEX ix_order_export_line_entity ON order_export_line (entity_id);

-- Process names (pid@host) can be longer than 64 characters.
ALTER TABLE inbound_request ALTER COLUMN claimed_by SET DATA TYPE VARCHAR(255);
ALTER TABLE order_ledger ALTER COLUMN claimed_by SET DATA TYPE VARCHAR(255);
