-- The first ledger schema: sources, speakers (with aliases), claims, their speakers, the review
-- trail, and a diacritic-insensitive full-text index kept in step by triggers.

CREATE TABLE sources (
    id            INTEGER PRIMARY KEY,
    url           TEXT,
    title         TEXT,
    publisher     TEXT,
    authors       TEXT NOT NULL DEFAULT '[]',   -- JSON array of names
    published     TEXT,                          -- ISO date YYYY-MM-DD
    dateline      TEXT,
    language      TEXT,
    content_hash  TEXT NOT NULL UNIQUE,          -- SHA-256 of the decoded text
    body          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE INDEX sources_publisher ON sources(publisher);

CREATE TABLE speakers (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role  TEXT,
    kind  TEXT NOT NULL CHECK (kind IN ('person','organisation','government','media','group','anonymous'))
);

CREATE TABLE speaker_aliases (
    alias       TEXT NOT NULL COLLATE NOCASE,
    speaker_id  INTEGER NOT NULL REFERENCES speakers(id) ON DELETE CASCADE,
    PRIMARY KEY (alias, speaker_id)
);

CREATE TABLE claims (
    id               INTEGER PRIMARY KEY,
    source_id        INTEGER REFERENCES sources(id) ON DELETE CASCADE,
    text             TEXT NOT NULL,
    sentence         TEXT NOT NULL DEFAULT '',
    start_byte       INTEGER,
    end_byte         INTEGER,
    cue              TEXT,
    mode             TEXT NOT NULL CHECK (mode IN ('direct','indirect','reported','none')),
    stance           TEXT NOT NULL,
    checkworthiness  REAL NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'unverified',
    speaker_names    TEXT NOT NULL DEFAULT '',   -- '; '-joined, denormalised for search and export
    speaker_roles    TEXT NOT NULL DEFAULT '',   -- in the same order ('' for unknown)
    speaker_kinds    TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX claims_status ON claims(status);
CREATE INDEX claims_source ON claims(source_id);

CREATE TABLE claim_speakers (
    claim_id    INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    speaker_id  INTEGER NOT NULL REFERENCES speakers(id),
    position    INTEGER NOT NULL,
    mention     TEXT,
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_speakers_speaker ON claim_speakers(speaker_id);

-- Append-only: every status change is a row here, and only a row here changes a status.
CREATE TABLE reviews (
    id           INTEGER PRIMARY KEY,
    claim_id     INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    from_status  TEXT NOT NULL,
    to_status    TEXT NOT NULL,
    note         TEXT,
    evidence     TEXT NOT NULL DEFAULT '[]',    -- JSON array of URLs
    reviewer     TEXT NOT NULL,
    reviewed_at  TEXT NOT NULL
);
CREATE INDEX reviews_claim ON reviews(claim_id, id);

CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;
CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews
WHEN (SELECT COUNT(*) FROM claims WHERE id = OLD.claim_id) > 0
BEGIN SELECT RAISE(ABORT, 'reviews are append-only'); END;

CREATE TRIGGER reviews_set_status AFTER INSERT ON reviews
BEGIN
    UPDATE claims SET status = NEW.to_status, updated_at = NEW.reviewed_at WHERE id = NEW.claim_id;
END;

CREATE TRIGGER claims_status_only_by_review BEFORE UPDATE OF status ON claims
WHEN NEW.status IS NOT OLD.status
 AND NEW.status IS NOT (SELECT to_status FROM reviews WHERE claim_id = NEW.id ORDER BY id DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'a claim''s status changes only through a review'); END;

CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, sentence, speaker_names,
    content = 'claims', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Merge index segments less eagerly: bulk ingest writes much more often than it searches.
INSERT INTO claims_fts(claims_fts, rank) VALUES ('automerge', 16);
INSERT INTO claims_fts(claims_fts, rank) VALUES ('crisismerge', 64);

-- One row of ledger-wide switches. bulk_fts = 1 only inside a bulk write transaction, which
-- indexes its new claims in one statement before it commits (five times faster than a trigger
-- per row); outside of one, the trigger below keeps the index in step.
CREATE TABLE ledger_settings (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    bulk_fts  INTEGER NOT NULL DEFAULT 0
);
INSERT INTO ledger_settings (id, bulk_fts) VALUES (1, 0);

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN (SELECT bulk_fts FROM ledger_settings WHERE id = 1) = 0
BEGIN
    INSERT INTO claims_fts(rowid, text, sentence, speaker_names)
    VALUES (NEW.id, NEW.text, NEW.sentence, NEW.speaker_names);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, sentence, speaker_names)
    VALUES ('delete', OLD.id, OLD.text, OLD.sentence, OLD.speaker_names);
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, sentence, speaker_names ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, sentence, speaker_names)
    VALUES ('delete', OLD.id, OLD.text, OLD.sentence, OLD.speaker_names);
    INSERT INTO claims_fts(rowid, text, sentence, speaker_names)
    VALUES (NEW.id, NEW.text, NEW.sentence, NEW.speaker_names);
END;
