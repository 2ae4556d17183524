//! Entry point of the DealGate desktop app: opens the API, registers the commands and the dialog plugin,
//! opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod bindings;
mod commands;
mod error;
mod progress;
mod state;

use tauri::Manager;

/// mimalloc: the index holds millions of small allocations, and the benchmarks measure this allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let commands = bindings::builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let backend = state::Backend::open_default();
            backend.prepare_index_in_background();
            backend.due_work_in_background();
            app.manage(backend);
            app.manage(state::Session::from_env());
            Ok(())
        })
        .invoke_handler(commands.invoke_handler())
        .run(tauri::generate_context!())
        .expect("error while running the DealGate desktop app");
}
