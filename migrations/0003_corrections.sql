-- Corrections: every edit of a claim, speaker or source, and every deleted claim, kept with
-- who, when and why. Append-only like reviews. No foreign keys, so that it does not depend on
-- how other tables are named or split; target_id names the corrected row.

CREATE TABLE corrections (
    id            INTEGER PRIMARY KEY,
    target        TEXT NOT NULL CHECK (target IN ('claim', 'speaker', 'source')),
    target_id     INTEGER NOT NULL,
    action        TEXT NOT NULL,     -- edit, delete, rename, merge, set
    field         TEXT,              -- what changed (text, cue, name, url, …)
    old_value     TEXT,              -- for a deleted claim: its whole export line (JSON)
    new_value     TEXT,
    reason        TEXT,
    corrector     TEXT NOT NULL,
    corrected_at  TEXT NOT NULL
);
CREATE INDEX corrections_target ON corrections(target, target_id, id);

CREATE TRIGGER corrections_no_update BEFORE UPDATE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
CREATE TRIGGER corrections_no_delete BEFORE DELETE ON corrections
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
