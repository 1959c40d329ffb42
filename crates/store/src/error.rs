//! Errors of the ledger store: what is wrong, in words for any reader (the command line and
//! the desk each add what to do about it).

use thiserror::Error;

/// Errors of the ledger store.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("{path} is not a claimledger database (not SQLite)")]
    NotADatabase { path: String },
    #[error("{path} is a directory, not a ledger file")]
    Directory { path: String },
    #[error("there is no ledger at {path}")]
    Missing { path: String },
    #[error("{path} is not a claimledger ledger ({why})")]
    NotALedger { path: String, why: String },
    #[error(
        "the ledger {path} has schema {found} and needs an upgrade, but it is read-only: open it once with write permission"
    )]
    NeedsUpgrade { path: String, found: i64 },
    #[error(
        "the ledger {path} was written by a newer claimledger (schema {found}, this one knows {known}): upgrade claimledger"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error(
        "the ledger {path} has migration {name}, which this claimledger does not know (a newer or another build wrote it)"
    )]
    UnknownMigration { path: String, name: String },
    #[error(
        "the ledger {path} lacks migration {name} but has later ones (a build that orders its migrations differently wrote it)"
    )]
    MigrationsDiffer { path: String, name: String },
    #[error("the ledger {path} is locked by another process: try again when it has finished")]
    Locked { path: String },
    #[error("the ledger {path} is read-only")]
    ReadOnly { path: String },
    #[error("no claim with id {0}")]
    UnknownClaim(i64),
    #[error("no speaker called '{0}'")]
    UnknownSpeaker(String),
    #[error(
        "{count} speakers are called '{name}' (each article's own, ids {ids}): name one by its id"
    )]
    AmbiguousSpeaker {
        name: String,
        count: usize,
        ids: String,
    },
    #[error("there is already a speaker called '{0}'")]
    SpeakerExists(String),
    #[error("'{0}' is the same speaker twice: name two different speakers")]
    SameSpeaker(String),
    #[error("claim {claim} has no appearance {appearance}")]
    UnknownAppearance { claim: i64, appearance: i64 },
    #[error("no source with id {0}")]
    UnknownSource(i64),
    /// A review that breaks a review rule.
    #[error(transparent)]
    Review(#[from] crate::claim::ReviewError),
    #[error(
        "the search query {query:?} is not valid: {reason}; quote words with special characters"
    )]
    BadQuery { query: String, reason: String },
    #[error("claim {0} is already in the ledger")]
    DuplicateId(i64),
    #[error("appearance {0} is already in the ledger")]
    DuplicateAppearance(i64),
    #[error("claim {from} is rated {from_status} and claim {into} {into_status}")]
    VerdictsDiffer {
        from: i64,
        from_status: String,
        into: i64,
        into_status: String,
    },
    #[error("claim {id} has claim(s) {merged} merged into it: unmerge them first")]
    HasMerged { id: i64, merged: String },
    /// A merge, split or undo that cannot be done; the message says why.
    #[error("{0}")]
    Curate(String),
    #[error("there is already a reviewer called '{0}'")]
    ReviewerExists(String),
    #[error("no reviewer called '{0}'")]
    UnknownReviewer(String),
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error("schema migration failed: {0}")]
    Migration(String),
}
