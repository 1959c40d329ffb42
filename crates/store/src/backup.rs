//! Copies of a live ledger, made with SQLite's online backup: a consistent snapshot while
//! other processes go on reading and writing.

use super::StoreError;
use super::{Ledger, classify};
use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};
use std::path::Path;
use std::time::Duration;

/// How often a backup step that found the ledger busy is tried again before giving up.
const BUSY_TRIES: u32 = 500;

impl Ledger {
    /// Copies the ledger into the new, empty file `dest` as one snapshot and checks the copy.
    /// The caller picks `dest` (a temporary file it renames when this succeeds).
    pub fn backup_into(&self, dest: &Path) -> Result<(), StoreError> {
        let shown = dest.display().to_string();
        let mut to = Connection::open(dest).map_err(|e| classify(e, &shown))?;
        {
            let backup = Backup::new(&self.conn, &mut to).map_err(|e| classify(e, &shown))?;
            // All pages in one step: the copy is of one moment, and in WAL mode the read it
            // holds meanwhile does not stop writers.
            let mut tries = 0;
            loop {
                match backup.step(-1).map_err(|e| classify(e, &shown))? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    StepResult::Busy | StepResult::Locked if tries < BUSY_TRIES => {
                        tries += 1;
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    _ => {
                        return Err(StoreError::Locked {
                            path: self.path.clone(),
                        });
                    }
                }
            }
        }
        let ok: String = to
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| classify(e, &shown))?;
        if ok != "ok" {
            return Err(StoreError::NotALedger {
                path: shown,
                why: format!("the copy failed its check: {ok}"),
            });
        }
        // Leave one self-contained file: no write-ahead log beside it.
        to.pragma_update(None, "journal_mode", "DELETE")
            .map_err(|e| classify(e, &shown))?;
        Ok(())
    }
}
