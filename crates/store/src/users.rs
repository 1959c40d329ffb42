//! The reviewers of the desk (`claimledger users`, `serve`): names and argon2 password hashes
//! (hashing happens in the desk; this module only keeps the strings), and their logged-in
//! sessions, found by a hash of the cookie's token.

use super::Ledger;
use super::StoreError;
use super::now;
use rusqlite::{OptionalExtension, params};

/// A logged-in session of the desk as the ledger keeps it (times in Unix seconds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskSession {
    pub user: String,
    pub csrf: String,
    pub started_at: i64,
    pub used_at: i64,
}

/// The key a session is stored under: the SHA-256 of its token, so that the ledger never
/// holds a token a reader could send back.
fn session_key(token: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A reviewer who may log in to the desk.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DeskUser {
    pub name: String,
    pub created_at: String,
}

impl Ledger {
    /// Adds a reviewer with a password hash; refuses a name that is taken (case-insensitive).
    pub fn add_user(&mut self, name: &str, password_hash: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            let taken: bool = tx
                .prepare("SELECT 1 FROM desk_users WHERE name = ?1")?
                .exists([name])?;
            if taken {
                return Err(StoreError::ReviewerExists(name.to_string()));
            }
            tx.execute(
                "INSERT INTO desk_users (name, password_hash, created_at) VALUES (?1, ?2, ?3)",
                params![name, password_hash, now()],
            )?;
            Ok(())
        })
    }

    /// Removes a reviewer (their reviews stay, under their name).
    pub fn remove_user(&mut self, name: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            if tx.execute("DELETE FROM desk_users WHERE name = ?1", [name])? == 0 {
                return Err(StoreError::UnknownReviewer(name.to_string()));
            }
            tx.execute("DELETE FROM desk_sessions WHERE user_name = ?1", [name])?;
            Ok(())
        })
    }

    /// Every reviewer, by name.
    pub fn users(&self) -> Result<Vec<DeskUser>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, created_at FROM desk_users ORDER BY name")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(DeskUser {
                    name: r.get(0)?,
                    created_at: r.get(1)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The reviewer's name as stored and their password hash, for a login.
    pub fn user_hash(&self, name: &str) -> Result<Option<(String, String)>, StoreError> {
        self.conn
            .query_row(
                "SELECT name, password_hash FROM desk_users WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Keeps a logged-in session (replacing one with the same token), and drops the sessions
    /// last used before `idle_before` or started before `started_before`.
    pub fn save_desk_session(
        &mut self,
        token: &str,
        session: &DeskSession,
        idle_before: i64,
        started_before: i64,
    ) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM desk_sessions WHERE used_at < ?1 OR started_at < ?2",
                params![idle_before, started_before],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO desk_sessions (token_hash, user_name, csrf, started_at, used_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    session_key(token),
                    session.user,
                    session.csrf,
                    session.started_at,
                    session.used_at
                ],
            )?;
            Ok(())
        })
    }

    /// The logged-in session with this token, if the ledger keeps one for a reviewer who
    /// still exists.
    pub fn desk_session(&self, token: &str) -> Result<Option<DeskSession>, StoreError> {
        self.conn
            .query_row(
                "SELECT u.name, s.csrf, s.started_at, s.used_at
                 FROM desk_sessions s JOIN desk_users u ON u.name = s.user_name
                 WHERE s.token_hash = ?1",
                [session_key(token)],
                |r| {
                    Ok(DeskSession {
                        user: r.get(0)?,
                        csrf: r.get(1)?,
                        started_at: r.get(2)?,
                        used_at: r.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Records that a session was used at `used_at`.
    pub fn touch_desk_session(&mut self, token: &str, used_at: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE desk_sessions SET used_at = ?2 WHERE token_hash = ?1",
                params![session_key(token), used_at],
            )?;
            Ok(())
        })
    }

    /// Ends a session (a log-out).
    pub fn end_desk_session(&mut self, token: &str) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "DELETE FROM desk_sessions WHERE token_hash = ?1",
                [session_key(token)],
            )?;
            Ok(())
        })
    }
}
