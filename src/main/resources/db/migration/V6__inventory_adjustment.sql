-- Runs unchanged on H2 (2.x) and PostgreSQL.

-- Inventory adjustment (levels 1 and 2): what was subtracted from the units received, per decided line.
ALTER TABLE inventory_line ADD COLUMN adjusted_queued BIGINT;
ALTER TABLE inventory_line ADD COLUMN adjusted_quotes BIGINT;

-- Units per SKU each imported order still holds back (ordered − shipped − canceled − refunded), kept with the ledger
-- so that level 1 can subtract the orders not exported yet with one indexed query.
CREATE TABLE order_open_units (
    entity_id  BIGINT        NOT NULL,
    sku        VARCHAR(128)  NOT NULL,
    units      NUMERIC(14, 4) NOT NULL,
    CONSTRAINT pk_order_open_units PRIMARY KEY (entity_id, sku)
);
CREATE INDEX ix_order_open_units_sku ON order_open_units (sku);
