//! Commands: one module per subcommand, each with a `run`. Only this layer (and `main`) reads
//! arguments, prints, or touches files and the terminal.

pub mod add;
pub mod backup;
pub mod correct;
pub mod curate;
pub mod export;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod input;
pub mod list;
pub mod match_text;
pub mod output;
pub mod redact;
pub mod report;
pub mod review;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod train;
pub mod users;

use crate::cli::{Cli, Command, FilterArgs, WhereArgs};
use crate::store::StoreError;
use crate::store::{Access, ClaimFilter, FilterError, FilterWords, Ledger};
use anyhow::{Context, bail};
use std::path::PathBuf;

/// Exit code for data and user errors (bad input, unknown id, invalid value).
pub const EXIT_DATA: u8 = 1;
/// Exit code for usage errors (clap uses it too).
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a ledger that cannot be used: not SQLite, too new, locked or read-only.
pub const EXIT_LEDGER: u8 = 3;

/// Prints one line on standard output and returns the write's result, so that a closed pipe
/// is an error the caller passes up (`println!` would panic on it).
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {
        std::io::Write::write_fmt(
            &mut std::io::stdout().lock(),
            format_args!("{}\n", format_args!($($arg)*)),
        )
    };
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db;
    let (create, write, read) = (Access::Create, Access::Write, Access::Read);
    match cli.command {
        Command::Init => {
            let ledger = open(db, create)?;
            say!(
                "ledger ready: {} (schema {})",
                ledger.path(),
                ledger.schema_version()?
            )?;
            Ok(())
        }
        Command::Ingest(args) => creating(db, |l| ingest::run(l, args)),
        Command::Extract(args) => extract::run(args),
        Command::Add(args) => creating(db, |l| add::run(l, args)),
        Command::List(args) => list::run(&open(db, read)?, args),
        Command::Show(args) => show::run(&open(db, read)?, args),
        Command::Review(args) => review::run(open(db, write)?, args),
        Command::History(args) => review::history(&open(db, read)?, args),
        Command::Search(args) => search::run(&open(db, read)?, args),
        Command::Export(args) => export::run(&open(db, read)?, args),
        Command::Import(args) => creating(db, |l| import::run(l, args)),
        Command::Matches(args) if args.split => curate::split_audited(open(db, write)?),
        Command::Matches(args) if args.audit => curate::audit(&open(db, read)?, args.format),
        Command::Matches(args) if args.not_same.is_some() => {
            curate::not_same(open(db, write)?, args)
        }
        Command::Matches(args) => curate::matches(&open(db, read)?, args),
        Command::Merge(args) => curate::merge(open(db, write)?, args),
        Command::Unmerge(args) => curate::unmerge(open(db, write)?, args),
        Command::Split(args) => curate::split(open(db, write)?, args),
        Command::Settings(args) => {
            // Showing the settings reads; giving one writes.
            let changes =
                args.org_name.is_some() || args.org_url.is_some() || args.base_url.is_some();
            curate::settings(open(db, if changes { write } else { read })?, args)
        }
        Command::Match(args) => match_text::run(&open(db, read)?, args),
        Command::Stats(args) => stats::run(&open(db, read)?, args),
        Command::Speakers(args) => match args.action {
            None => stats::speakers(&open(db, read)?, args.format),
            Some(action) => correct::speakers(open(db, write)?, action),
        },
        Command::Sources(args) => match args.action {
            None => stats::sources(&open(db, read)?, args.format),
            Some(action) => correct::sources(open(db, write)?, action),
        },
        Command::Edit(args) => correct::edit(open(db, write)?, args),
        Command::Delete(args) => correct::delete(open(db, write)?, args),
        Command::TrainCheckworthiness(args) if args.list_models => {
            train::list_models(&open(db, read)?)
        }
        Command::TrainCheckworthiness(args) if args.use_model.is_some() => {
            let which = args.use_model.unwrap_or_default();
            train::use_model(open(db, write)?, &which)
        }
        Command::TrainCheckworthiness(args) if args.from_ledger => {
            train::from_ledger(open(db, write)?, args)
        }
        Command::TrainCheckworthiness(args) => train::from_data(args),
        Command::Serve(args) => {
            let ledger = open(db, write)?;
            serve::run(PathBuf::from(ledger.path()), args)
        }
        Command::Users(args) => {
            // Listing reads; adding and removing write.
            let access = match args.action {
                crate::cli::UsersAction::List { .. } => read,
                _ => write,
            };
            users::run(open(db, access)?, args.action)
        }
        Command::Report(args) => report::run(&open(db, read)?, args),
        Command::Backup(args) => backup::run(&open(db, read)?, args),
        Command::Redact(args) => redact::run(open(db, write)?, args),
    }
}

