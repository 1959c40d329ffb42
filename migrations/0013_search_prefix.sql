-- Prefix searches (`perc*`) from an index of their own. Without one, FTS5 answers a prefix by
-- merging the list of every word it begins into one, on every look-up: a common prefix read
-- a million entries each time a hit was looked up again (to mark its words), and one search
-- took seconds. With `prefix`, FTS5 also indexes each word under its first 4, 5 and 6
-- letters, so such a prefix is one list read like a word's. Longer prefixes begin fewer words
-- and are still merged. The index is rebuilt here with the same columns, content and
-- triggers as before.
DROP TRIGGER claims_fts_insert;
DROP TRIGGER claims_fts_delete;
DROP TRIGGER claims_fts_update;
DROP TABLE claims_fts;

CREATE VIRTUAL TABLE claims_fts USING fts5(
    text, sentence, speaker_names, stems,
    content = 'claims_search', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '4 5 6'
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
