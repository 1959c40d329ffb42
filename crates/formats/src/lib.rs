//! Writers that take claims and write them to any `impl Write`, one row at a time.

pub mod claimreview;
pub mod claimreview_in;
pub mod csv;
pub mod json;

use claimledger_core::claim;
use claimledger_matching as matching;
use claimledger_store as store;
