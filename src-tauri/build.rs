//! Build script: reads `tauri.conf.json` (a symlink to the repository-root file) and the capabilities for
//! `generate_context!`.
//!
//! The Tauri CLI reads `src-tauri/tauri.conf.json` (its paths are relative to `src-tauri`); it names no `version`, so
//! the workspace Cargo.toml's is used.

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new())
        .expect("tauri-build failed: check tauri.conf.json and that ui/dist exists (run `npm run build` in ui/)");
}
