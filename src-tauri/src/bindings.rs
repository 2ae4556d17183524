//! The command list as tauri-specta sees it, and the TypeScript bindings generated from it into
//! `ui/src/bindings.ts`. Regenerate with `UPDATE_BINDINGS=1 cargo test -p dealgate-desktop bindings`.
//!
//! Its test fails when the committed `ui/src/bindings.ts` differs from what it generates.

#[cfg(test)]
use specta_typescript::{BigIntExportBehavior, CommentFormatterArgs, Typescript};
use tauri_specta::{collect_commands, Builder, ErrorHandlingMode};

use crate::commands::{
    app, audit, connection, dashboard, data, demo, desktop, disputes, heads, inbox, intake, pairs, queue, settings,
};

/// Every command the UI may invoke. In the bindings a failed command rejects its promise with the
/// [`crate::error::ShellError`] (`{code, message}`), as `invoke` does.
pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().error_handling(ErrorHandlingMode::Throw).commands(collect_commands![
        app::app_info,
        app::users,
        app::current_user,
        app::switch_user,
        app::save_user,
        connection::connection,
        connection::connect_team,
        connection::use_local_database,
        app::set_language,
        queue::queue,
        queue::queue_facets,
        queue::review,
        queue::accept,
        queue::override_decision,
        queue::extend_protection,
        queue::recheck,
        queue::cancel_job,
        inbox::inbox,
        inbox::inbox_disputes,
        inbox::accept_many,
        inbox::regions_without_head,
        disputes::open_dispute,
        disputes::disputes,
        disputes::rule_dispute,
        data::sources,
        data::decisions,
        data::import_preview,
        data::import_file,
        heads::head_accounts,
        heads::add_head_account,
        heads::remove_head_account,
        pairs::pair_labels,
        pairs::label_pair,
        pairs::forget_pair,
        settings::settings,
        settings::save_settings,
        settings::settings_history,
        intake::preview_settings,
        intake::propose_registration,
        intake::register,
        audit::audit_log,
        audit::verify_audit,
        audit::export_audit,
        dashboard::dashboard,
        demo::run_demo,
        desktop::notifications_enabled,
        desktop::set_notifications,
        desktop::diagnostics,
    ])
}

/// A type's or field's doc comment as one inline `/** first line */`, keeping the file short.
#[cfg(test)]
fn one_line_doc(arg: CommentFormatterArgs) -> String {
    match arg.docs.lines().map(str::trim).find(|l| !l.is_empty()) {
        Some(first) => format!("/** {} */ ", first.replace("*/", "* /")),
        None => String::new(),
    }
}

/// How the bindings are written: counts and ids (never past 2^53 here) as plain numbers, one-line docs.
#[cfg(test)]
fn typescript() -> Typescript {
    Typescript::default()
        .bigint(BigIntExportBehavior::Number)
        .comment_style(one_line_doc)
        .header("// Generated from the Rust commands by tauri-specta; do not edit. Regenerate with\n// `UPDATE_BINDINGS=1 cargo test -p dealgate-desktop bindings`.\n/* eslint-disable */\n// @ts-nocheck")
}

/// The bindings file's text.
#[cfg(test)]
fn render() -> String {
    builder().export_str(typescript()).expect("the command types export to TypeScript")
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    #[test]
    fn bindings_are_up_to_date() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts");
        let fresh = super::render();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write ui/src/bindings.ts");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/bindings.ts is out of date with the Rust commands; run \
             `UPDATE_BINDINGS=1 cargo test -p dealgate-desktop bindings` to regenerate it"
        );
    }

    #[test]
    fn bindings_name_every_command_and_the_error_shape() {
        let ts = super::render();
        for name in ["queue(", "overrideDecision(", "importFile(", "exportAudit(", "cancelJob(", "dashboard("] {
            assert!(ts.contains(name), "bindings lack {name}");
        }
        let error = &ts[ts.find("export type ShellError = {").expect("ShellError is exported")..];
        let error = &error[..error.find('}').unwrap()];
        assert!(error.contains("code: ErrorCode;") && error.contains("message: string"), "{error}");
        assert!(ts.contains("\"not_found\""), "error codes are snake_case strings");
        // Optional filters may be left out by the UI.
        assert!(ts.contains("outcome?: Outcome | null"), "QueueQuery filters are optional");
    }
}
