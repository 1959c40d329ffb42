//! The languages claimledger reads: [`Lang`], the per-language [`Lexicon`] parsed from the data
//! files in `lexicon/`, the tokenizer, language detection, and for matching the normaliser
//! ([`normalise`]) and the matching lexicons (`match_lexicon/`).
//!
//! Architecture invariant: depends only on `claimledger-core`; no I/O (the lexicons are compiled
//! into the binary).

mod detect;
pub mod lexicon;
pub mod match_lexicon;
pub mod normalise;
pub mod text;

use claimledger_core::claim;
pub use detect::detect_language;
pub use lexicon::{Lang, Lexicon};
