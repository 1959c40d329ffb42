//! `claimledger users add|list|remove`: the reviewers who may log in to the desk.

use crate::cli::{ListFormat, UsersAction};
use crate::serve::password;
use crate::store::Ledger;
use anyhow::bail;

pub fn run(mut ledger: Ledger, action: UsersAction) -> anyhow::Result<()> {
    match action {
        UsersAction::Add { name } => {
            let name = name.trim().to_string();
            if name.is_empty() || name.chars().count() > 64 || name.chars().any(char::is_control) {
                bail!("reviewer name '{name}' is not usable: give 1 to 64 printable characters");
            }
            let secret = password::generate()?;
            ledger.add_user(&name, &password::hash(&secret)?)?;
            crate::say!("reviewer {name} added; password (shown only now): {secret}")?;
            super::wrote_to(&ledger);
        }
        UsersAction::List { format } => {
            let users = ledger.users()?;
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            if matches!(format, ListFormat::Json | ListFormat::Jsonl) {
                return super::output::print_json(&mut out, &users, format == ListFormat::Jsonl);
            }
            if users.is_empty() {
                crate::say!("no reviewers yet: add one with 'claimledger users add NAME'")?;
                return Ok(());
            }
            for u in users {
                crate::say!("{}\t(added {})", u.name, u.created_at)?;
            }
        }
        UsersAction::Remove { name } => {
            ledger.remove_user(name.trim())?;
            crate::say!("reviewer {} removed (their reviews stay)", name.trim())?;
            super::wrote_to(&ledger);
        }
    }
    Ok(())
}
