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
    /// Create the ledger (safe to run again).
    #[command(after_help = "Example:\n  claimledger --db newsroom.db init")]
    Init,
    /// Extract claims from articles and store them with their source.
    #[command(
        after_help = "Examples:\n  claimledger ingest article.txt\n  claimledger ingest --url https://example.org/a --publisher Example page.html\n  claimledger ingest archive/   (recursive: .txt, .html, .jsonl)"
    )]
    Ingest(IngestArgs),
    /// Show the claims of articles without storing them.
    #[command(after_help = "Example:\n  claimledger extract --format table article.txt")]
    Extract(ExtractArgs),
    /// Record a claim typed by hand.
    #[command(
        after_help = "Example:\n  claimledger add --text \"Unemployment fell to 3 percent\" --speaker \"Jane Roe\" --source-url https://example.org/x --cue said"
    )]
    Add(AddArgs),
    /// List claims, filtered and sorted.
    #[command(
        after_help = "Examples:\n  claimledger list --status unverified --min-score 0.6\n  claimledger list --speaker \"Jane Roe\" --sort date --format csv"
    )]
    List(ListArgs),
    /// Show one claim with its source, speakers and review history.
    #[command(after_help = "Example:\n  claimledger show 42")]
    Show(IdArgs),
    /// Record a review: a new status, with a note and evidence for verdicts.
    #[command(
        after_help = "Example:\n  claimledger review 42 43 --status false --note \"Figures from the 2023 census\" --evidence https://example.org/census"
    )]
    Review(ReviewArgs),
    /// Print the review trail of a claim.
    #[command(after_help = "Example:\n  claimledger history 42")]
    History(IdArgs),
    /// Full-text search over claims, sentences and speakers (diacritics ignored).
    #[command(
        after_help = "Examples:\n  claimledger search pjongjang\n  claimledger search '\"weapons deal\" OR sanctions' --limit 10"
    )]
    Search(SearchArgs),
    /// Export claims as CSV, JSON lines, JSON or ClaimReview (streamed).
    #[command(
        after_help = "Examples:\n  claimledger export --format csv -o claims.csv\n  claimledger export --status false --format claimreview"
    )]
    Export(ExportArgs),
    /// Import claims from a CSV written by 'export --format csv', or fact-checks as ClaimReview
    /// (all or nothing).
    #[command(
        after_help = "Examples:\n  claimledger --db copy.db import claims.csv\n  claimledger import --format claimreview factchecks.json"
    )]
    Import(ImportArgs),
    /// Suggested matches of a claim, with scores (found at ingest).
    #[command(after_help = "Example:\n  claimledger matches 42")]
    Matches(IdArgs),
    /// Merge a claim into another one: its appearances move, its trail says so.
    #[command(
        after_help = "Example:\n  claimledger merge 43 42\n  claimledger merge 43 42 --force   (they carry different verdicts)"
    )]
    Merge(MergeArgs),
    /// Undo a merge: the claim comes back with the appearances it was recorded with.
    #[command(after_help = "Example:\n  claimledger unmerge 43")]
    Unmerge(IdArgs),
    /// Take an appearance out of a claim into a claim of its own.
    #[command(
        after_help = "Example:\n  claimledger split 42 7   (appearance ids: claimledger show 42)"
    )]
    Split(SplitArgs),
    /// Show or set who publishes this ledger's verdicts (used by ClaimReview export).
    #[command(
        after_help = "Example:\n  claimledger settings --org-name \"Faktencheck\" --org-url https://factcheck.example --base-url https://factcheck.example"
    )]
    Settings(SettingsArgs),
    /// Has this been checked already? The closest claims in the ledger for any text.
    #[command(
        after_help = "Examples:\n  claimledger match \"Unemployment fell to 3 percent\"\n  pbpaste | claimledger match - --status false\n  claimledger match --each-line tweets.txt --format jsonl --limit 5"
    )]
    Match(MatchArgs),
    /// Count claims by status, stance, speaker, publisher and month.
    #[command(after_help = "Example:\n  claimledger stats --format csv > report.csv")]
    Stats(StatsArgs),
    /// List speakers with their aliases and claim counts.
    #[command(after_help = "Example:\n  claimledger speakers --format json")]
    Speakers(FormatArgs),
    /// List sources (articles) with their claim counts.
    #[command(after_help = "Example:\n  claimledger sources")]
    Sources(FormatArgs),
}

/// Output formats of listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
    Jsonl,
}

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Jsonl,
    Claimreview,
}

