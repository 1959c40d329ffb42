-- The review desk (issue 11): the reviewers who log in to `claimledger serve`, and the review
-- forms already posted, so that a form sent twice (a double click) records one review.

CREATE TABLE desk_users (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password_hash  TEXT NOT NULL,          -- argon2id, PHC string (salt and parameters inside)
    created_at     TEXT NOT NULL
);

-- One row per review form posted: its one-time token, written in the review's transaction.
CREATE TABLE desk_forms (
    token      TEXT PRIMARY KEY,
    claim_id   INTEGER NOT NULL,
    review_id  INTEGER,
    posted_at  TEXT NOT NULL
);

-- The desk's queue is ranked by check-worthiness: walk an index instead of sorting the ledger.
CREATE INDEX claims_checkworthiness ON claims(checkworthiness DESC, id);
