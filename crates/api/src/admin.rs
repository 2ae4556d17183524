//! Users and the versioned routing settings.

use crate::{Api, ApiError, ApiResult};
use dealgate_audit::NewEntry;
use dealgate_domain::{MaturityField, Role, Settings, SlaUnit, User, WebhookKind};
use serde_json::json;

/// One `key=value` change to the settings, as typed on the command line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SettingChange {
    /// Setting name, e.g. `followup_window_days`.
    pub key: String,
    /// New value; lists are comma-separated.
    pub value: String,
}

impl SettingChange {
    /// Reads `key=value` as typed on the command line.
    pub fn parse(text: &str) -> ApiResult<SettingChange> {
        text.split_once('=')
            .map(|(k, v)| SettingChange { key: k.trim().into(), value: v.into() })
            .ok_or_else(|| ApiError::invalid(format!("{text:?}: expected key=value, e.g. followup_window_days=60")))
    }
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
        "expiry_warning_days" => s.expiry_warning_days = days()?,
        "webhook_url" => s.webhook_url = c.value.trim().to_string(),
        "webhook_kind" => {
            s.webhook_kind = WebhookKind::parse(&c.value).ok_or_else(|| bad("wecom, dingtalk or feishu"))?
        }
        "effective_activity_types" => {
            s.effective_activity_types = list(&c.value).into_iter().map(|t| t.to_lowercase()).collect()
        }
        "channel_only_regions" => s.channel_only_regions = list(&c.value),
        "sla_unit" => s.sla_unit = SlaUnit::parse(&c.value).ok_or_else(|| bad("hours or working_days"))?,
        "sla_limit" => s.sla_limit = c.value.trim().parse::<i64>().map_err(|_| bad("a whole number"))?,
        "calendar_extra" => {
            s.calendar_extra =
                c.value.split([';', '；', '\n']).map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
        }
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
                 effective_activity_types, protection_days, maturity_fields, channel_only_regions, dispute_days, \
                 expiry_warning_days, webhook_url, webhook_kind, sla_unit, sla_limit, calendar_extra"
            )))
        }
    }
    Ok(())
}

/// `base` with `changes` applied and checked as saving them would check them: an unknown key or a
/// wrong value is refused naming the key and what is expected. Saves nothing.
pub(crate) fn draft_settings(base: &Settings, changes: &[SettingChange]) -> ApiResult<Settings> {
    let mut s = base.clone();
    for c in changes {
        apply(&mut s, c)?;
    }
    s.validate().map_err(ApiError::invalid)?;
    Ok(s)
}

impl Api {
    /// Adds or updates a user. The first user may be added by anyone (bootstrap), and so may the first admin
    /// of a database that has users but no admin (nobody could add one otherwise); after that only admins.
    pub async fn save_user(&self, user: User, actor: Option<&str>) -> ApiResult<User> {
        if user.name.trim().is_empty() {
            return Err(ApiError::invalid("a user needs a name"));
        }
        let users = self.store.users().await?;
        let first_admin = user.role == Role::Admin && !users.iter().any(|u| u.role == Role::Admin);
        let by = if users.is_empty() || first_admin {
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

    /// Whether the database has no admin yet (no users at all, or none an admin): the app asks for one.
    pub async fn needs_admin(&self) -> ApiResult<bool> {
        Ok(!self.store.users().await?.iter().any(|u| u.role == Role::Admin))
    }

    /// Adds or updates a user as [`Api::save_user`] does, and on a team database their login too: a new
    /// login needs `password`; an existing one moves to the group of the new role and takes the password
    /// when one is given. On the embedded database a password is refused (it has no logins).
    pub async fn save_user_login(&self, user: User, password: Option<&str>, actor: Option<&str>) -> ApiResult<User> {
        if self.store.signed_in_as().await?.is_none() {
            if password.is_some() {
                return Err(ApiError::invalid(dealgate_store::NO_LOGINS));
            }
            return self.save_user(user, actor).await;
        }
        if password == Some("") {
            return Err(ApiError::invalid("an empty password is refused"));
        }
        let by = self.user_manager(actor).await?;
        let audit = NewEntry::new(&by, "user.save", &user.name)
            .payload(json!({ "role": user.role.as_str(), "regions": user.regions, "login": true }));
        self.store.save_login(&user, password, audit).await?;
        Ok(user)
    }

    /// Removes a user (admins only; on a team database their login goes too).
    pub async fn remove_user(&self, name: &str, actor: Option<&str>) -> ApiResult<()> {
        let by = self.user_manager(actor).await?;
        if by == name {
            return Err(ApiError::invalid(format!("{name} may not remove themselves; another admin may")));
        }
        let gone = self.actor(name).await?;
        let audit = NewEntry::new(&by, "user.remove", name)
            .payload(json!({ "role": gone.role.as_str(), "regions": gone.regions }));
        if !self.store.remove_user(name, audit).await? {
            return Err(ApiError::not_found(format!("no user named {name:?}")));
        }
        Ok(())
    }

    /// Replaces a user's regions (admins only).
    pub async fn set_user_regions(&self, name: &str, regions: Vec<String>, actor: Option<&str>) -> ApiResult<User> {
        let by = self.user_manager(actor).await?;
        let mut user = self.actor(name).await?;
        let before = std::mem::replace(&mut user.regions, regions);
        let audit = NewEntry::new(&by, "user.set_regions", name)
            .payload(json!({ "role": user.role.as_str(), "before": before, "regions": user.regions }));
        self.store.save_user(&user, audit).await?;
        Ok(user)
    }

    /// Sets a user's login password: one's own, or anyone's for an admin. Only a team database has
    /// logins; the entry records who changed whose password, never the password.
    pub async fn set_password(&self, name: &str, password: &str, actor: Option<&str>) -> ApiResult<()> {
        if self.store.signed_in_as().await?.is_none() {
            return Err(ApiError::invalid(dealgate_store::NO_LOGINS));
        }
        if password.is_empty() {
            return Err(ApiError::invalid("an empty password is refused"));
        }
        let by = match actor {
            Some(a) if a == name => a.to_string(),
            _ => self.user_manager(actor).await?,
        };
        self.actor(name).await?;
        let audit = NewEntry::new(&by, "user.password", name);
        self.store.set_password(name, password, audit).await?;
        Ok(())
    }

    /// Who manages users: an admin, or on a team database also its owner (a login that is no DealGate
    /// user; the database's login functions refuse anyone else).
    async fn user_manager(&self, actor: Option<&str>) -> ApiResult<String> {
        let a = actor.ok_or_else(|| ApiError::forbidden("managing users needs an admin: pass --as ADMIN"))?;
        if self.store.signed_in_as().await?.is_some() && self.store.user(a).await?.is_none() {
            return Ok(a.to_string());
        }
        Ok(self.actor_with(a, &[Role::Admin], "manage users").await?.name)
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
        let (_, before) = self.store.settings().await?;
        let s = draft_settings(&before, changes)?;
        let audit = NewEntry::new(&user.name, "settings.update", "settings").payload(json!({
            "before": before,
            "after": s,
            "changes": changes.iter().map(|c| format!("{}={}", c.key, c.value)).collect::<Vec<_>>(),
        }));
        let version = self.store.save_settings(&s, &user.name, audit).await?;
        Ok((version, s))
    }
}
