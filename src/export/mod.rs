//! Writers that take claims and write them to any `impl Write`, streaming.

pub mod json;
