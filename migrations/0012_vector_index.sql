-- The index of the claim vectors (see src/matching/vectors.rs): each claim with a vector is filed
-- in the list of its nearest fixed centroid (`vector_list()`), with the signs of its vector as a
-- short code (`vector_code()`), so that a look-up reads a few lists instead of every vector.
-- Clustered by list: a list's codes lie together. Kept by triggers on `claim_vectors`, whose
-- rows the triggers of 0009 keep; the update trigger of 0009 replaced a row in place, which
-- fires no delete trigger, so it deletes and inserts here.
CREATE TABLE IF NOT EXISTS claim_vector_lists (
    list      INTEGER NOT NULL,
    claim_id  INTEGER NOT NULL,
    code      BLOB NOT NULL,
    PRIMARY KEY (list, claim_id)
) WITHOUT ROWID;
INSERT OR REPLACE INTO claim_vector_lists (list, claim_id, code)
SELECT vector_list(vector), claim_id, vector_code(vector) FROM claim_vectors
WHERE vector IS NOT NULL ORDER BY 1, 2;

CREATE TRIGGER IF NOT EXISTS claim_vector_lists_insert AFTER INSERT ON claim_vectors
WHEN NEW.vector IS NOT NULL BEGIN
    INSERT OR REPLACE INTO claim_vector_lists (list, claim_id, code)
    VALUES (vector_list(NEW.vector), NEW.claim_id, vector_code(NEW.vector));
END;
CREATE TRIGGER IF NOT EXISTS claim_vector_lists_delete AFTER DELETE ON claim_vectors
WHEN OLD.vector IS NOT NULL BEGIN
    DELETE FROM claim_vector_lists WHERE list = vector_list(OLD.vector) AND claim_id = OLD.claim_id;
END;

DROP TRIGGER IF EXISTS claim_vectors_update;
CREATE TRIGGER claim_vectors_update AFTER UPDATE OF text ON claims BEGIN
    DELETE FROM claim_vectors WHERE claim_id = OLD.id;
    INSERT INTO claim_vectors (claim_id, vector) VALUES (NEW.id, claim_vector(NEW.text));
END;
