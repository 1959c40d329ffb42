//! The integration tests: one binary, one module per area. They run the built `claimledger`
//! binary (`assert_cmd`) or the library, and read `../shared` where it is beside the checkout
//! (saying "skipped" where it is not; under CI a skip fails).

mod common;

mod browser;
mod checkworthiness;
mod claimreview;
mod claims;
mod cli;
mod concurrency;
mod contrast;
mod crosslingual;
mod desk;
mod formats;
mod ingest;
mod matching;
mod merge_audit;
mod models;
mod own_articles;
mod quality;
mod report;
mod robustness;
mod serve;
mod snapshots;
mod speakers;
mod stance_table;
mod stsb;
mod webdesk;
mod webdesk_dashboard;
