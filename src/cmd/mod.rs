//! Commands: one module per subcommand, each with a `run`. Only this layer (and `main`) reads
//! arguments, prints, or touches files and the terminal.

pub mod add;
pub mod curate;
pub mod export;
pub mod extract;
pub mod import;
pub mod ingest;
pub mod input;
pub mod list;
pub mod match_text;
pub mod output;
pub mod review;
pub mod search;
pub mod show;
pub mod stats;

use crate::cli::{Cli, Command, FilterArgs, SortArg};
use crate::error::StoreError;
use crate::store::{ClaimFilter, Ledger, SortOrder};
use anyhow::{Context, bail};
use std::path::PathBuf;

/// Exit code for data and user errors (bad input, unknown id, invalid value).
pub const EXIT_DATA: u8 = 1;
/// Exit code for usage errors (clap uses it too).
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a ledger that cannot be used: not SQLite, too new, locked or read-only.
pub const EXIT_LEDGER: u8 = 3;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db;
    match cli.command {
        Command::Init => {
            let ledger = open(db)?;
            println!(
                "ledger ready: {} (schema {})",
                ledger.path(),
                ledger.schema_version()?
            );
            Ok(())
        }
        Command::Ingest(args) => ingest::run(open(db)?, args),
        Command::Extract(args) => extract::run(args),
        Command::Add(args) => add::run(open(db)?, args),
        Command::List(args) => list::run(&open(db)?, args),
        Command::Show(args) => show::run(&open(db)?, args),
        Command::Review(args) => review::run(open(db)?, args),
        Command::History(args) => review::history(&open(db)?, args),
        Command::Search(args) => search::run(&open(db)?, args),
        Command::Export(args) => export::run(&open(db)?, args),
        Command::Import(args) => import::run(open(db)?, args),
        Command::Matches(args) => curate::matches(&open(db)?, args),
        Command::Merge(args) => curate::merge(open(db)?, args),
        Command::Unmerge(args) => curate::unmerge(open(db)?, args),
        Command::Split(args) => curate::split(open(db)?, args),
        Command::Settings(args) => curate::settings(open(db)?, args),
        Command::Match(args) => match_text::run(&open(db)?, args),
        Command::Stats(args) => stats::run(&open(db)?, args),
        Command::Speakers(args) => stats::speakers(&open(db)?, args),
        Command::Sources(args) => stats::sources(&open(db)?, args),
    }
}

/// Opens the ledger at `--db`, `$CLAIMLEDGER_DB`, or the platform data directory.
fn open(db: Option<PathBuf>) -> anyhow::Result<Ledger> {
    let path = match db {
        Some(p) => p,
        None => directories::ProjectDirs::from("", "", "claimledger")
            .map(|d| d.data_dir().join("claimledger.db"))
            .context("no home directory to keep the ledger in: give --db PATH")?,
    };
    Ok(Ledger::open(&path)?)
}

/// Checks a YYYY-MM-DD date given on the command line.
pub fn parse_date(flag: &str, value: &str) -> anyhow::Result<String> {
    match chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d") {
        Ok(d) => Ok(d.format("%Y-%m-%d").to_string()),
        Err(_) => bail!("{flag} '{value}' is not a date: use YYYY-MM-DD, e.g. 2024-03-31"),
    }
}

/// Turns the shared filter flags into a store filter, checking every value.
pub fn filter_from(args: &FilterArgs) -> anyhow::Result<ClaimFilter> {
    let date =
        |flag: &str, v: &Option<String>| v.as_deref().map(|d| parse_date(flag, d)).transpose();
    if let Some(x) = args.min_score
        && !(0.0..=1.0).contains(&x)
    {
        bail!("--min-score {x} is out of range: use a number from 0 to 1");
    }
    Ok(ClaimFilter {
        status: args.status.as_deref().map(str::parse).transpose()?,
        speaker: args.speaker.clone(),
        publisher: args.publisher.clone(),
        source: args.source.clone(),
        stance: args.stance.as_deref().map(str::parse).transpose()?,
        mode: args.mode.as_deref().map(str::parse).transpose()?,
        since: date("--since", &args.since)?,
        until: date("--until", &args.until)?,
        min_score: args.min_score,
        checked: match (args.checked, args.unchecked) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        suggested: args.suggested,
        sort: match args.sort {
            SortArg::Id => SortOrder::Id,
            SortArg::Date => SortOrder::Date,
            SortArg::Score => SortOrder::Score,
            SortArg::Status => SortOrder::Status,
        },
        limit: args.limit,
    })
}

/// Picks the exit code for an error (see the README's table).
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(store) = cause.downcast_ref::<StoreError>() {
            return match store {
                StoreError::NotADatabase { .. }
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
/// failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
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
