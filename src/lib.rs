//! claimledger: extract attributed factual claims from news articles and keep them in a
//! reviewable SQLite ledger.
//!
//! Code map: [`claim`] holds the domain types; [`extract`] turns text into claims (pure, no
//! I/O); [`store`] owns every SQL statement; [`export`] writes claims as CSV, JSON and
//! ClaimReview; `cmd` (in the binary's library part) wires them to the command line.

pub mod checkworthy;
pub mod claim;
pub mod cli;
pub mod cmd;
pub mod error;
pub mod export;
pub mod extract;
pub mod matching;
pub mod serve;
pub mod store;
