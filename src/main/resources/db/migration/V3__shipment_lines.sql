-- Runs unchanged on H2 (2.x) and PostgreSQL.

-- One row per SKU line of a shipment message with its single recorded result, written when the message is decided
-- (until then the lines live in inbound_request_body.lines) and rewritten when a dead letter is replayed.
-- id = request id * 100000 + line number.
CREATE TABLE shipment_line (
    id             BIGINT        NOT NULL PRIMARY KEY,
    request_id     BIGINT        NOT NULL REFERENCES inbound_request (id),
    line_no        INTEGER       NOT NULL,
    sku            VARCHAR(128)  NOT NULL,
    source_code    VARCHAR(64),
    qty            NUMERIC(14, 4) NOT NULL,
    order_item_id  BIGINT,
    shipment_id    BIGINT,
    result         VARCHAR(16)   NOT NULL,
    message        VARCHAR(1000),
    tracks         VARCHAR(1000),
    processed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_shipment_line_request ON shipment_line (request_id, line_no);
