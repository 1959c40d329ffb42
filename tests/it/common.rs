//! The harness of the end-to-end tests: a temporary ledger and the real binary run against it
//! with a clean environment and a fixed clock.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

pub const GERMAN: &str = "tests/fixtures/hafen-de.txt";
pub const ENGLISH: &str = "tests/fixtures/bridge-en.txt";

/// A temporary folder with a ledger in it.
pub struct Ledger {
    pub dir: TempDir,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger {
            dir: TempDir::new().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("ledger.db")
    }

    /// The binary with a clean environment, this ledger, a fixed reviewer and clock.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("claimledger").unwrap();
        cmd.env_clear()
            .env("CLAIMLEDGER_DB", self.db())
            .env("CLAIMLEDGER_REVIEWER", "tester")
            .env("CLAIMLEDGER_NOW", "2026-01-02T03:04:05Z")
            .env("CLAIMLEDGER_BUSY_TIMEOUT_MS", "200");
        cmd
    }

    /// The same as [`Ledger::cmd`], as a plain `std::process::Command` (to spawn or pipe).
    pub fn std_cmd(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("claimledger"));
        cmd.env_clear()
            .env("CLAIMLEDGER_DB", self.db())
            .env("CLAIMLEDGER_REVIEWER", "tester")
            .env("CLAIMLEDGER_NOW", "2026-01-02T03:04:05Z")
            .env("CLAIMLEDGER_BUSY_TIMEOUT_MS", "200");
        cmd
    }

    /// Runs a command that must succeed and returns its stdout.
    pub fn run(&self, args: &[&str]) -> String {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    /// Runs a command that must fail with `code` and one line on stderr containing `needle`.
    pub fn fails(&self, args: &[&str], code: i32, needle: &str) {
        let out = self
            .cmd()
            .args(args)
            .assert()
            .code(code)
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(needle), "stderr of {args:?}: {stderr}");
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one line expected: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }

    pub fn path(&self, name: &str) -> String {
        self.dir.path().join(name).display().to_string()
    }

    pub fn claim_count(&self) -> usize {
        self.run(&["list", "--format", "jsonl"]).lines().count()
    }
}

/// Says why a test does not measure anything here: on the real stderr, since the test harness
/// holds back what a passing test prints with `eprintln!`. Under CI (`CI` set and not "false"
/// or "0"), where ../shared is beside the clone, it fails the test instead: a measurement that
/// does not run there must not pass unseen.
pub fn skip(why: &str) {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    if ci {
        panic!("{why}, and CI is set: this test must run under CI");
    }
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "skipped: {why}");
}
