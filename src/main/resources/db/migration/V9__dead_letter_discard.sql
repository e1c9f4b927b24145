-- Runs unchanged on H2 (2.x) and PostgreSQL.

-- Who gave a dead letter up, when and why, kept apart from its latest replay: a discard used to overwrite
-- replayed_at / replayed_by / replay_outcome, so a failed replay before it was lost and "replayed_by" named the
-- person who discarded it.
ALTER TABLE dead_letter ADD COLUMN discarded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE dead_letter ADD COLUMN discarded_by VARCHAR(128);
ALTER TABLE dead_letter ADD COLUMN discard_reason VARCHAR(4000);

UPDATE dead_letter
   SET discarded_at = replayed_at,
       discarded_by = replayed_by,
       discard_reason = CASE WHEN replay_outcome LIKE 'discarded: %' THEN SUBSTRING(replay_outcome FROM 12)
                             ELSE replay_outcome END
 WHERE state = 'DISCARDED';
-- letters never replayed before their discard: the replay columns held only the discard
UPDATE dead_letter SET replayed_at = NULL, replayed_by = NULL, replay_outcome = NULL
 WHERE state = 'DISCARDED' AND replay_count = 0;

-- Dead letters are filed under the flow names of bridge.retry.flows and /ops/flows; order export's used to be "order".
UPDATE dead_letter SET flow = 'orders-export' WHERE flow = 'order';