/// Opens the ledger at `--db`, `$CLAIMLEDGER_DB`, or the platform data directory. Only the
/// commands that store new claims may create it; a read never creates or changes a file.
fn open(db: Option<PathBuf>, access: Access) -> anyhow::Result<Ledger> {
    Ok(Ledger::open(&ledger_path(db)?, access)?)
}

fn ledger_path(db: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match db {
        Some(p) => Ok(p),
        None => directories::ProjectDirs::from("", "", "claimledger")
            .map(|d| d.data_dir().join("claimledger.db"))
            .context("no home directory to keep the ledger in: give --db PATH"),
    }
}

/// Runs a command that may create the ledger. When it fails, a ledger file it created and
/// left empty is removed (with its log files): a failed first import leaves no file behind. A
/// ledger that was there before, or that holds what the command stored before it failed (an
/// ingest that skipped one bad article), stays.
fn creating(
    db: Option<PathBuf>,
    command: impl FnOnce(Ledger) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let path = ledger_path(db)?;
    let existed = path.exists();
    let result = command(Ledger::open(&path, Access::Create)?);
    if result.is_err()
        && !existed
        && Ledger::open(&path, Access::Read).is_ok_and(|l| l.holds_nothing().unwrap_or(false))
    {
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.clone().into_os_string();
            file.push(suffix);
            let _ = std::fs::remove_file(file);
        }
    }
    result
}

/// Returns true when `a` and `b` name the same file: compared as canonical paths, where a
/// file that does not exist yet is its canonical folder and its name.
pub fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    fn canonical(p: &std::path::Path) -> Option<PathBuf> {
        if let Ok(c) = std::fs::canonicalize(p) {
            return Some(c);
        }
        let name = p.file_name()?;
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => std::path::Path::new("."),
        };
        Some(std::fs::canonicalize(dir).ok()?.join(name))
    }
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Returns who is reviewing or correcting: the given name, else $CLAIMLEDGER_REVIEWER, else
/// the login name.
pub fn person(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var("CLAIMLEDGER_REVIEWER").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("LOGNAME").ok())
        .filter(|r| !r.trim().is_empty())
        .unwrap_or_else(|| "unknown".into())
}

/// Says on stderr which ledger a command wrote to, so that a run without `--db` does not
/// vanish into the default ledger unnoticed.
pub fn wrote_to(ledger: &Ledger) {
    eprintln!("ledger: {}", ledger.path());
}

/// Checks a YYYY-MM-DD date given on the command line.
pub fn parse_date(flag: &str, value: &str) -> anyhow::Result<String> {
    match crate::claim::iso_date(value) {
        Ok(d) => Ok(d.format("%Y-%m-%d").to_string()),
        Err(why) => bail!("{flag} '{value}' {why}"),
    }
}

/// Checks a URL given with `flag` (or read from a file's `flag` field): only http(s)
/// addresses are stored, since each ends up as a link in exports and on the desk.
pub fn check_url(flag: &str, url: &str) -> anyhow::Result<()> {
    if !crate::claim::is_web_address(url) {
        bail!("{flag} '{url}' is not a URL: give an http:// or https:// address");
    }
    Ok(())
}

/// Checks a `--min-score`: a number from 0 to 1 (not NaN).
pub fn check_score(x: f64) -> anyhow::Result<f64> {
    if !(0.0..=1.0).contains(&x) {
        bail!("--min-score {x} is out of range: use a number from 0 to 1");
    }
    Ok(x)
}

/// Turns the shared filter flags into a store filter, checking every value.
pub fn filter_from(args: &FilterArgs) -> anyhow::Result<ClaimFilter> {
    Ok(ClaimFilter {
        sort: args.sort,
        limit: args.limit,
        ..where_from(&args.only)?
    })
}

/// Turns the filters of `search` and `stats` (no order, no limit) into a store filter: the
/// flags become the filter words the desk reads from its query string, checked in one place.
pub fn where_from(args: &WhereArgs) -> anyhow::Result<ClaimFilter> {
    let yes = |on: bool| on.then(|| "yes".to_string());
    let words = FilterWords {
        status: args.status.clone(),
        speaker: args.speaker.clone(),
        publisher: args.publisher.clone(),
        language: args.language.clone(),
        source: args.source.clone(),
        stance: args.stance.clone(),
        mode: args.mode.clone(),
        since: args.since.clone(),
        until: args.until.clone(),
        undated: yes(args.undated),
        min_score: args.min_score.map(|x| x.to_string()),
        checked: match (args.checked, args.unchecked) {
            (true, _) => Some("yes".into()),
            (_, true) => Some("no".into()),
            _ => None,
        },
        suggested: yes(args.suggested),
    };
    words.check().map_err(|e| match e {
        // The word is a flag here.
        FilterError::Value { key, value, why } => {
            anyhow::anyhow!("--{} '{value}' {why}", key.replace('_', "-"))
        }
        unknown => unknown.into(),
    })
}

