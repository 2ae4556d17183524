//! Entry point of the DealGate desktop app: opens the database (local or the remembered team one), registers
//! the commands and the plugins (single instance, log, window state, notification, dialog), relays the
//! database's changes to the window (with native notices), opens the window.
//!
//! Single instance and window state are off when `DEALGATE_DB` is set, so each E2E test's app is its own window. The
//! log goes to the platform's log folder (`app_log_dir`) and stdout; every `ApiError` crossing to the UI is logged
//! with the shell's file and line (`error.rs`). The dialog plugin is allowed by `capabilities/default.toml`.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod bindings;
mod commands;
mod connect;
mod desktop;
mod error;
mod lang;
mod progress;
mod state;
mod team;

use tauri::Manager;

/// mimalloc: the index holds millions of small allocations, and the benchmarks measure this allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The log: the platform's log folder (`app_log_dir`: `~/.local/share/com.dealgate.desktop/logs` on
/// Linux) and standard output; one file kept beside the current one, 5 MB each.
fn log_plugin() -> tauri::plugin::TauriPlugin<tauri::Wry> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind};
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets([
            Target::new(TargetKind::Stdout),
            Target::new(TargetKind::LogDir { file_name: Some("dealgate-desktop".into()) }),
        ])
        .level(log::LevelFilter::Info)
        .max_file_size(5_000_000)
        .rotation_strategy(RotationStrategy::KeepOne)
        .build()
}

fn main() {
    let commands = bindings::builder();
    // A database named by `DEALGATE_DB` (tests, scripts, a second database on purpose) gets a window of its
    // own: no single instance (which would hand the launch to a lingering app on the same D-Bus session)
    // and no remembered window state (tests start from the configured size).
    let own_window = std::env::var_os("DEALGATE_DB").is_some();
    let mut builder = tauri::Builder::default();
    if !own_window {
        builder = builder
            .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
                log::info!("a second launch: focusing the open window");
                if let Some(window) = app.get_webview_window("main") {
                    let _ = window.unminimize();
                    let _ = window.show();
                    let _ = window.set_focus();
                }
            }))
            .plugin(
                tauri_plugin_window_state::Builder::new()
                    .with_state_flags(
                        tauri_plugin_window_state::StateFlags::SIZE
                            | tauri_plugin_window_state::StateFlags::POSITION
                            | tauri_plugin_window_state::StateFlags::MAXIMIZED,
                    )
                    .build(),
            );
    }
    builder
        .plugin(log_plugin())
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            log::info!("DealGate {} starting", app.package_info().version);
            lang::set(lang::system());
            // The connection remembered on this machine lives in the app's config folder
            // (`DEALGATE_CONFIG_DIR` instead, for tests that must not touch the user's).
            let config_dir = match std::env::var_os("DEALGATE_CONFIG_DIR") {
                Some(dir) => std::path::PathBuf::from(dir),
                None => app.path().app_config_dir().unwrap_or_else(|_| std::path::PathBuf::from(".")),
            };
            let config_file = team::config_file(&config_dir);
            app.manage(desktop::Prefs::load(&config_dir));
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
