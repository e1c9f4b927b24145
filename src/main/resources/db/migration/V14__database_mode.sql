-- Which kind of bridge writes this database: 'demo' (built-in simulators, demo traffic) or 'real' (a real store).
-- One row, written by the first start after this migration; a start of the other kind refuses the database, so demo
-- sequences, cursors and audit rows never reach a real deployment.
CREATE TABLE bridge_database (
    id        INTEGER     NOT NULL PRIMARY KEY,
    mode      VARCHAR(8)  NOT NULL,
    marked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT bridge_database_one_row CHECK (id = 1),
    CONSTRAINT bridge_database_mode CHECK (mode IN ('demo', 'real'))
);