/// Picks the exit code for an error (see the README's table).
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(store) = cause.downcast_ref::<StoreError>() {
            return match store {
                StoreError::NotADatabase { .. }
                | StoreError::Directory { .. }
                | StoreError::NotALedger { .. }
                | StoreError::Missing { .. }
                | StoreError::NeedsUpgrade { .. }
                | StoreError::TooNew { .. }
                | StoreError::UnknownMigration { .. }
                | StoreError::MigrationsDiffer { .. }
                | StoreError::Locked { .. }
                | StoreError::ReadOnly { .. } => EXIT_LEDGER,
                _ => EXIT_DATA,
            };
        }
        if cause.downcast_ref::<UsageError>().is_some() {
            return EXIT_USAGE;
        }
    }
    EXIT_DATA
}

/// Returns what to type to get past an error, in the command line's words: the store says
/// only what is wrong (the desk shows its errors too, to people who type no commands).
pub fn advice(err: &anyhow::Error) -> Option<String> {
    use crate::claim::ReviewError;
    if let Some(text) = import_advice(err) {
        return Some(text);
    }
    let store = err.chain().find_map(|c| c.downcast_ref::<StoreError>())?;
    let text = match store {
        StoreError::NotADatabase { .. }
        | StoreError::NotALedger { .. }
        | StoreError::Directory { .. } => "give another --db path".to_string(),
        StoreError::Missing { path } => format!(
            "create one with 'claimledger --db {path} init' (or ingest, add, import), or check the --db path"
        ),
        StoreError::ReadOnly { .. } => "check its permissions or use another --db".to_string(),
        StoreError::UnknownClaim(_) => "see 'claimledger list' for ids".to_string(),
        StoreError::UnknownSpeaker(_) => "see 'claimledger speakers' for names and ids".to_string(),
        StoreError::AmbiguousSpeaker { .. } => "see 'claimledger speakers'".to_string(),
        StoreError::SpeakerExists(_) => "use 'claimledger speakers merge' to join them".to_string(),
        StoreError::UnknownSource(_) => "see 'claimledger sources' for ids".to_string(),
        StoreError::ReviewerExists(name) => {
            format!("remove them first with 'claimledger users remove {name}'")
        }
        StoreError::UnknownReviewer(_) => "see 'claimledger users list'".to_string(),
        StoreError::VerdictsDiffer { .. } => "review one of them first, or add --force".to_string(),
        StoreError::HasMerged { merged, .. } => {
            let first = merged.split(", ").next().unwrap_or_default();
            format!("run 'claimledger unmerge {first}'")
        }
        StoreError::UnknownAppearance { claim, .. } => {
            format!("see 'claimledger show {claim}' for its appearances")
        }
        StoreError::Review(
            ReviewError::VerdictNeedsNote(_) | ReviewError::ReopenNeedsNote { .. },
        ) => "add --note TEXT".to_string(),
        StoreError::DuplicateId(_) | StoreError::DuplicateAppearance(_) => {
            "import without --keep-ids to give new ids, or drop that row".to_string()
        }
        _ => return None,
    };
    Some(text)
}

/// What to type about a file `import` cannot read: the readers say only what is wrong.
fn import_advice(err: &anyhow::Error) -> Option<String> {
    use crate::export::claimreview_in::{ClaimReviewProblem, ProblemKind};
    use crate::export::csv::{APPEARANCE_COLUMNS, CsvProblem, MISSING_COLUMN};
    if let Some(p) = err
        .chain()
        .find_map(|c| c.downcast_ref::<ClaimReviewProblem>())
    {
        return match p.kind {
            ProblemKind::NotJson => Some(
                "give ClaimReview JSON-LD, e.g. from 'claimledger export --format claimreview'"
                    .into(),
            ),
            ProblemKind::UnknownRating => {
                Some("add --unmapped STATUS to import such ratings".into())
            }
            _ => None,
        };
    }
    let p = err.chain().find_map(|c| c.downcast_ref::<CsvProblem>())?;
    if p.problem != MISSING_COLUMN {
        return None;
    }
    Some(if APPEARANCE_COLUMNS.contains(&p.column.as_str()) {
        "export with 'claimledger export --appearances'".into()
    } else {
        "export with 'claimledger export --format csv'".into()
    })
}

