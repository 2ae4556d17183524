//! `dealgate`: the command-line front end over `dealgate-api`; parses arguments, calls the API, prints.

mod args;
mod due;
mod output;
mod policy;
mod register;
mod run;

use clap::Parser;
use dealgate_api::{ApiError, ErrorCode};
use std::process::ExitCode;

/// mimalloc: the index holds millions of small allocations, and the benchmarks measure this allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match run::run(cli).await {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "error[{}]: {}",
                serde_json::to_value(e.code).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default(),
                output::safe(&e.message)
            );
            exit_code(&e)
        }
    }
}

/// Exit status of `audit verify` when it finds tampering (documented in `--help` and the README).
pub(crate) const EXIT_TAMPERED: u8 = 4;

fn exit_code(e: &ApiError) -> ExitCode {
    match e.code {
        ErrorCode::InvalidInput | ErrorCode::UnsupportedFile | ErrorCode::NotFound => ExitCode::from(2),
        ErrorCode::Forbidden | ErrorCode::Conflict => ExitCode::from(3),
        _ => ExitCode::from(1),
    }
}
