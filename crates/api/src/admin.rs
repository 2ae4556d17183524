//! Users and the versioned routing settings.

use crate::{Api, ApiError, ApiResult};
use dealgate_audit::NewEntry;
use dealgate_domain::{MaturityField, Role, Settings, User};
use serde_json::json;

/// One `key=value` change to the settings, as typed on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingChange {
    /// Setting name, e.g. `followup_window_days`.
    pub key: String,
    /// New value; lists are comma-separated.
    pub value: String,
}

fn list(v: &str) -> Vec<String> {
    v.split([',', '，']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

fn apply(s: &mut Settings, c: &SettingChange) -> ApiResult<()> {
    let bad = |expected: &str| ApiError::invalid(format!("setting {} = {:?}: expected {expected}", c.key, c.value));
    let num = || c.value.trim().parse::<f64>().map_err(|_| bad("a number between 0 and 1"));
    let days = || c.value.trim().parse::<i64>().map_err(|_| bad("a whole number of days"));
    match c.key.as_str() {
        "match_threshold" => s.match_threshold = num()?,
        "review_threshold" => s.review_threshold = num()?,
        "followup_window_days" => s.followup_window_days = days()?,
        "protection_days" => s.protection_days = days()?,
        "dispute_days" => s.dispute_days = days()?,
        "effective_activity_types" => {
            s.effective_activity_types = list(&c.value).into_iter().map(|t| t.to_lowercase()).collect()
        }
        "channel_only_regions" => s.channel_only_regions = list(&c.value),
        "maturity_fields" => {
            s.maturity_fields = list(&c.value)
                .iter()
                .map(|f| match f.as_str() {
                    "amount" => Ok(MaturityField::Amount),
                    "expected_close" => Ok(MaturityField::ExpectedClose),
                    "contact" => Ok(MaturityField::Contact),
                    "product" => Ok(MaturityField::Product),
                    _ => Err(bad("a list of amount, expected_close, contact, product")),
                })
                .collect::<ApiResult<_>>()?
        }
        other => {
            return Err(ApiError::invalid(format!(
                "unknown setting {other:?}; settings are match_threshold, review_threshold, followup_window_days, \
                 effective_activity_types, protection_days, maturity_fields, channel_only_regions, dispute_days"
            )))
        }
    }
    Ok(())
}

impl Api {
    /// Adds or updates a user. The first user may be added by anyone (bootstrap); after that only admins.
    pub async fn save_user(&self, user: User, actor: Option<&str>) -> ApiResult<User> {
        if user.name.trim().is_empty() {
            return Err(ApiError::invalid("a user needs a name"));
        }
        let by = if self.store.users().await?.is_empty() {
            actor.unwrap_or(&user.name).to_string()
        } else {
            let a = actor.ok_or_else(|| ApiError::forbidden("adding users needs an admin: pass --as ADMIN"))?;
            self.actor_with(a, &[Role::Admin], "manage users").await?.name
        };
        let audit = NewEntry::new(&by, "user.save", &user.name)
            .payload(json!({ "role": user.role.as_str(), "regions": user.regions }));
        self.store.save_user(&user, audit).await?;
        Ok(user)
    }

    /// All users.
    pub async fn users(&self) -> ApiResult<Vec<User>> {
        Ok(self.store.users().await?)
    }

    /// The settings in force and their version.
    pub async fn settings(&self) -> ApiResult<(i64, Settings)> {
        Ok(self.store.settings().await?)
    }

    /// Applies changes and stores a new settings version (admins only).
    pub async fn update_settings(&self, changes: &[SettingChange], actor: &str) -> ApiResult<(i64, Settings)> {
        let user = self.actor_with(actor, &[Role::Admin], "change settings").await?;
        let (_, mut s) = self.store.settings().await?;
        let before = s.clone();
        for c in changes {
            apply(&mut s, c)?;
        }
        s.validate().map_err(ApiError::invalid)?;
        let audit = NewEntry::new(&user.name, "settings.update", "settings").payload(json!({
            "before": before,
            "after": s,
            "changes": changes.iter().map(|c| format!("{}={}", c.key, c.value)).collect::<Vec<_>>(),
        }));
        let version = self.store.save_settings(&s, &user.name, audit).await?;
        Ok((version, s))
    }
}
