-- Speakers across articles (issue 7, error class 12). A named speaker ("Angela Merkel") is one
-- row shared by every article. A generic or anonymous one ("officials", "ein Analyst", "Kritiker")
-- names nobody in particular: it is scoped to the article it was seen in (`source_id`), so the
-- "officials" of two unrelated articles are two speakers. A name is therefore unique within its
-- scope (the shared one, or one article), no longer across the ledger.
--
-- `surname` is the last word of the name, so that "Merkel" finds "Angela Merkel" through an
-- index. SQLite changes a constraint only by rebuilding the table; migrate.rs runs this with
-- foreign keys off (as SQLite's documentation asks for a rebuild) and checks them afterwards.

CREATE TABLE speakers_scoped (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL COLLATE NOCASE,
    role       TEXT,
    kind       TEXT NOT NULL CHECK (kind IN ('person','organisation','government','media','group','anonymous')),
    source_id  INTEGER REFERENCES sources(id) ON DELETE CASCADE,
    surname    TEXT COLLATE NOCASE
               GENERATED ALWAYS AS (substr(name, length(rtrim(name, replace(name, ' ', ''))) + 1)) VIRTUAL
);

INSERT INTO speakers_scoped (id, name, role, kind, source_id)
SELECT id, name, role, kind, NULL FROM speakers;

DROP TABLE speakers;
ALTER TABLE speakers_scoped RENAME TO speakers;

CREATE UNIQUE INDEX speakers_name_scope ON speakers(name, IFNULL(source_id, 0));
CREATE INDEX speakers_surname ON speakers(surname) WHERE source_id IS NULL;
CREATE INDEX speakers_source ON speakers(source_id) WHERE source_id IS NOT NULL;

-- Anonymous and group speakers that several articles shared become one speaker per article.
-- (Which other names are generic, "Sprecher" or "officials" typed as a person, only the
-- lexicons know: those of existing ledgers stay shared.)
INSERT OR IGNORE INTO speakers (name, role, kind, source_id)
SELECT sp.name, sp.role, sp.kind, a.source_id
FROM speakers sp
JOIN appearance_speakers asp ON asp.speaker_id = sp.id
JOIN appearances a ON a.id = asp.appearance_id
WHERE sp.kind IN ('anonymous', 'group') AND sp.source_id IS NULL AND a.source_id IS NOT NULL
UNION
SELECT sp.name, sp.role, sp.kind, c.source_id
FROM speakers sp
JOIN claim_speakers cs ON cs.speaker_id = sp.id
JOIN claims c ON c.id = cs.claim_id
WHERE sp.kind IN ('anonymous', 'group') AND sp.source_id IS NULL AND c.source_id IS NOT NULL;

UPDATE appearance_speakers
SET speaker_id = (
    SELECT n.id FROM speakers n, speakers o, appearances a
    WHERE o.id = appearance_speakers.speaker_id AND a.id = appearance_speakers.appearance_id
      AND n.name = o.name AND n.source_id = a.source_id)
WHERE speaker_id IN (SELECT id FROM speakers WHERE kind IN ('anonymous', 'group') AND source_id IS NULL)
  AND (SELECT source_id FROM appearances WHERE id = appearance_id) IS NOT NULL;

UPDATE claim_speakers
SET speaker_id = (
    SELECT n.id FROM speakers n, speakers o, claims c
    WHERE o.id = claim_speakers.speaker_id AND c.id = claim_speakers.claim_id
      AND n.name = o.name AND n.source_id = c.source_id)
WHERE speaker_id IN (SELECT id FROM speakers WHERE kind IN ('anonymous', 'group') AND source_id IS NULL)
  AND (SELECT source_id FROM claims WHERE id = claim_id) IS NOT NULL;

INSERT OR IGNORE INTO speaker_aliases (alias, speaker_id)
SELECT al.alias, n.id
FROM speaker_aliases al
JOIN speakers o ON o.id = al.speaker_id
JOIN speakers n ON n.name = o.name AND n.source_id IS NOT NULL
WHERE o.source_id IS NULL AND o.kind IN ('anonymous', 'group');

-- The shared rows that no claim names any more (foreign keys are off: no cascade).
DELETE FROM speaker_aliases
WHERE speaker_id IN (
    SELECT id FROM speakers
    WHERE kind IN ('anonymous', 'group') AND source_id IS NULL
      AND id NOT IN (SELECT speaker_id FROM appearance_speakers)
      AND id NOT IN (SELECT speaker_id FROM claim_speakers));
DELETE FROM speakers
WHERE kind IN ('anonymous', 'group') AND source_id IS NULL
  AND id NOT IN (SELECT speaker_id FROM appearance_speakers)
  AND id NOT IN (SELECT speaker_id FROM claim_speakers);

-- The matching index of claims added in bulk without matching (`add`, `import`) is written in
-- one statement before their transaction commits, like the search index: `bulk_fts` = 2 there.
-- Ingest (bulk_fts = 1) keeps the row trigger, since it matches each article against those
-- stored before it in the same run.
DROP TRIGGER match_fts_insert;
CREATE TRIGGER match_fts_insert AFTER INSERT ON claims
WHEN (SELECT bulk_fts FROM ledger_settings WHERE id = 1) < 2
BEGIN
    INSERT INTO match_fts (rowid, text, title, speakers)
    VALUES (NEW.id, NEW.text,
            CASE WHEN NEW.sentence = ''
                 THEN COALESCE((SELECT title FROM sources WHERE id = NEW.source_id), '') ELSE '' END,
            NEW.speaker_names);
END;

-- Only merged claims need finding by `merged_into` (= ?, IS NOT NULL): the index leaves out
-- the NULL of every other claim, which each insert wrote for nothing.
DROP INDEX claims_merged_into;
CREATE INDEX claims_merged_into ON claims(merged_into) WHERE merged_into IS NOT NULL;
