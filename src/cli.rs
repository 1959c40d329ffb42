//! The command line: clap derive types. Doc comments are the help text.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Extract attributed factual claims from news articles and keep them in a reviewable ledger.
#[derive(Debug, Parser)]
#[command(name = "claimledger", version, about, propagate_version = true)]
pub struct Cli {
    /// The ledger file (default: $CLAIMLEDGER_DB, else claimledger.db in the data directory).
    #[arg(long, global = true, env = "CLAIMLEDGER_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the claims of articles without storing them.
    #[command(after_help = "Example:\n  claimledger extract --format table article.txt")]
    Extract(ExtractArgs),
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Jsonl,
    Table,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files (.txt, .html), or - for standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ExtractFormat,
    /// Language of the articles (de or en); detected when not given.
    #[arg(long)]
    pub lang: Option<String>,
    /// Treat every line of the input as an article of its own (one JSON line each).
    #[arg(long)]
    pub each_line: bool,
    /// Lowest check-worthiness for statements the article makes itself.
    #[arg(long, default_value_t = 0.5)]
    pub min_score: f64,
}
