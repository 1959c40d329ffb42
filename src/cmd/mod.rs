//! Commands: one module per subcommand, each with a `run`. Only this layer (and `main`) reads
//! arguments, prints, or touches files and the terminal.

pub mod extract;
pub mod input;

use crate::cli::{Cli, Command};
use crate::error::StoreError;

/// Exit code for data and user errors (bad input, unknown id, invalid value).
pub const EXIT_DATA: u8 = 1;
/// Exit code for usage errors (clap uses it too).
pub const EXIT_USAGE: u8 = 2;
/// Exit code for a ledger that cannot be used: not SQLite, too new, locked or read-only.
pub const EXIT_LEDGER: u8 = 3;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
    }
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
