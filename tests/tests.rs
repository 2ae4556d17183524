//! End-to-end tests of the `dealgate` binary: fixture files in (UTF-8, GBK, XLSX), decisions, disputes
//! and audit rows out, on real SQLite files.

mod support;

mod audit;
mod bad_files;
mod check;
mod cli;
mod due;
mod hardening;
mod import;
mod import_check;
mod lang;
mod notify;
mod pairs;
mod register;
mod replay;
mod rights;
mod team;
mod tidy;
mod workflow;
