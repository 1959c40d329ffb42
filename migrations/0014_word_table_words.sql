-- The word table now holds whole words beside the teacher's pieces (see docs/word-table.md):
-- a vector stored with the earlier table lies in another space than one `claim_vector()` gives
-- now, so every claim is embedded again and filed again in the index's lists (an update of
-- `claim_vectors` fires none of the triggers of 0012).
DELETE FROM claim_vector_lists;
UPDATE claim_vectors
SET vector = (SELECT claim_vector(c.text) FROM claims c WHERE c.id = claim_vectors.claim_id);
INSERT INTO claim_vector_lists (list, claim_id, code)
SELECT vector_list(vector), claim_id, vector_code(vector) FROM claim_vectors
WHERE vector IS NOT NULL ORDER BY 1, 2;
