//! Typed errors of reading an article (the store's are `store::StoreError`). The command layer
//! adds context with `anyhow` and turns them into one line on stderr and an exit code.

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

/// The store's errors, also named here for the modules that name them by this path.
pub use crate::store::StoreError;
