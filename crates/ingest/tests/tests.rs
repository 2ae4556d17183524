//! Integration tests of dealgate-ingest: fixture files written on the fly, records and row errors out.

mod bad_files;
mod bad_rows;
mod csv_input;
mod fuzz;
mod hardening;
mod other_workbooks;
mod preview;
mod refusals;
mod support;
mod xlsx_input;
