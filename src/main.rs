//! The claimledger binary: parse the command line, run the command, print one line on error.

use claimledger::cli::Cli;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match claimledger::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if claimledger::cmd::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("claimledger: {}", claimledger::cmd::error_line(&err));
            ExitCode::from(claimledger::cmd::exit_code(&err))
        }
    }
}
