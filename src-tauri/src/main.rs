//! Entry point of the DealGate desktop app: builds the Tauri app, registers the commands, opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod error;

fn main() {
    // Shared state (the DealGate API handle) is added here with `.manage(...)` once the shell calls it.
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![commands::app_info])
        .run(tauri::generate_context!("../tauri.conf.json"))
        .expect("error while running the DealGate desktop app");
}
