//! The library's error types by one path: why an input is not an article ([`InputError`], a
//! domain error in `claim`) and why the ledger refuses ([`StoreError`], the store's own). Each
//! says what is wrong; the command layer adds context with `anyhow`, what to type, and the
//! exit code.

pub use crate::claim::InputError;
pub use crate::store::StoreError;
