//! The project's own tasks, run as `cargo xtask TASK` (the alias is in `.cargo/config.toml`).
//!
//! `model`: retrains the check-worthiness model that ships in the binary
//! (`crates/checkworthy/src/model.bin`) from the shared sets, with `claimledger
//! train-checkworthiness`, which is deterministic; the file is rewritten only when the weights
//! change (its header holds the training date). `model --check` retrains into a temporary file
//! and fails when the weights differ from the checked-in ones: an extractor change that alters
//! the training data needs `cargo xtask model` and the new file in the same commit.
//!
//! Options: `--data DIR` (default `../shared/eval/checkworthy` beside the workspace).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: cargo xtask model [--check] [--data DIR]";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<ExitCode, String> {
    let root = workspace_root();
    let mut check = false;
    let mut data = root.join("../shared/eval/checkworthy");
    let mut args = args.into_iter();
    match args.next().as_deref() {
        Some("model") => {}
        _ => {
            eprintln!("{USAGE}");
            return Ok(ExitCode::from(2));
        }
    }
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--data" => data = args.next().map(PathBuf::from).ok_or(USAGE)?,
            _ => {
                eprintln!("{USAGE}");
                return Ok(ExitCode::from(2));
            }
        }
    }
    if !data.is_dir() {
        return Err(format!(
            "{}: no training data there, so the model cannot be retrained",
            data.display()
        ));
    }
    let shipped_path = root.join("crates/checkworthy/src/model.bin");
    let trained_path =
        std::env::temp_dir().join(format!("claimledger-model-{}.bin", std::process::id()));
    let trained = train(&root, &data, &trained_path);
    let _ = std::fs::remove_file(&trained_path);
    let trained = trained?;
    let shipped = std::fs::read(&shipped_path)
        .map_err(|e| format!("{}: cannot read ({e})", shipped_path.display()))?;
    let same = weights(&trained)? == weights(&shipped)?;
    match (check, same) {
        (_, true) => {
            println!("{}: as training gives it", shipped_path.display());
            Ok(ExitCode::SUCCESS)
        }
        (true, false) => {
            eprintln!(
                "{}: not what training gives; run `cargo xtask model` and commit the file",
                shipped_path.display()
            );
            Ok(ExitCode::FAILURE)
        }
        (false, false) => {
            std::fs::write(&shipped_path, &trained)
                .map_err(|e| format!("{}: cannot write ({e})", shipped_path.display()))?;
            println!("{}: retrained, weights changed", shipped_path.display());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The workspace's root: the folder above this crate's.
fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}

/// Trains the model with the release build of `claimledger` and returns the file's bytes.
fn train(root: &Path, data: &Path, out: &Path) -> Result<Vec<u8>, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(root)
        .args([
            "run",
            "--quiet",
            "--release",
            "--package",
            "claimledger",
            "--",
        ])
        .args(["train-checkworthiness", "--data"])
        .arg(data)
        .arg("-o")
        .arg(out)
        .status()
        .map_err(|e| format!("cannot run cargo ({e})"))?;
    if !status.success() {
        return Err(format!("training failed ({status})"));
    }
    std::fs::read(out).map_err(|e| format!("{}: cannot read ({e})", out.display()))
}

/// The weights of a model file: what follows its header and JSON description (the description
/// holds the training date, which changes with every run).
fn weights(bytes: &[u8]) -> Result<&[u8], String> {
    let len = bytes
        .get(12..16)
        .and_then(|b| b.try_into().ok())
        .map(|b| u32::from_le_bytes(b) as usize)
        .ok_or("a model file too short for its header")?;
    bytes
        .get(16 + len..)
        .ok_or_else(|| "a model file shorter than its header says".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_skip_the_description() {
        let mut file = b"CLCW\x02\x00\x00\x00\x12\x00\x00\x00\x03\x00\x00\x00abc".to_vec();
        file.extend([1, 2, 3, 4]);
        assert_eq!(weights(&file).unwrap(), &[1, 2, 3, 4]);
        assert!(weights(&file[..10]).is_err());
        assert!(weights(&file[..17]).is_err());
    }
}
