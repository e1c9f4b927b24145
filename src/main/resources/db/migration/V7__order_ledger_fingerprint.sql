-- The fingerprint of the ledger's current version: with updated_at (one-second resolution) it tells whether a read
-- is the version already stored or a change made within the same second.
ALTER TABLE order_ledger ADD COLUMN fingerprint VARCHAR(64);
