//! The reviewers of the desk (`claimledger users`, `serve`): names and argon2 password hashes.
//! Hashing happens in `serve::password`; this module only keeps the strings.

use super::Ledger;
use super::StoreError;
use super::now;
use rusqlite::{OptionalExtension, params};

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
}
