-- Automatic merges made before `same` meant the same proposition, marked for audit: each
-- appearance ingest merged into a claim ('merged' events by 'ingest') is to be judged again by
-- the current rule (`claimledger matches --audit`); one that the rule would not make is split
-- back into a claim of its own (`matches --audit --split`), through the trail like any split.
-- Merges made after this migration were made by the current rule and are not listed.
CREATE TABLE merge_audit (
    event_id    INTEGER PRIMARY KEY REFERENCES claim_events(id) ON DELETE CASCADE,
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','kept','split')),
    reason      TEXT,
    -- The claim the split made (state 'split').
    new_claim   INTEGER REFERENCES claims(id) ON DELETE SET NULL,
    checked_at  TEXT
);
INSERT INTO merge_audit (event_id)
    SELECT id FROM claim_events
    WHERE kind = 'merged' AND actor = 'ingest' AND appearance_id IS NOT NULL;
