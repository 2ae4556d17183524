//! Entry point of the DealGate desktop app: opens the API, registers the commands, opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;
mod state;

use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            app.manage(state::Backend::open_default());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::data::sources,
            commands::data::decisions,
            commands::demo::run_demo,
        ])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the DealGate desktop app");
}
