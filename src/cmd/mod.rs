//! Commands: one module per subcommand, each with a `run`. Only this layer (and `main`) reads
//! arguments, prints, or touches files and the terminal.

pub mod add;
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
pub mod report;
pub mod review;
pub mod search;
pub mod serve;
pub mod show;
pub mod stats;
pub mod train;
pub mod users;

use crate::cli::{Cli, Command, FilterArgs, SortArg, WhereArgs};
use crate::error::StoreError;
use crate::store::{Access, ClaimFilter, Ledger, SortOrder};
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
        Command::Ingest(args) => ingest::run(open(db, create)?, args),
        Command::Extract(args) => extract::run(args),
        Command::Add(args) => add::run(open(db, create)?, args),
        Command::List(args) => list::run(&open(db, read)?, args),
        Command::Show(args) => show::run(&open(db, read)?, args),
        Command::Review(args) => review::run(open(db, write)?, args),
        Command::History(args) => review::history(&open(db, read)?, args),
        Command::Search(args) => search::run(&open(db, read)?, args),
        Command::Export(args) => export::run(&open(db, read)?, args),
        Command::Import(args) => import::run(open(db, create)?, args),
        Command::Matches(args) if args.split => curate::split_audited(open(db, write)?),
        Command::Matches(args) if args.audit => curate::audit(&open(db, read)?, args.format),
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
    }
}

/// Opens the ledger at `--db`, `$CLAIMLEDGER_DB`, or the platform data directory. Only the
/// commands that store new claims may create it; a read never creates or changes a file.
fn open(db: Option<PathBuf>, access: Access) -> anyhow::Result<Ledger> {
    let path = match db {
        Some(p) => p,
        None => directories::ProjectDirs::from("", "", "claimledger")
            .map(|d| d.data_dir().join("claimledger.db"))
            .context("no home directory to keep the ledger in: give --db PATH")?,
    };
    Ok(Ledger::open(&path, access)?)
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
    match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(d) => Ok(d.format("%Y-%m-%d").to_string()),
        Err(_) => bail!("{flag} '{value}' is not a date: use YYYY-MM-DD, e.g. 2024-03-31"),
    }
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
        sort: match args.sort {
            SortArg::Id => SortOrder::Id,
            SortArg::Date => SortOrder::Date,
            SortArg::Score => SortOrder::Score,
            SortArg::Status => SortOrder::Status,
        },
        limit: args.limit,
        ..where_from(&args.only)?
    })
}

/// Turns the filters of `search` and `stats` (no order, no limit) into a store filter.
pub fn where_from(args: &WhereArgs) -> anyhow::Result<ClaimFilter> {
    let date =
        |flag: &str, v: &Option<String>| v.as_deref().map(|d| parse_date(flag, d)).transpose();
    Ok(ClaimFilter {
        status: args.status.as_deref().map(str::parse).transpose()?,
        speaker: args.speaker.clone(),
        publisher: args.publisher.clone(),
        language: input::parse_lang(args.language.as_deref())?.map(|l| l.code().to_string()),
        source: args.source.clone(),
        stance: args.stance.as_deref().map(str::parse).transpose()?,
        mode: args.mode.as_deref().map(str::parse).transpose()?,
        since: date("--since", &args.since)?,
        until: date("--until", &args.until)?,
        undated: args.undated,
        min_score: args.min_score.map(check_score).transpose()?,
        checked: match (args.checked, args.unchecked) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        suggested: args.suggested,
        ..ClaimFilter::default()
    })
}

/// Picks the exit code for an error (see the README's table).
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(store) = cause.downcast_ref::<StoreError>() {
            return match store {
                StoreError::NotADatabase { .. }
                | StoreError::NotALedger { .. }
                | StoreError::Missing { .. }
                | StoreError::NeedsUpgrade { .. }
                | StoreError::TooNew { .. }
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
    fn dates_are_checked() {
        assert_eq!(parse_date("--since", "2024-02-29").unwrap(), "2024-02-29");
        assert!(parse_date("--since", "2023-02-30").is_err());
        assert!(parse_date("--since", "yesterday").is_err());
    }
}
