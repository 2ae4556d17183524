//! Who is acting and whether they may: users, roles and regions checked before any change.

use crate::{Api, ApiError, ApiResult, SYSTEM};
use dealgate_domain::{Role, User};

impl Api {
    /// The named user, or an error saying who exists.
    pub(crate) async fn actor(&self, name: &str) -> ApiResult<User> {
        match self.store.user(name).await? {
            Some(u) => Ok(u),
            None => {
                let known: Vec<String> = self.store.users().await?.into_iter().map(|u| u.name).collect();
                Err(ApiError::not_found(format!(
                    "no user named {name:?}; known users: {}. Add one with `dealgate user add NAME --role ROLE`",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                )))
            }
        }
    }

    /// The named user if they hold one of `roles` (admins always do).
    pub(crate) async fn actor_with(&self, name: &str, roles: &[Role], doing: &str) -> ApiResult<User> {
        let user = self.actor(name).await?;
        if user.role == Role::Admin || roles.contains(&user.role) {
            return Ok(user);
        }
        let allowed: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
        Err(ApiError::forbidden(format!(
            "{} is a {} and may not {doing}; that needs the role {}",
            user.name,
            user.role.as_str(),
            allowed.join(" or ")
        )))
    }

    /// The actor's name for automatic work: the named user (who must exist) or `system`.
    pub(crate) async fn actor_or_system(&self, name: Option<&str>) -> ApiResult<String> {
        match name {
            Some(n) => Ok(self.actor(n).await?.name),
            None => Ok(SYSTEM.to_string()),
        }
    }
}
