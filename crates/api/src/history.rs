//! Settings saved whole from the desktop app (with a reason), and the settings history: every
//! version with who saved it, when, and which fields changed from the version before.

use crate::{Api, ApiError, ApiResult};
use chrono::NaiveDateTime;
use dealgate_audit::NewEntry;
use dealgate_domain::{Role, Settings};
use serde::Serialize;
use serde_json::{json, Value};

/// One changed setting.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct FieldChange {
    /// Setting name, e.g. `protection_days`.
    pub field: String,
    /// Value before, as JSON text (`90`, `["visit","demo"]`).
    pub from: String,
    /// Value after, as JSON text.
    pub to: String,
}

/// One saved version of the settings.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SettingsChangeSet {
    /// Version number.
    pub version: i64,
    /// Who saved it.
    pub changed_by: String,
    /// When (UTC).
    pub changed_at: NaiveDateTime,
    /// Fields that differ from the version before (version 1: from the built-in defaults).
    pub changes: Vec<FieldChange>,
}

/// The settings in force and their version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct VersionedSettings {
    /// Version (0: the built-in defaults, never saved).
    pub version: i64,
    /// The settings.
    pub settings: Settings,
}

/// The fields that differ between two settings, in field order.
pub fn settings_diff(before: &Settings, after: &Settings) -> Vec<FieldChange> {
    let (Value::Object(a), Value::Object(b)) = (json!(before), json!(after)) else { return Vec::new() };
    b.iter()
        .filter(|(k, v)| a.get(*k) != Some(*v))
        .map(|(k, v)| FieldChange {
            field: k.clone(),
            from: a.get(k).map(Value::to_string).unwrap_or_default(),
            to: v.to_string(),
        })
        .collect()
}

impl Api {
    /// The settings in force, with their version.
    pub async fn versioned_settings(&self) -> ApiResult<VersionedSettings> {
        let (version, settings) = self.store.settings().await?;
        Ok(VersionedSettings { version, settings })
    }

    /// Saves new settings whole (admins only) and returns the new version; the audit entry records the
    /// changed fields and the reason. Settings equal to those in force are refused.
    pub async fn save_settings(&self, settings: Settings, reason: Option<&str>, actor: &str) -> ApiResult<i64> {
        let user = self.actor_with(actor, &[Role::Admin], "change settings").await?;
        settings.validate().map_err(ApiError::invalid)?;
        let (_, before) = self.store.settings().await?;
        let changes = settings_diff(&before, &settings);
        if changes.is_empty() {
            return Err(ApiError::invalid("nothing changed: these are the settings in force"));
        }
        let audit = NewEntry::new(&user.name, "settings.update", "settings").payload(json!({
            "before": before,
            "after": settings,
            "changes": changes.iter().map(|c| format!("{}={}", c.field, c.to)).collect::<Vec<_>>(),
            "reason": reason.map(str::trim).filter(|r| !r.is_empty()),
        }));
        Ok(self.store.save_settings(&settings, &user.name, audit).await?)
    }

    /// Every saved version, newest first, with its changes from the version before.
    pub async fn settings_history(&self) -> ApiResult<Vec<SettingsChangeSet>> {
        let versions = self.store.settings_versions().await?;
        let mut before = Settings::default();
        let mut out = Vec::with_capacity(versions.len());
        for v in versions {
            out.push(SettingsChangeSet {
                version: v.version,
                changed_by: v.changed_by,
                changed_at: v.changed_at,
                changes: settings_diff(&before, &v.settings),
            });
            before = v.settings;
        }
        out.reverse();
        Ok(out)
    }
}
