-- A reviewer may decide that a suggested match is not the same claim: the suggestion is marked
-- dismissed and both claims' trails record who decided it. Rebuilds `claim_events` so that its
-- kinds include 'dismissed' (SQLite cannot change a CHECK in place); ids and rows are kept.
CREATE TABLE claim_events_dismissable (
    id             INTEGER PRIMARY KEY,
    claim_id       INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('merged','merged-away','split','unmerged','suggested','dismissed')),
    other_id       INTEGER,
    appearance_id  INTEGER,
    score          REAL,
    note           TEXT,
    actor          TEXT NOT NULL,
    at             TEXT NOT NULL
);
INSERT INTO claim_events_dismissable (id, claim_id, kind, other_id, appearance_id, score, note, actor, at)
    SELECT id, claim_id, kind, other_id, appearance_id, score, note, actor, at FROM claim_events;
DROP TABLE claim_events;
ALTER TABLE claim_events_dismissable RENAME TO claim_events;
CREATE INDEX claim_events_claim ON claim_events(claim_id, id);
CREATE TRIGGER claim_events_no_update BEFORE UPDATE ON claim_events
BEGIN SELECT RAISE(ABORT, 'the trail is append-only'); END;
