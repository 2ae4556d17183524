//! Rebuilds the store when a migration changes, so `sqlx::migrate!` embeds the new files.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations/sqlite");
    println!("cargo:rerun-if-changed=../../migrations/postgres");
}
