//! Typed errors of the library modules. The command layer adds context with `anyhow` and turns
//! them into one line on stderr and an exit code.

use thiserror::Error;

/// Why an input file is not an article the extractor can read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum InputError {
    #[error("the input is empty: give a file with article text")]
    Empty,
    #[error("the input looks binary, not text: give a .txt, .html or .jsonl article file")]
    Binary,
    #[error(
        "the input is not UTF-8 and looks like {0}, which claimledger does not read: convert it to UTF-8 first"
    )]
    UnknownEncoding(String),
    #[error("the HTML page has no article text: save the article as plain text and try again")]
    NoArticleText,
}

/// Errors of the ledger store.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{path} is not a claimledger database (not SQLite): give another --db path")]
    NotADatabase { path: String },
    #[error(
        "the ledger {path} was written by a newer claimledger (schema {found}, this one knows {known}): upgrade claimledger"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("the ledger {path} is locked by another process: try again when it has finished")]
    Locked { path: String },
    #[error("the ledger {path} is read-only: check its permissions or use another --db")]
    ReadOnly { path: String },
    #[error("no claim with id {0}: see 'claimledger list' for ids")]
    UnknownClaim(i64),
    #[error("a verdict ({0}) needs a note saying why: add --note TEXT")]
    VerdictNeedsNote(String),
    #[error(
        "the search query {query:?} is not valid: {reason}; quote words with special characters"
    )]
    BadQuery { query: String, reason: String },
    #[error("claim {0} is already in the ledger: import into an empty ledger or drop that row")]
    DuplicateId(i64),
    #[error(
        "appearance {0} is already in the ledger: import into an empty ledger or drop that row"
    )]
    DuplicateAppearance(i64),
    /// A merge, split or undo that cannot be done; the message says why and what to do.
    #[error("{0}")]
    Curate(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("schema migration failed: {0}")]
    Migration(String),
}
