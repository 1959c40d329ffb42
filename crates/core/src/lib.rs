//! The domain: claims, sources, speakers, statuses, stances and the rules a review obeys.
//!
//! Architecture invariant: every other crate of the workspace may depend on this one, and this
//! one depends on none of them; nothing here does I/O.

pub mod claim;
