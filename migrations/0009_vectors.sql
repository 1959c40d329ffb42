-- What each claim means, as a vector of the static word table (`claim_vector()`, a function of
-- claimledger: see src/matching/vectors.rs), for matching across languages. NULL when no word
-- of the claim is in the table. Kept by triggers, so that every way a claim is written, edited,
-- redacted or deleted keeps its vector in step. Written to run again over its own result (a
-- ledger set back to an earlier version by hand is brought up to date once more).
CREATE TABLE IF NOT EXISTS claim_vectors (
    claim_id  INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    vector    BLOB
);
INSERT OR REPLACE INTO claim_vectors (claim_id, vector) SELECT id, claim_vector(text) FROM claims;

CREATE TRIGGER IF NOT EXISTS claim_vectors_insert AFTER INSERT ON claims BEGIN
    INSERT OR REPLACE INTO claim_vectors (claim_id, vector) VALUES (NEW.id, claim_vector(NEW.text));
END;
CREATE TRIGGER IF NOT EXISTS claim_vectors_update AFTER UPDATE OF text ON claims BEGIN
    INSERT OR REPLACE INTO claim_vectors (claim_id, vector) VALUES (NEW.id, claim_vector(NEW.text));
END;
CREATE TRIGGER IF NOT EXISTS claim_vectors_delete AFTER DELETE ON claims BEGIN
    DELETE FROM claim_vectors WHERE claim_id = OLD.id;
END;