/// Sort orders of `list` and `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum SortArg {
    #[default]
    Id,
    Date,
    Score,
    Status,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Article files or directories (.txt, .html, .jsonl), or - for standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The article's URL (only with one article).
    #[arg(long)]
    pub url: Option<String>,
    #[arg(long)]
    pub publisher: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    /// Publication date, YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// Language (de or en); detected when not given.
    #[arg(long)]
    pub lang: Option<String>,
    /// Lowest check-worthiness for statements the article makes itself.
    #[arg(long, default_value_t = 0.5)]
    pub min_score: f64,
    /// Do not show a progress bar.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    #[arg(long)]
    pub text: String,
    /// A speaker (repeat for several).
    #[arg(long)]
    pub speaker: Vec<String>,
    #[arg(long)]
    pub source_url: Option<String>,
    /// The source's title.
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub cue: Option<String>,
    #[arg(long, default_value = "assert")]
    pub stance: String,
    /// direct, indirect, reported or none (default: indirect with a speaker, else none).
    #[arg(long)]
    pub mode: Option<String>,
}

/// Filters shared by `list` and `export`.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    #[arg(long)]
    pub status: Option<String>,
    /// A speaker's name or alias.
    #[arg(long)]
    pub speaker: Option<String>,
    #[arg(long)]
    pub publisher: Option<String>,
    /// A source id, URL or part of its title.
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub stance: Option<String>,
    #[arg(long)]
    pub mode: Option<String>,
    /// From this date on (YYYY-MM-DD), by publication date.
    #[arg(long)]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD), by publication date.
    #[arg(long)]
    pub until: Option<String>,
    /// Lowest check-worthiness (0-1).
    #[arg(long)]
    pub min_score: Option<f64>,
    /// Only claims with a verdict (their own, or one of a claim merged into them).
    #[arg(long, conflicts_with = "unchecked")]
    pub checked: bool,
    /// Only claims without a verdict.
    #[arg(long)]
    pub unchecked: bool,
    /// Only claims with an open suggested match (see 'claimledger matches ID').
    #[arg(long)]
    pub suggested: bool,
    #[arg(long, value_enum, default_value = "id")]
    pub sort: SortArg,
    #[arg(long)]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// table on a terminal; csv, json or jsonl for scripts.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct IdArgs {
    pub id: i64,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Claim ids.
    #[arg(required = true)]
    pub ids: Vec<i64>,
    #[arg(long)]
    pub status: String,
    #[arg(long)]
    pub note: Option<String>,
    /// A URL of evidence (repeat for several).
    #[arg(long)]
    pub evidence: Vec<String>,
    /// Who reviews (default: $CLAIMLEDGER_REVIEWER, then the login name).
    #[arg(long)]
    pub reviewer: Option<String>,
    /// Where the verdict is published (the fact-check article): ClaimReview's url.
    #[arg(long)]
    pub url: Option<String>,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// FTS5 query: words, "phrases", OR, NOT, prefix*.
    pub query: String,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    /// Keep cells that start with = + - @ as they are (spreadsheets may run them as formulas).
    #[arg(long)]
    pub raw: bool,
    /// CSV: one row per appearance (the claim's columns repeated), not one per claim.
    #[arg(long)]
    pub appearances: bool,
    /// ClaimReview: the fact-checking organisation that publishes the verdicts (default: the
    /// ledger's settings).
    #[arg(long, alias = "organisation", value_name = "NAME")]
    pub org_name: Option<String>,
    /// ClaimReview: the organisation's web site.
    #[arg(long, value_name = "URL")]
    pub org_url: Option<String>,
    /// ClaimReview: for verdicts without a published URL (review --url), publish them at
    /// BASE/claims/ID; without it they are skipped (counted on stderr).
    #[arg(long, value_name = "BASE")]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// csv (written by 'export --format csv') or claimreview (JSON-LD fact-checks).
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ImportFormat,
    /// ClaimReview: the status for rating labels the table does not know.
    #[arg(long, value_name = "STATUS")]
    pub unmapped: Option<String>,
}

/// Input formats of `import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Csv,
    Claimreview,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct FormatArgs {
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
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

/// Output formats of `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MatchFormat {
    Table,
    Json,
    /// One line per query: {"matches": [{"id", "score", "same", "text", "status", "url", …}]}.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct MatchArgs {
    /// The text to look up, - to read it from standard input, or with --each-line a file.
    #[arg(value_name = "TEXT|-|FILE")]
    pub text: Option<String>,
    /// Read the file given (or standard input for -) and look up every line on its own: one
    /// result per line, in order.
    #[arg(long)]
    pub each_line: bool,
    /// How many matches per text.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
    /// Only claims with this status.
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: MatchFormat,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The claim to merge (it is hidden afterwards).
    pub id: i64,
    /// The claim it joins.
    pub into_id: i64,
    /// Merge even when the two carry different verdicts.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SplitArgs {
    /// The claim.
    pub id: i64,
    /// The appearance to take out (see 'claimledger show ID').
    pub appearance: i64,
}

#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// The fact-checking organisation's name.
    #[arg(long, value_name = "NAME")]
    pub org_name: Option<String>,
    /// Its web site.
    #[arg(long, value_name = "URL")]
    pub org_url: Option<String>,
    /// Where verdicts without their own URL are published: BASE/claims/ID.
    #[arg(long, value_name = "BASE")]
    pub base_url: Option<String>,
}
