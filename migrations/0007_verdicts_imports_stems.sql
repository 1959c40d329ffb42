-- A merge never hides a verdict. A claim whose own status is no verdict (unverified, in review,
-- dismissed) shows the latest verdict of the claims merged into it: `lent_status` and
-- `lent_review` hold that verdict and its review, NULL otherwise (the claim shows its own).
-- Nothing is copied: unmerging or reviewing recomputes them from the claims and their reviews,
-- and every reader takes the shown status as COALESCE(lent_status, status).
ALTER TABLE claims ADD COLUMN lent_status TEXT;
ALTER TABLE claims ADD COLUMN lent_review INTEGER;

-- The rule, once: for each claim without a verdict of its own, the newest verdict of a claim
-- merged into it (the last review of a claim is the one that gave it its status).
CREATE VIEW lent_verdicts AS
SELECT c.id AS claim_id, MAX(r.id) AS review_id, r.to_status AS status
FROM claims c
JOIN claims m ON m.merged_into = c.id
JOIN reviews r ON r.id = (SELECT MAX(id) FROM reviews WHERE claim_id = m.id)
WHERE c.status IN ('unverified', 'in-review', 'dismissed')
  AND m.status NOT IN ('unverified', 'in-review', 'dismissed')
GROUP BY c.id;

UPDATE claims SET lent_status = (SELECT status FROM lent_verdicts v WHERE v.claim_id = claims.id),
                  lent_review = (SELECT review_id FROM lent_verdicts v WHERE v.claim_id = claims.id)
WHERE id IN (SELECT merged_into FROM claims WHERE merged_into IS NOT NULL);

-- Listing by status walks this index instead of the table.
DROP INDEX claims_status;
CREATE INDEX claims_shown_status ON claims(COALESCE(lent_status, status));

-- A review changes the status of its claim, and what that claim lends to the one it was merged
-- into. (One trigger, so the status is written before the lent verdicts are read.)
DROP TRIGGER reviews_set_status;
CREATE TRIGGER reviews_set_status AFTER INSERT ON reviews
BEGIN
    UPDATE claims SET status = NEW.to_status, updated_at = NEW.reviewed_at WHERE id = NEW.claim_id;
    UPDATE claims SET lent_status = (SELECT status FROM lent_verdicts v WHERE v.claim_id = claims.id),
                      lent_review = (SELECT review_id FROM lent_verdicts v WHERE v.claim_id = claims.id)
    WHERE id = NEW.claim_id OR id = (SELECT merged_into FROM claims WHERE id = NEW.claim_id);
END;

-- A merge, an undone merge and a deleted merged claim change what the claims involved show.
CREATE TRIGGER claims_lend_on_merge AFTER UPDATE OF merged_into ON claims
BEGIN
    UPDATE claims SET lent_status = (SELECT status FROM lent_verdicts v WHERE v.claim_id = claims.id),
                      lent_review = (SELECT review_id FROM lent_verdicts v WHERE v.claim_id = claims.id)
    WHERE id IN (OLD.merged_into, NEW.merged_into, NEW.id);
END;
CREATE TRIGGER claims_lend_on_delete AFTER DELETE ON claims WHEN OLD.merged_into IS NOT NULL
BEGIN
    UPDATE claims SET lent_status = (SELECT status FROM lent_verdicts v WHERE v.claim_id = claims.id),
                      lent_review = (SELECT review_id FROM lent_verdicts v WHERE v.claim_id = claims.id)
    WHERE id = OLD.merged_into;
END;

-- Claims imported under a new id (into a ledger that had claims of its own), by a hash of
-- what identifies them in the file (text, speakers, when recorded): importing the same file
-- again finds them instead of adding them twice. Claims that kept their ids are found by id.
CREATE TABLE import_keys (
    key       TEXT PRIMARY KEY,
    claim_id  INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX import_keys_claim ON import_keys(claim_id);

-- Search by stems: the search index gets a fourth column, `stems`, with each claim's words
-- stemmed in the claim's language (`search_stems()`, a function of claimledger: inflection
-- tables, then Snowball). Its content comes from this view, so FTS5 can read it back (to
-- highlight, to check, to rebuild). Every ledger's index is rebuilt here.
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
DROP TRIGGER claims_fts_update;
DROP TABLE claims_fts;

CREATE VIEW claims_search AS
SELECT id, text, sentence, speaker_names, search_stems(text || ' ' || sentence) AS stems
FROM claims;

CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, sentence, speaker_names, stems,
    content = 'claims_search', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO claims_fts(claims_fts, rank) VALUES ('automerge', 16);
INSERT INTO claims_fts(claims_fts, rank) VALUES ('crisismerge', 64);
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');

CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
WHEN (SELECT bulk_fts FROM ledger_settings WHERE id = 1) = 0
BEGIN
    INSERT INTO claims_fts(rowid, text, sentence, speaker_names, stems)
    VALUES (NEW.id, NEW.text, NEW.sentence, NEW.speaker_names,
            search_stems(NEW.text || ' ' || NEW.sentence));
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, sentence, speaker_names, stems)
    VALUES ('delete', OLD.id, OLD.text, OLD.sentence, OLD.speaker_names,
            search_stems(OLD.text || ' ' || OLD.sentence));
END;
CREATE TRIGGER claims_fts_update AFTER UPDATE OF text, sentence, speaker_names ON claims BEGIN
    INSERT INTO claims_fts(claims_fts, rowid, text, sentence, speaker_names, stems)
    VALUES ('delete', OLD.id, OLD.text, OLD.sentence, OLD.speaker_names,
            search_stems(OLD.text || ' ' || OLD.sentence));
    INSERT INTO claims_fts(rowid, text, sentence, speaker_names, stems)
    VALUES (NEW.id, NEW.text, NEW.sentence, NEW.speaker_names,
            search_stems(NEW.text || ' ' || NEW.sentence));
END;