/// The one line an error is shown as: what went wrong, then what to type about it.
pub fn error_line(err: &anyhow::Error) -> String {
    match advice(err) {
        Some(advice) => format!("{err:#}: {advice}"),
        None => format!("{err:#}"),
    }
}

/// A wrong combination of arguments that clap cannot see.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Returns true when the error is a closed pipe (`claimledger list | head`), which is not a
/// failure. The pipe error may come wrapped in a CSV or JSON error, or in an I/O error that
/// carries one of those.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(broken_pipe)
}

fn broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        return io.kind() == BrokenPipe || io.get_ref().is_some_and(|inner| broken_pipe(inner));
    }
    if let Some(json) = e.downcast_ref::<serde_json::Error>() {
        return json.io_error_kind() == Some(BrokenPipe);
    }
    if let Some(csv) = e.downcast_ref::<csv::Error>()
        && let csv::ErrorKind::Io(io) = csv.kind()
    {
        return io.kind() == BrokenPipe;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes() {
        let ledger = anyhow::Error::new(StoreError::Locked { path: "x".into() });
        assert_eq!(exit_code(&ledger), EXIT_LEDGER);
        let data = anyhow::Error::new(StoreError::UnknownClaim(3));
        assert_eq!(exit_code(&data), EXIT_DATA);
        let usage = anyhow::Error::new(UsageError("--url needs one article".into()));
        assert_eq!(exit_code(&usage), EXIT_USAGE);
        assert_eq!(exit_code(&anyhow::anyhow!("other")), EXIT_DATA);
    }

    #[test]
    fn store_errors_name_no_flag_and_the_cli_adds_one() {
        use crate::claim::{ReviewError, Status};
        let p = || "x.db".to_string();
        let errors = [
            StoreError::NotADatabase { path: p() },
            StoreError::Directory { path: p() },
            StoreError::Missing { path: p() },
            StoreError::ReadOnly { path: p() },
            StoreError::UnknownClaim(3),
            StoreError::UnknownSpeaker("Ann".into()),
            StoreError::UnknownSource(3),
            StoreError::UnknownAppearance {
                claim: 3,
                appearance: 9,
            },
            StoreError::DuplicateId(3),
            StoreError::Review(ReviewError::VerdictNeedsNote(Status::False)),
            StoreError::VerdictsDiffer {
                from: 1,
                from_status: "false".into(),
                into: 2,
                into_status: "true".into(),
            },
            StoreError::HasMerged {
                id: 2,
                merged: "4, 5".into(),
            },
            StoreError::ReviewerExists("kim".into()),
            StoreError::UnknownReviewer("kim".into()),
        ];
        for e in errors {
            let store = e.to_string();
            assert!(
                !store.contains("--") && !store.contains("'claimledger "),
                "a store error that tells what to type: {store}"
            );
            let line = error_line(&anyhow::Error::new(e));
            assert!(
                line.starts_with(&store) && line.len() > store.len(),
                "{line}"
            );
        }
    }

    #[test]
    fn import_readers_name_no_command_and_the_cli_adds_one() {
        let unknown_rating = crate::export::claimreview_in::read(
            br#"[{"@type": "ClaimReview", "url": "https://a.example/1", "claimReviewed": "x",
                  "reviewRating": {"alternateName": "Half-baked"},
                  "author": {"name": "A"}, "datePublished": "2024-01-02"}]"#,
            None,
        )
        .unwrap_err();
        let not_json = crate::export::claimreview_in::read(b"{", None).unwrap_err();
        let csv = crate::export::csv::read_records(b"id,text\n1,x\n").unwrap_err();
        let cases = [
            (anyhow::Error::new(unknown_rating), "--unmapped STATUS"),
            (anyhow::Error::new(not_json), "--format claimreview"),
            (anyhow::Error::new(csv), "export --format csv"),
        ];
        for (err, advice) in cases {
            let plain = err.to_string();
            assert!(
                !plain.contains("--") && !plain.contains("claimledger "),
                "{plain}"
            );
            let line = error_line(&err);
            assert!(line.starts_with(&plain) && line.contains(advice), "{line}");
        }
    }

    #[test]
    fn dates_are_checked() {
        assert_eq!(parse_date("--since", "2024-02-29").unwrap(), "2024-02-29");
        assert!(parse_date("--since", "2023-02-30").is_err());
        assert!(parse_date("--since", "yesterday").is_err());
    }

    #[test]
    fn a_short_year_is_not_taken_for_the_year_24() {
        let err = parse_date("--since", "24-1-1").unwrap_err().to_string();
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        assert!(parse_date("--since", "2024-1-01").is_err());
        assert!(parse_date("--since", "02024-01-01").is_err());
    }
}
