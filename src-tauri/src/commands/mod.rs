//! Tauri command adapters, one file per group: each takes the state, calls one API function and maps the
//! result into a serialisable value or a [`crate::error::ShellError`]. No logic of its own lives here.

pub mod app;
pub mod audit;
pub mod connection;
pub mod dashboard;
pub mod data;
pub mod demo;
pub mod desktop;
pub mod disputes;
pub mod heads;
pub mod inbox;
pub mod intake;
pub mod pairs;
pub mod queue;
pub mod settings;
