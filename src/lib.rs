//! claimledger: extract attributed factual claims from news articles and keep them in a
//! reviewable SQLite ledger.
//!
//! This package is the command line: [`cli`] declares it, `cmd` runs each subcommand, and it is
//! the only place with CLI wording (which flag to type). The work is done by the crates under
//! `crates/`, re-exported here by their old module names: [`claim`] (domain types), [`extract`],
//! [`checkworthy`], [`matching`], [`store`], [`export`] (the formats) and [`serve`] (the desk).
//! See ARCHITECTURE.md for the crate graph and its invariants.

pub use claimledger_checkworthy as checkworthy;
pub use claimledger_core::claim;
pub use claimledger_desk as serve;
pub use claimledger_extract as extract;
pub use claimledger_formats as export;
pub use claimledger_lang as lang;
pub use claimledger_matching as matching;
pub use claimledger_store as store;

pub mod cli;
pub mod cmd;
pub mod error;
