//! The command line: clap derive types. Doc comments are the help text.

use crate::checkworthy::train::Settings;
use crate::store::SortOrder;
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
        after_help = "Examples:\n  claimledger list --status unverified --min-score 0.6\n  claimledger list --speaker \"Jane Roe\" --sort date --format csv\n\nDismissed claims are left out unless --all or --status dismissed is given."
    )]
    List(ListArgs),
    /// Show one claim with its source, speakers and review history.
    #[command(after_help = "Example:\n  claimledger show 42")]
    Show(IdArgs),
    /// Record a review: a new status, with a note and evidence for verdicts.
    #[command(
        after_help = "Examples:\n  claimledger review 42 43 --status false --note \"Figures from the 2023 census\" --evidence https://example.org/census\n  claimledger review 44 --status dismissed --note \"opinion, not checkable\"\n\nVerdicts and dismissals need --note; so does taking one back."
    )]
    Review(ReviewArgs),
    /// Print the review trail of a claim.
    #[command(after_help = "Example:\n  claimledger history 42")]
    History(IdArgs),
    /// Full-text search over claims, sentences and speakers (diacritics ignored).
    #[command(
        after_help = "Examples:\n  claimledger search CDU-Chef\n  claimledger search '\"weapons deal\" OR sanctions' --status false --limit 10\n\nPlain words find their inflections and German spellings (Gruene finds Grüne, Steuer finds\nSteuern). --since and --until filter on the article's publication date."
    )]
    Search(SearchArgs),
    /// Export claims as CSV, JSON lines, JSON or ClaimReview (streamed).
    #[command(
        after_help = "Examples:\n  claimledger export --format csv -o claims.csv\n  claimledger export --status false --format claimreview"
    )]
    Export(ExportArgs),
    /// Import claims from a CSV or JSON-lines export, or fact-checks as ClaimReview (all or
    /// nothing).
    #[command(
        after_help = "Examples:\n  claimledger --db copy.db import claims.csv\n  claimledger --db merged.db import --keep-ids desk-b.jsonl\n  claimledger import --format claimreview factchecks.json\n\nInto an empty ledger the ids stay; into one with claims they are numbered after its own.\nThe separator (',' or ';') and a byte-order mark are detected."
    )]
    Import(ImportArgs),
    /// Suggested matches of a claim, with scores (found at ingest); or, with --audit, the
    /// automatic merges of older builds that the current rule would not make.
    #[command(
        after_help = "Examples:\n  claimledger matches 42\n  claimledger matches 42 --not-same 57   (a suggestion that is another claim)\n  claimledger matches --audit\n  claimledger matches --audit --split   (split each of them back; in the trail)"
    )]
    Matches(MatchesArgs),
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
    /// List speakers with their aliases and claim counts, or correct one.
    #[command(
        after_help = "Examples:\n  claimledger speakers --format json\n  claimledger speakers rename \"J. Brell\" \"Jonas Brell\" --reason \"full name\"\n  claimledger speakers merge Brell \"Jonas Brell\"\n  claimledger speakers set Merkel --kind person --role Chancellor",
        args_conflicts_with_subcommands = true
    )]
    Speakers(SpeakersArgs),
    /// List sources (articles) with their claim counts, or correct one.
    #[command(
        after_help = "Examples:\n  claimledger sources\n  claimledger sources edit 3 --url https://example.org/a --date 2024-05-01",
        args_conflicts_with_subcommands = true
    )]
    Sources(SourcesArgs),
    /// Correct a claim: its text, speakers, cue, mode or stance (kept in its history).
    #[command(
        after_help = "Example:\n  claimledger edit 42 --text \"Unemployment fell to 3.1 percent\" --speaker \"Jane Roe\" --reason \"typo\""
    )]
    Edit(EditArgs),
    /// Delete a claim that should not be in the ledger (its history keeps what it was).
    #[command(after_help = "Example:\n  claimledger delete 42 --reason \"duplicate of 41\"")]
    Delete(DeleteArgs),
    /// Train the check-worthiness model: from the shared data sets (the model the binary
    /// embeds), or with --from-ledger from this ledger's own triage (stored in the ledger).
    #[command(
        after_help = "Examples:\n  claimledger train-checkworthiness --data ../shared/eval/checkworthy -o src/checkworthy/model.bin\n  claimledger --db newsroom.db train-checkworthiness --from-ledger\n\nWith --from-ledger, claims in review or with a verdict count as worth checking and dismissed\nclaims as not; at least 50 are needed, 20 of each. The ledger's claims are rescored with the\nnew model; the one used before is kept:\n  claimledger train-checkworthiness --list-models\n  claimledger train-checkworthiness --use-model 1      (or --use-model builtin)"
    )]
    TrainCheckworthiness(TrainArgs),
    /// Start the review desk: a web app on the ledger for a fact-checking team.
    #[command(
        after_help = "Examples:\n  claimledger --db demo.db serve --open          (this machine only, no login)\n  claimledger users add kim; claimledger serve --bind 0.0.0.0:8080\n\nA non-loopback --bind needs at least one reviewer (claimledger users add NAME)."
    )]
    Serve(ServeArgs),
    /// Add, list or remove the reviewers who log in to the desk.
    #[command(
        after_help = "Examples:\n  claimledger users add kim      (prints a generated password once)\n  claimledger users list\n  claimledger users remove kim"
    )]
    Users(UsersArgs),
    /// Copy the ledger to FILE safely, also while others read and write it (SQLite's online
    /// backup: one consistent snapshot).
    #[command(
        after_help = "Examples:\n  claimledger backup ~/backups/ledger-2024-05-01.db\n  claimledger --db newsroom.db backup nightly.db --force\n\nRestore by copying FILE back (or give it as --db)."
    )]
    Backup(BackupArgs),
    /// Remove a private person's name and personal details from the whole ledger on request:
    /// claims, appearances, sources (headline, authors, text), speakers and the trails, with
    /// the search and matching indexes. The history of each changed claim, source and speaker
    /// records that a redaction happened (who, when, why), not what was removed.
    #[command(
        after_help = "Examples:\n  claimledger redact --speaker \"Jane Roe\" --reason \"erasure request of 2024-05-02\"\n  claimledger redact --text \"12 Mill Lane\" --reason \"home address\"\n\n--speaker redacts the speaker's name, aliases, role and the mentions that use the name;\na surname written alone elsewhere needs its own --text. Source URLs are kept: correct\none with 'claimledger sources edit ID --url …'. Take a backup first: a redaction cannot\nbe undone."
    )]
    Redact(RedactArgs),
    /// A report of the ledger for editors: one self-contained HTML page, or CSV.
    #[command(
        after_help = "Examples:\n  claimledger report --format html -o report.html --since 2024-01-01\n  claimledger report --format csv --publisher Example   (the same as stats --format csv)"
    )]
    Report(ReportArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen (IP:PORT; port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub bind: String,
    /// No login: every visitor reviews as --reviewer (loopback addresses only).
    #[arg(long)]
    pub open: bool,
    /// With --open: the name reviews are recorded under (default: $CLAIMLEDGER_REVIEWER, then
    /// the login name).
    #[arg(long)]
    pub reviewer: Option<String>,
    /// The address people open the desk at, behind a reverse proxy (e.g.
    /// https://desk.example.org/): its host name is served besides IP addresses and
    /// localhost, and with https the session cookie is marked Secure.
    #[arg(long)]
    pub public_url: Option<String>,
    /// The reverse proxy's IP address: requests from it name their client in
    /// X-Forwarded-For (for the login back-off per address).
    #[arg(long)]
    pub trusted_proxy: Option<String>,
    /// Listen on a non-loopback address over plain HTTP (passwords and session cookies cross
    /// the network unencrypted); without it, such an address needs an https --public-url.
    #[arg(long)]
    pub insecure_http: bool,
}

#[derive(Debug, Args)]
pub struct UsersArgs {
    #[command(subcommand)]
    pub action: UsersAction,
}

#[derive(Debug, Subcommand)]
pub enum UsersAction {
    /// Add a reviewer; prints their generated password once.
    Add { name: String },
    /// List the reviewers.
    List {
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Remove a reviewer (their reviews stay).
    Remove { name: String },
}

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Html,
    Csv,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(long, value_enum, default_value = "html")]
    pub format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(short = 'o', long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub only: WhereArgs,
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
    /// Language (de, en or fr); detected when not given.
    #[arg(long)]
    pub lang: Option<String>,
    /// Lowest check-worthiness for statements the article makes itself (0-1).
    #[arg(long, default_value_t = 0.5)]
    pub min_score: f64,
    /// Do not show a progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Store nothing if any input cannot be read or extracted (default: skip it, store the
    /// rest, exit 1).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The claim's words (may start with a minus: "-5 percent").
    #[arg(long, allow_hyphen_values = true)]
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
    /// The claim's language, de, en or fr (default: detected from its words).
    #[arg(long)]
    pub language: Option<String>,
}

/// Which claims: the filters shared by `list`, `export`, `search` and `stats`.
#[derive(Debug, Args, Default, Clone)]
pub struct WhereArgs {
    #[arg(long)]
    pub status: Option<String>,
    /// A speaker's name or alias.
    #[arg(long)]
    pub speaker: Option<String>,
    /// The publisher of any article the claim appeared in.
    #[arg(long)]
    pub publisher: Option<String>,
    /// The article's language (de, en or fr).
    #[arg(long)]
    pub language: Option<String>,
    /// A source id, URL or part of its title (any article the claim appeared in).
    #[arg(long)]
    pub source: Option<String>,
    #[arg(long)]
    pub stance: Option<String>,
    #[arg(long)]
    pub mode: Option<String>,
    /// From this date on (YYYY-MM-DD): the publication date of any article the claim appeared
    /// in.
    #[arg(long)]
    pub since: Option<String>,
    /// Up to this date (YYYY-MM-DD): the publication date of any article the claim appeared in.
    #[arg(long)]
    pub until: Option<String>,
    /// With --since/--until, also include claims whose article has no publication date.
    #[arg(long)]
    pub undated: bool,
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
}

/// Filters, order and limit shared by `list` and `export`.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    #[command(flatten)]
    pub only: WhereArgs,
    /// id, oldest (or date), newest, score or status: the desk's sort words.
    #[arg(long, default_value = "id", value_parser = SortOrder::from_word)]
    pub sort: SortOrder,
    #[arg(long)]
    pub limit: Option<u64>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Also list dismissed claims (hidden by default; --status dismissed lists only them).
    #[arg(long)]
    pub all: bool,
    /// Only claims with a verdict that were seen again after it (a later article repeats or
    /// nearly repeats them).
    #[arg(long)]
    pub recurring: bool,
    /// table on a terminal; csv, json or jsonl for scripts.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Args)]
pub struct MatchesArgs {
    /// The claim whose suggested matches to show (not with --audit).
    #[arg(required_unless_present = "audit", conflicts_with = "audit")]
    pub id: Option<i64>,
    /// List the automatic merges of older builds that `same` would not make now, with why.
    #[arg(long)]
    pub audit: bool,
    /// With --audit: split each of them back into a claim of its own (undo: merge).
    #[arg(long, requires = "audit")]
    pub split: bool,
    /// Record that the suggested match OTHER is not the same claim: the suggestion is
    /// dismissed, and both trails say so.
    #[arg(long, value_name = "OTHER", requires = "id", conflicts_with = "audit")]
    pub not_same: Option<i64>,
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
    /// Words to find (all of them); "a phrase", OR, AND, NOT, prefix* and (groups) work too.
    pub query: String,
    /// Take the query as raw FTS5 syntax (column filters, NEAR, ^).
    #[arg(long)]
    pub fts: bool,
    #[command(flatten)]
    pub only: WhereArgs,
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
    /// CSV for German Excel: a UTF-8 byte-order mark, ';' between fields, decimal commas.
    #[arg(long)]
    pub excel: bool,
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
    /// A CSV or JSON-lines file written by 'export'.
    pub file: PathBuf,
    /// Keep the claims' ids (and fail if one is taken); the default when the ledger is empty.
    #[arg(long)]
    pub keep_ids: bool,
    /// csv (written by 'export --format csv' or 'jsonl'; told apart by their content) or
    /// claimreview (JSON-LD fact-checks).
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
    #[command(flatten)]
    pub only: WhereArgs,
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
    /// table (the default), json (one object; an array of them for several files) or jsonl
    /// (one line per article; --each-line prints only this).
    #[arg(long, value_enum)]
    pub format: Option<ExtractFormat>,
    /// Language of the articles (de, en or fr); detected when not given.
    #[arg(long)]
    pub lang: Option<String>,
    /// Treat every line of the input as an article of its own (one JSON line each).
    #[arg(long)]
    pub each_line: bool,
    /// Lowest check-worthiness for statements the article makes itself (0-1).
    #[arg(long, default_value_t = 0.5)]
    pub min_score: f64,
}

/// Who corrects and why.
#[derive(Debug, Args, Clone, Default)]
pub struct CorrectionArgs {
    /// Why (kept in the history).
    #[arg(long)]
    pub reason: Option<String>,
    /// Who corrects (default: $CLAIMLEDGER_REVIEWER, then the login name).
    #[arg(long)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    pub id: i64,
    /// The claim's corrected words (the claim's own; its appearances keep theirs).
    #[arg(long, allow_hyphen_values = true)]
    pub text: Option<String>,
    /// The claim's speakers (repeat for several; replaces all of them).
    #[arg(long)]
    pub speaker: Vec<String>,
    #[arg(long)]
    pub cue: Option<String>,
    /// direct, indirect, reported or none.
    #[arg(long)]
    pub mode: Option<String>,
    #[arg(long)]
    pub stance: Option<String>,
    /// Correct speakers, cue, mode and stance of this appearance only (see 'claimledger show
    /// ID'); without it they change on every appearance of the claim.
    #[arg(long, value_name = "APPEARANCE")]
    pub appearance: Option<i64>,
    #[command(flatten)]
    pub why: CorrectionArgs,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    pub id: i64,
    /// Why the claim goes (required; kept in the history).
    #[arg(long, required = true)]
    pub reason: String,
    /// Who deletes (default: $CLAIMLEDGER_REVIEWER, then the login name).
    #[arg(long)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    #[command(subcommand)]
    pub action: Option<SpeakersAction>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Subcommand)]
