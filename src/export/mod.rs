//! Writers that take claims and write them to any `impl Write`, one row at a time.

pub mod claimreview;
pub mod claimreview_in;
pub mod csv;
pub mod json;
