//! `claimledger serve`: starts the review desk (see `crate::serve`).

use crate::cli::ServeArgs;
use crate::cmd::UsageError;
use crate::serve::{Config, is_loopback};
use crate::store::{Access, Ledger};
use std::path::PathBuf;

pub fn run(db: PathBuf, args: ServeArgs) -> anyhow::Result<()> {
    let bind: std::net::SocketAddr = args.bind.parse().map_err(|_| {
        UsageError(format!(
            "--bind '{}' is not an address: give IP:PORT, e.g. 127.0.0.1:8080",
            args.bind
        ))
    })?;
    let users = Ledger::open(&db, Access::Write)?.users()?.len();
    if args.open && !is_loopback(&bind) {
        return Err(UsageError(format!(
            "--open (no login) is allowed on a loopback address only, not {bind}: use --bind 127.0.0.1:PORT, or add reviewers with 'claimledger users add NAME'"
        ))
        .into());
    }
    if !args.open && users == 0 {
        if !is_loopback(&bind) {
            return Err(UsageError(format!(
                "no reviewer can log in, so the desk will not listen on {bind}: add one with 'claimledger users add NAME'"
            ))
            .into());
        }
        return Err(UsageError(
            "no reviewer can log in: add one with 'claimledger users add NAME', or start with --open (no login, this machine only)".into(),
        )
        .into());
    }
    let open_as = args.open.then(|| super::person(args.reviewer.as_deref()));
    crate::serve::run(Config { db, bind, open_as })
}
