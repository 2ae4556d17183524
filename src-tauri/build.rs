//! Build script: reads the repository-root `tauri.conf.json` and the capabilities for `generate_context!`.

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().config_path("../tauri.conf.json"))
        .expect("tauri-build failed: check ../tauri.conf.json and that ui/dist exists (run `npm run build` in ui/)");
}
