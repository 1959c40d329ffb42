//! The ledger's own settings: who publishes its verdicts and under which address.

use super::Ledger;
use super::StoreError;
use rusqlite::params;

/// The ledger's publishing settings: who publishes its verdicts and where (ClaimReview export).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PublishSettings {
    pub org_name: Option<String>,
    pub org_url: Option<String>,
    pub base_url: Option<String>,
}

impl Ledger {
    /// The publishing settings.
    pub fn publish_settings(&self) -> Result<PublishSettings, StoreError> {
        self.conn
            .query_row(
                "SELECT org_name, org_url, base_url FROM ledger_settings WHERE id = 1",
                [],
                |r| {
                    Ok(PublishSettings {
                        org_name: r.get(0)?,
                        org_url: r.get(1)?,
                        base_url: r.get(2)?,
                    })
                },
            )
            .map_err(|e| self.err(e))
    }

    /// Changes the settings that are given (`Some`), keeps the others.
    pub fn set_publish_settings(&mut self, s: &PublishSettings) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE ledger_settings SET org_name = COALESCE(?1, org_name),
                        org_url = COALESCE(?2, org_url), base_url = COALESCE(?3, base_url) WHERE id = 1",
                params![s.org_name, s.org_url, s.base_url],
            )?;
            Ok(())
        })
    }
}
