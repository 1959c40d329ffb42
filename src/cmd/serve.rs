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
    let public = args.public_url.as_deref().map(public_url).transpose()?;
    if !is_loopback(&bind) && !args.insecure_http && !public.as_ref().is_some_and(|p| p.1) {
        return Err(UsageError(format!(
            "{bind} is reachable from the network, where passwords and session cookies would travel unencrypted: put the desk behind a reverse proxy with TLS and give --public-url https://…, or accept plain HTTP with --insecure-http"
        ))
        .into());
    }
    let trusted_proxy = args
        .trusted_proxy
        .as_deref()
        .map(|a| {
            a.parse().map_err(|_| {
                UsageError(format!(
                    "--trusted-proxy '{a}' is not an IP address, e.g. 127.0.0.1"
                ))
            })
        })
        .transpose()?;
    let reviewer = super::person(args.reviewer.as_deref());
    if args.open && reviewer == "unknown" {
        return Err(UsageError(
            "--open records every review under one name, and none is known here: give --reviewer NAME".into(),
        )
        .into());
    }
    let open_as = args.open.then_some(reviewer);
    crate::serve::run(Config {
        db,
        bind,
        open_as,
        secure_cookies: public.as_ref().is_some_and(|p| p.1),
        public_host: public.map(|p| p.0),
        trusted_proxy,
    })
}

/// The host of `--public-url` and whether it is https.
fn public_url(url: &str) -> Result<(String, bool), UsageError> {
    let bad = || {
        UsageError(format!(
            "--public-url '{url}' is not an http:// or https:// address, e.g. https://desk.example.org/"
        ))
    };
    let (scheme, rest) = url.split_once("://").ok_or_else(bad)?;
    let https = match scheme.to_ascii_lowercase().as_str() {
        "https" => true,
        "http" => false,
        _ => return Err(bad()),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(v6) = host.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(h, _)| h)
    };
    if host.is_empty() {
        return Err(bad());
    }
    Ok((host.to_ascii_lowercase(), https))
}
