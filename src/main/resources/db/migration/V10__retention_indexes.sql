-- Runs unchanged on H2 (2.x) and PostgreSQL.

-- The retention job finds finished requests and old idempotency keys by time, a bounded batch at a time; without
-- these every batch would read the whole table. Both columns grow with time, so new entries go to the index's end.
CREATE INDEX ix_inbound_request_processed ON inbound_request (processed_at);
CREATE INDEX ix_idempotency_key_created ON idempotency_key (created_at);
