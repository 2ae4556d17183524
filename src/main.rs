//! `dealgate`: the command-line front end over `dealgate-api`; parses arguments, calls the API, prints.

mod args;
mod due;
mod lang;
mod logs;
mod notify;
mod output;
mod policy;
mod register;
mod run;
mod signin;

use clap::{CommandFactory, FromArgMatches};
use dealgate_api::domain::Lang;
use dealgate_api::{ApiError, ErrorCode};
use std::process::ExitCode;

/// mimalloc: the index holds millions of small allocations, and the benchmarks measure this allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> ExitCode {
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = lang::detect(&argv);
    let matches = lang::localize(args::Cli::command(), lang).get_matches_from(&argv);
    let cli = args::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let _log = logs::init();
    let verb = matches.subcommand_name().unwrap_or_default().to_owned();
    // The verb only: an argument may be a team database's URL with its password.
    tracing::info!(verb, lang = lang.code(), version = env!("CARGO_PKG_VERSION"), "dealgate started");
    match run::run(cli, lang).await {
        Ok(code) => {
            tracing::info!(verb, status = ?code, "dealgate done");
            code
        }
        Err(e) => {
            let code = serde_json::to_value(e.code).ok().and_then(|v| v.as_str().map(String::from)).unwrap_or_default();
            tracing::error!(verb, code, message = %e.message, "dealgate failed");
            match lang {
                Lang::En => eprintln!("error[{code}]: {}", output::safe(&e.text(lang))),
                Lang::Zh => eprintln!("错误：{}", output::safe(&e.text(lang))),
            }
            exit_code(&e)
        }
    }
}

/// Exit status of bad input, and of `import --strict` when rows were rejected.
pub(crate) const EXIT_BAD_INPUT: u8 = 2;

/// Exit status of `audit verify` when it finds tampering (documented in `--help` and the README).
pub(crate) const EXIT_TAMPERED: u8 = 4;

fn exit_code(e: &ApiError) -> ExitCode {
    match e.code {
        ErrorCode::InvalidInput | ErrorCode::UnsupportedFile | ErrorCode::NotFound => ExitCode::from(EXIT_BAD_INPUT),
        ErrorCode::Forbidden | ErrorCode::Conflict => ExitCode::from(3),
        _ => ExitCode::from(1),
    }
}