pub enum SpeakersAction {
    /// Give a speaker another name (the old one stays an alias).
    Rename {
        /// The speaker's name or id.
        speaker: String,
        new_name: String,
        #[command(flatten)]
        why: CorrectionArgs,
    },
    /// Join two speakers into one: FROM's claims and aliases go to INTO.
    Merge {
        from: String,
        into: String,
        #[command(flatten)]
        why: CorrectionArgs,
    },
    /// Set a speaker's kind or role (on every claim that names them).
    Set {
        speaker: String,
        /// person, organisation, government, media, group or anonymous.
        #[arg(long)]
        kind: Option<String>,
        /// The role ("" clears it).
        #[arg(long)]
        role: Option<String>,
        #[command(flatten)]
        why: CorrectionArgs,
    },
}

#[derive(Debug, Args)]
pub struct SourcesArgs {
    #[command(subcommand)]
    pub action: Option<SourcesAction>,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(Debug, Subcommand)]
pub enum SourcesAction {
    /// Correct a source's URL, title, publisher or publication date ("" clears one).
    Edit {
        id: i64,
        #[arg(long)]
        url: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        publisher: Option<String>,
        /// Publication date, YYYY-MM-DD.
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        why: CorrectionArgs,
    },
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
    /// Only claims in this language (de, en, fr): their sources', or else the one their text
    /// is written in. Without it, claims in every language are found, those in another
    /// language by meaning, as related at most.
    #[arg(long, value_name = "L")]
    pub language: Option<String>,
    /// Accepted for scripts written before claims in every language were matched by default;
    /// does nothing.
    #[arg(long, hide = true)]
    pub across_languages: bool,
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

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Folder with ct24-en-train.tsv, ct24-en-dev.tsv and germeval21-de-train.csv
    /// (default: ../shared/eval/checkworthy).
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Where to write the model file.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Train on the ledger's triage and store the model in the ledger.
    #[arg(long, conflicts_with_all = ["data", "output"])]
    pub from_ledger: bool,
    /// Score the ledger with one of its earlier models again (an id from --list-models), or
    /// with the built-in model (builtin).
    #[arg(long, value_name = "ID", conflicts_with_all = ["data", "output", "from_ledger"])]
    pub use_model: Option<String>,
    /// List the ledger's models and which one scores it.
    #[arg(long, conflicts_with_all = ["data", "output", "from_ledger", "use_model"])]
    pub list_models: bool,
    /// Passes over the training data (tuning knob).
    #[arg(long, hide = true, default_value_t = Settings::default().epochs)]
    pub epochs: usize,
    /// Initial SGD learning rate (tuning knob).
    #[arg(long, hide = true, default_value_t = Settings::default().rate)]
    pub rate: f64,
    /// L2 strength on word and character n-grams (tuning knob).
    #[arg(long, hide = true, default_value_t = Settings::default().l2_ngrams)]
    pub l2_ngrams: f64,
    /// L2 strength on the structural features (tuning knob).
    #[arg(long, hide = true, default_value_t = Settings::default().l2_structure)]
    pub l2_structure: f64,
    /// Weight of an English positive example (tuning knob).
    #[arg(long, hide = true, default_value_t = crate::checkworthy::train::WEIGHT_EN)]
    pub weight_en: f32,
    /// Weight of a German positive example (tuning knob).
    #[arg(long, hide = true, default_value_t = crate::checkworthy::train::WEIGHT_DE)]
    pub weight_de: f32,
    /// A positive text's weight is divided by (its claims)^this (tuning knob).
    #[arg(long, hide = true, default_value_t = crate::checkworthy::train::SHARE_POWER)]
    pub share_power: f32,
    /// Weight of a text read whole, relative to the text's, for the claim weights (tuning knob).
    #[arg(long, hide = true, default_value_t = crate::checkworthy::train::LINE_WEIGHT)]
    pub line_weight: f32,
    /// Weight of a German comment read whole, for the line weights (tuning knob).
    #[arg(long, hide = true, default_value_t = crate::checkworthy::train::LINES_WEIGHT_DE)]
    pub lines_weight_de: f32,
    /// Models averaged for the line weights, each from its own seed (tuning knob).
    #[arg(long, hide = true, default_value_t = crate::checkworthy::train::LINES_SEEDS)]
    pub lines_seeds: usize,
    /// Strength of the German n-gram log-count ratios for the line weights, 0 to 1 (tuning
    /// knob).
    #[arg(long, hide = true, default_value_t = crate::checkworthy::train::LINES_NB_DE)]
    pub lines_nb_de: f64,
    /// Leave out the German comments whose id divided by 5 leaves this remainder (1-4), and
    /// the last quarter of the English training sentences by id, and measure on them.
    #[arg(long, hide = true)]
    pub holdout: Option<u64>,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The copy to write (not the ledger itself).
    pub file: PathBuf,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    /// The speaker to redact, by name or alias.
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "text",
        required_unless_present = "text"
    )]
    pub speaker: Option<String>,
    /// A phrase to redact wherever it is written (a name, an address, a telephone number).
    #[arg(long, value_name = "PHRASE", allow_hyphen_values = true)]
    pub text: Option<String>,
    /// Why (required; kept in the history, unlike what was removed).
    #[arg(long, required = true)]
    pub reason: String,
    /// Who redacts (default: $CLAIMLEDGER_REVIEWER, then the login name).
    #[arg(long)]
    pub by: Option<String>,
}
