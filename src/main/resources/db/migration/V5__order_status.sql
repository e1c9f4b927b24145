-- Runs unchanged on H2 (2.x) and PostgreSQL.

-- The result of each back-office status message (one per request), rewritten when a dead letter is replayed.
CREATE TABLE order_status_result (
    request_id     BIGINT        NOT NULL PRIMARY KEY REFERENCES inbound_request (id),
    increment_id   VARCHAR(50)   NOT NULL,
    status         VARCHAR(64)   NOT NULL,
    action         VARCHAR(80),
    result         VARCHAR(16)   NOT NULL,
    message        VARCHAR(1000),
    processed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Newest wins per order: the messageSeqId of the last status message applied; only moves forward.
CREATE TABLE order_status_sequence (
    increment_id  VARCHAR(50)  NOT NULL PRIMARY KEY,
    last_seq      BIGINT       NOT NULL
);
