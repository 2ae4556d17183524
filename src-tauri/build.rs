//! Build script: reads `tauri.conf.json` (a symlink to the repository-root file) and the capabilities for
//! `generate_context!`.

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new())
        .expect("tauri-build failed: check tauri.conf.json and that ui/dist exists (run `npm run build` in ui/)");
}
