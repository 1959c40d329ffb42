-- Check-worthiness models trained on a ledger's own triage (issue 10): the newest row scores
-- this ledger's claims (`list --sort score`, ingest); the older rows stay as the record of what
-- scored them before. `info` is the model's JSON description (data, figures); `model` the file.

CREATE TABLE checkworthiness_models (
    id          INTEGER PRIMARY KEY,
    trained_at  TEXT NOT NULL,
    labelled    INTEGER NOT NULL,
    positives   INTEGER NOT NULL,
    info        TEXT NOT NULL,
    model       BLOB NOT NULL
);
