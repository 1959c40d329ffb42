-- One claim, many appearances. A claim is what gets a verdict (its status, reviews and trail stay
-- on the claim row); an appearance is where and by whom it was said. Every existing claim row
-- becomes a claim with exactly one appearance that carries the same id, so no row and no review
-- is lost and old ids keep working.
--
-- The claim row keeps its own copy of the wording, speakers, cue, mode and stance: those of the
-- appearance it was first recorded from (what `list` and the per-claim export show).

-- A claim merged into another one is kept (its reviews are append-only) but hidden: its
-- appearances now belong to `merged_into`.
ALTER TABLE claims ADD COLUMN merged_into INTEGER REFERENCES claims(id);
CREATE INDEX claims_merged_into ON claims(merged_into);

CREATE TABLE appearances (
    id               INTEGER PRIMARY KEY,
    claim_id         INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    -- The claim this appearance was first recorded as: where `unmerge` sends it back.
    origin_claim_id  INTEGER NOT NULL,
    source_id        INTEGER REFERENCES sources(id) ON DELETE CASCADE,
    text             TEXT NOT NULL,
    sentence         TEXT NOT NULL DEFAULT '',
    start_byte       INTEGER,
    end_byte         INTEGER,
    cue              TEXT,
    mode             TEXT NOT NULL CHECK (mode IN ('direct','indirect','reported','none')),
    stance           TEXT NOT NULL,
    speaker_names    TEXT NOT NULL DEFAULT '',
    speaker_roles    TEXT NOT NULL DEFAULT '',
    speaker_kinds    TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL
);
CREATE INDEX appearances_claim ON appearances(claim_id);
CREATE INDEX appearances_source ON appearances(source_id);

CREATE TABLE appearance_speakers (
    appearance_id  INTEGER NOT NULL REFERENCES appearances(id) ON DELETE CASCADE,
    speaker_id     INTEGER NOT NULL REFERENCES speakers(id),
    position       INTEGER NOT NULL,
    mention        TEXT,
    PRIMARY KEY (appearance_id, position)
);
CREATE INDEX appearance_speakers_speaker ON appearance_speakers(speaker_id);

INSERT INTO appearances (id, claim_id, origin_claim_id, source_id, text, sentence, start_byte,
                         end_byte, cue, mode, stance, speaker_names, speaker_roles, speaker_kinds,
                         created_at)
SELECT id, id, id, source_id, text, sentence, start_byte, end_byte, cue, mode, stance,
       speaker_names, speaker_roles, speaker_kinds, created_at
FROM claims;

INSERT INTO appearance_speakers (appearance_id, speaker_id, position, mention)
SELECT claim_id, speaker_id, position, mention FROM claim_speakers;

-- The claim's trail besides reviews: merges (automatic with their score, or by hand), splits,
-- undone merges. Append-only like reviews.
CREATE TABLE claim_events (
    id             INTEGER PRIMARY KEY,
    claim_id       INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL CHECK (kind IN ('merged','merged-away','split','unmerged','suggested')),
    other_id       INTEGER,
    appearance_id  INTEGER,
    score          REAL,
    note           TEXT,
    actor          TEXT NOT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX claim_events_claim ON claim_events(claim_id, id);
CREATE TRIGGER claim_events_no_update BEFORE UPDATE ON claim_events
BEGIN SELECT RAISE(ABORT, 'the trail is append-only'); END;

-- Matches found at ingest between the two thresholds, for a person to decide: `claim_id` may be
-- the same claim as `candidate_id`. `relation` is 'similar', or 'related' when the two differ in
-- stance polarity, a number, a date or a negation (never merged automatically).
CREATE TABLE suggestions (
    claim_id      INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    candidate_id  INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    score         REAL NOT NULL,
    relation      TEXT NOT NULL CHECK (relation IN ('similar','related')),
    reason        TEXT,
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','merged','dismissed')),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (claim_id, candidate_id)
);
CREATE INDEX suggestions_candidate ON suggestions(candidate_id);

-- The index for "already checked?": the claim's words and, for a claim recorded without an
-- article sentence (a typed or imported fact-check), its source's headline, which restates the
-- claim. Contentless: the words are in `claims` already. English suffixes are folded (porter) so
-- "cuts" finds "cut"; diacritics are ignored.
CREATE VIRTUAL TABLE match_fts USING fts5(
    text, title, speakers,
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

INSERT INTO match_fts (rowid, text, title, speakers)
SELECT c.id, c.text,
       CASE WHEN c.sentence = '' THEN COALESCE(s.title, '') ELSE '' END,
       c.speaker_names
FROM claims c LEFT JOIN sources s ON s.id = c.source_id
WHERE c.merged_into IS NULL;

CREATE TRIGGER match_fts_insert AFTER INSERT ON claims
BEGIN
    INSERT INTO match_fts (rowid, text, title, speakers)
    VALUES (NEW.id, NEW.text,
            CASE WHEN NEW.sentence = ''
                 THEN COALESCE((SELECT title FROM sources WHERE id = NEW.source_id), '') ELSE '' END,
            NEW.speaker_names);
END;
CREATE TRIGGER match_fts_delete AFTER DELETE ON claims
BEGIN
    DELETE FROM match_fts WHERE rowid = OLD.id;
END;

-- The URL where a verdict was published (the fact-check article): ClaimReview's `url`, and the
-- key that makes importing the same ClaimReview twice a no-op.
ALTER TABLE reviews ADD COLUMN url TEXT;
CREATE INDEX reviews_url ON reviews(url);

-- The organisation that publishes this ledger's verdicts, for ClaimReview (`settings`).
ALTER TABLE ledger_settings ADD COLUMN org_name TEXT;
ALTER TABLE ledger_settings ADD COLUMN org_url TEXT;
ALTER TABLE ledger_settings ADD COLUMN base_url TEXT;
