-- The desk's logged-in sessions, so that restarting the server logs nobody out. A session is
-- found by the SHA-256 of its cookie's token: the token itself is never stored, so a copy of
-- the ledger opens no session. Times are Unix seconds; `used_at` is refreshed at most once a
-- minute, not on every page view.
CREATE TABLE desk_sessions (
    token_hash  TEXT PRIMARY KEY,
    user_name   TEXT NOT NULL COLLATE NOCASE,
    csrf        TEXT NOT NULL,
    started_at  INTEGER NOT NULL,
    used_at     INTEGER NOT NULL
);
CREATE INDEX desk_sessions_user ON desk_sessions(user_name);
