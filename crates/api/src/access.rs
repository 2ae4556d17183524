//! Who is acting and whether they may: users, roles and regions checked before any change.

use crate::messages::Said;
use crate::{Api, ApiError, ApiResult, ErrorCode, SYSTEM};
use dealgate_domain::{Role, User};

impl Api {
    /// Who acts in this session, given the name asked for (`--as`, the desktop's user). On a team
    /// database that is the database login, whatever is asked: naming anyone else is refused. On the
    /// embedded database it is the name asked for.
    pub async fn acting_as(&self, requested: Option<&str>) -> ApiResult<Option<String>> {
        match self.store.signed_in_as().await? {
            None => Ok(requested.map(String::from)),
            Some(login) => match requested {
                Some(other) if other != login => Err(ApiError::forbidden(format!(
                    "on a team database you act as the user you signed in as ({login}), not {other}; sign in as {other} to act as them"
                ))),
                _ => Ok(Some(login)),
            },
        }
    }

    /// The named user, or an error saying who exists.
    pub(crate) async fn actor(&self, name: &str) -> ApiResult<User> {
        match self.store.user(name).await? {
            Some(u) => Ok(u),
            None => {
                let known: Vec<String> = self.store.users().await?.into_iter().map(|u| u.name).collect();
                Err(ApiError::said(ErrorCode::NotFound, Said::NoUser { name: name.to_owned(), known }))
            }
        }
    }

    /// The named user if they hold one of `roles` (admins always do).
    pub(crate) async fn actor_with(&self, name: &str, roles: &[Role], doing: &str) -> ApiResult<User> {
        let user = self.actor(name).await?;
        if user.role == Role::Admin || roles.contains(&user.role) {
            return Ok(user);
        }
        let said =
            Said::WrongRole { user: user.name, role: user.role, doing: doing.to_owned(), allowed: roles.to_vec() };
        Err(ApiError::said(ErrorCode::Forbidden, said))
    }

    /// The actor's name for automatic work: the named user (who must exist) or `system`. On a team
    /// database a login that is no DealGate user (the database's owner, setting it up) acts in its own
    /// name: the database itself refuses such a login anything its owner did not grant.
    pub(crate) async fn actor_or_system(&self, name: Option<&str>) -> ApiResult<String> {
        match name {
            Some(n)
                if self.store.user(n).await?.is_none() && self.store.signed_in_as().await?.as_deref() == Some(n) =>
            {
                Ok(n.to_string())
            }
            Some(n) => Ok(self.actor(n).await?.name),
            None => Ok(SYSTEM.to_string()),
        }
    }
}

/// Whether `user` may act on something in `region`: admins anywhere; others only in regions assigned to
/// them (a user with no regions has none), and never on something with no region.
pub(crate) fn may_act_in(user: &User, region: Option<&str>) -> bool {
    user.role == Role::Admin || region.is_some_and(|r| user.regions.iter().any(|mine| mine == r))
}

/// The refusal for [`may_act_in`], naming the user's regions.
pub(crate) fn outside_regions(user: &User, what: &str, region: Option<&str>) -> ApiError {
    let said = Said::OutsideRegions {
        user: user.name.clone(),
        what: what.to_owned(),
        region: region.map(String::from),
        mine: user.regions.clone(),
    };
    ApiError::said(ErrorCode::Forbidden, said)
}

impl Api {
    /// Who imports a file of `kind`. Before the database has any user (a new solo database) anyone may,
    /// as `system` or the name given; afterwards a named user whose role owns the source: follow-ups by
    /// sales operations, head accounts by sales operations and regional heads (theirs only), registrations by sales
    /// operations and channel managers (their regions only); admins all. The rows are checked against
    /// the importer's regions by [`Api::may_import_rows`].
    pub(crate) async fn importer(
        &self,
        kind: dealgate_domain::RecordKind,
        actor: Option<&str>,
    ) -> ApiResult<Option<User>> {
        use dealgate_domain::RecordKind as K;
        if self.store.users().await?.is_empty() {
            return Ok(None);
        }
        let name = actor.ok_or_else(|| {
            ApiError::forbidden(format!("importing {} acts as a named user: add --as USER", kind.cli_name()))
        })?;
        let roles: &[Role] = match kind {
            K::FollowUp => &[Role::SalesOps],
            K::HeadAccount => &[Role::SalesOps, Role::RegionalHead],
            K::Registration => &[Role::SalesOps, Role::ChannelManager],
        };
        Ok(Some(self.actor_with(name, roles, &format!("import {}", kind.cli_name())).await?))
    }

    /// Refuses an import whose rows (or the stored rows they would replace) lie outside the regions of an
    /// importer who answers for regions (regional heads, channel managers).
    pub(crate) async fn may_import_rows(&self, user: &User, records: &dealgate_ingest::Records) -> ApiResult<()> {
        use dealgate_ingest::Records as R;
        if matches!(user.role, Role::Admin | Role::SalesOps) {
            return Ok(());
        }
        match records {
            R::FollowUps(_) => Ok(()),
            R::HeadAccounts(rows) => {
                for a in rows {
                    if !may_act_in(user, Some(&a.region)) {
                        return Err(outside_regions(user, &format!("head account {}", a.account_id), Some(&a.region)));
                    }
                }
                Ok(())
            }
            R::Registrations(rows) => {
                let ids: Vec<String> = rows.iter().map(|r| r.registration_id.clone()).collect();
                let stored = self.store.registrations_by_ids(&ids).await?;
                for (r, before) in rows.iter().zip(stored) {
                    let what = format!("registration {}", r.registration_id);
                    if !may_act_in(user, r.region.as_deref()) {
                        return Err(outside_regions(user, &what, r.region.as_deref()));
                    }
                    if let Some(before) = before.filter(|b| !may_act_in(user, b.region.as_deref())) {
                        return Err(outside_regions(user, &format!("{what} as stored"), before.region.as_deref()));
                    }
                }
                Ok(())
            }
        }
    }
}
