//! Entry point of the DealGate desktop app: opens the database (local or the remembered team one), registers
//! the commands and the dialog plugin, relays the database's changes to the window, opens the window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod bindings;
mod commands;
mod connect;
mod error;
mod lang;
mod progress;
mod state;
mod team;

use tauri::Manager;

/// mimalloc: the index holds millions of small allocations, and the benchmarks measure this allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let commands = bindings::builder();
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            lang::set(lang::system());
            // The connection remembered on this machine lives in the app's config folder
            // (`DEALGATE_CONFIG_DIR` instead, for tests that must not touch the user's).
            let config_dir = match std::env::var_os("DEALGATE_CONFIG_DIR") {
                Some(dir) => std::path::PathBuf::from(dir),
                None => app.path().app_config_dir().unwrap_or_else(|_| std::path::PathBuf::from(".")),
            };
            let config_file = team::config_file(&config_dir);
            let (api, view) = tauri::async_runtime::block_on(connect::open_at_start(&config_file));
            let backend = state::Backend::new(api, view, config_file);
            backend.prepare_index_in_background();
            backend.start_watching(app.handle());
            app.manage(backend);
            app.manage(state::Session::from_env());
            state::due_work_in_background(app.handle().clone());
            Ok(())
        })
        .invoke_handler(commands.invoke_handler())
        .run(tauri::generate_context!())
        .expect("error while running the DealGate desktop app");
}
