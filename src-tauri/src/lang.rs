//! The language the window speaks: the system's at start (`sys-locale`: also on Windows, which sets no
//! `LANG`), then the one the UI chose (`set_language`). Errors, decision summaries and import row errors
//! and match reasons are worded in it before they cross to the UI.

use std::sync::atomic::{AtomicBool, Ordering};

use dealgate_api::domain::{Decision, Lang, Summary};
use dealgate_api::{RowError, RowWarning};

/// Whether the window speaks English (false: Chinese). One window, one language.
static ENGLISH: AtomicBool = AtomicBool::new(false);

/// The system's language: Chinese for a Chinese locale, else English (as the UI's `localeFrom`).
pub fn system() -> Lang {
    sys_locale::get_locale().and_then(|l| Lang::from_locale(&l)).unwrap_or(Lang::En)
}

/// The language now.
pub fn current() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Zh
    }
}

/// Speaks `lang` from now on.
pub fn set(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

/// A decision with its summary and its evidence's match reasons worded in the current language.
pub fn decision(mut d: Decision) -> Decision {
    d.summary = d.summary_in(current());
    for m in &mut d.matches {
        for r in &mut m.evidence.reasons {
            r.detail = dealgate_api::reason(r, current());
        }
    }
    d
}

/// A dispute's current and contested decisions worded likewise.
pub fn dispute_view(mut v: dealgate_api::DisputeView) -> dealgate_api::DisputeView {
    v.decision = v.decision.map(decision);
    v.contested = v.contested.map(decision);
    v
}

/// Row warnings with their doubt worded in the current language.
pub fn row_warnings(warnings: &mut [RowWarning]) {
    for w in warnings {
        w.warning.problem = w.problem_text(current());
    }
}

/// Row errors with their problem and expectation worded in the current language.
pub fn row_errors(errors: &mut [RowError]) {
    for e in errors {
        if let Some(code) = &e.code {
            e.problem = code.problem(current());
            e.expected = code.expected(current()).to_owned();
        }
    }
}

/// An audit entry's payload as the UI shows it: a summary with a code worded in the current language
/// (the code itself dropped); other members as stored.
pub fn audit_payload(payload: &mut serde_json::Value) {
    let Some(map) = payload.as_object_mut() else { return };
    if let Some(code) = map.remove("summary_code") {
        if let Ok(summary) = serde_json::from_value::<Summary>(code) {
            map.insert("summary".into(), summary.text(current()).into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_follow_the_language_set() {
        let e = dealgate_api::ApiError::new(dealgate_api::ErrorCode::Storage, "database is locked");
        // Only English is set by tests (the language is process-wide and tests run in parallel).
        set(Lang::En);
        assert_eq!(crate::error::ShellError::from(e).message, "database is locked");
        assert_eq!(current(), Lang::En);
    }
}
