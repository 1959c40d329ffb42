//! The languages claimledger reads: [`Lang`], the per-language [`Lexicon`] parsed from the data
//! files in `lexicon/`, the tokenizer, and language detection.
//!
//! Architecture invariant: depends only on `claimledger-core`; no I/O (the lexicons are compiled
//! into the binary).

mod detect;
pub mod lexicon;
pub mod text;

use claimledger_core::claim;
pub use detect::detect_language;
pub use lexicon::{Lang, Lexicon};
