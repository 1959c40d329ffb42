//! Writes the vector index's centroids (`crates/matching/src/table/centroids.bin`) from the
//! embedded word table: run once after the table changes. Deterministic; a test compares the
//! file with what the table gives.
//!
//! cargo run --release --example vector_centroids

fn main() -> anyhow::Result<()> {
    use claimledger::matching::vectors;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("crates/matching/src/table/centroids.bin");
    let file = vectors::centroids_file(&vectors::derive_centroids());
    std::fs::write(&path, &file)?;
    println!("{}: {} bytes", path.display(), file.len());
    Ok(())
}
