-- Runs unchanged on H2 (2.x) and PostgreSQL.

-- When the run holding a request's claim began sending it to Magento (committed before the first call; NULL while
-- nothing of it was sent by its current holder). A claim whose holder is gone and that never began writing cannot
-- have a write in Magento's hands: it is taken over at once. One that began waits one Magento answer window (connect
-- + read timeout) from its holder's death before it is taken over, and newer values for what it holds wait with it.
ALTER TABLE inbound_request ADD COLUMN write_started_at TIMESTAMP WITH TIME ZONE;

-- When a bridge instance was first seen dead (its liveness lock gone), by whichever peer looked first: the answer
-- window of its claims is timed from here, the same for every peer and across their restarts. Cleared when the
-- instance takes its lock again.
ALTER TABLE bridge_node ADD COLUMN seen_dead_at TIMESTAMP WITH TIME ZONE;

-- Which bridge instance began replaying a dead letter, and when: a letter left REPLAYING by an instance that died
-- mid-replay is opened again once a write of its replay can no longer land (one answer window after the instance was
-- seen dead), instead of staying REPLAYING for good; until then it holds its SKUs like a claim that began writing.
ALTER TABLE dead_letter ADD COLUMN replay_started_by VARCHAR(64);
ALTER TABLE dead_letter ADD COLUMN replay_started_at TIMESTAMP WITH TIME ZONE;
