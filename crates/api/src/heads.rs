//! Head-account lists edited by hand: regional heads (of that region) and admins add or remove one
//! account at a time; each change is audited with the reason.

use crate::decide::require_text;
use crate::{Api, ApiError, ApiResult};
use dealgate_audit::NewEntry;
use dealgate_domain::{HeadAccount, Role, User};
use dealgate_store::{HeadAccountQuery, Page};
use serde_json::json;

fn require_covers(user: &User, region: &str) -> ApiResult<()> {
    if user.role == Role::Admin || user.covers(region) {
        return Ok(());
    }
    Err(ApiError::forbidden(format!(
        "{} answers for {} and may not change the head accounts of {region}",
        user.name,
        if user.regions.is_empty() { "no region".to_string() } else { user.regions.join(", ") }
    )))
}

impl Api {
    /// A page of head accounts, by region then id.
    pub async fn head_account_page(&self, query: &HeadAccountQuery) -> ApiResult<Page<HeadAccount>> {
        Ok(self.store.head_account_page(query).await?)
    }

    /// Adds an account to a region's list; a `conflict` error if its id is listed already.
    pub async fn add_head_account(&self, account: HeadAccount, actor: &str) -> ApiResult<HeadAccount> {
        let user = self.actor_with(actor, &[Role::RegionalHead], "edit head accounts").await?;
        let account = HeadAccount {
            account_id: require_text("account id", &account.account_id)?,
            region: require_text("region", &account.region)?,
            account_name: require_text("account name", &account.account_name)?,
            ..account
        };
        require_covers(&user, &account.region)?;
        let chars = account.account_name.chars().count();
        if chars > dealgate_ingest::MAX_NAME_CHARS {
            return Err(ApiError::invalid(format!(
                "account name of {chars} characters: expected at most {} (a company name)",
                dealgate_ingest::MAX_NAME_CHARS
            )));
        }
        let audit = NewEntry::new(&user.name, "head_account.add", &account.account_id)
            .region(&account.region)
            .payload(json!({ "account": account }));
        if !self.store.add_head_account(&account, audit).await? {
            return Err(ApiError::conflict(format!(
                "head account {} is listed already; remove it first or choose another id",
                account.account_id
            )));
        }
        Ok(account)
    }

    /// Removes an account from its region's list, for a reason; returns what was removed.
    pub async fn remove_head_account(&self, account_id: &str, reason: &str, actor: &str) -> ApiResult<HeadAccount> {
        let user = self.actor_with(actor, &[Role::RegionalHead], "edit head accounts").await?;
        let reason = require_text("reason for the removal", reason)?;
        let listed = self
            .store
            .head_account(account_id)
            .await?
            .ok_or_else(|| ApiError::not_found(format!("no head account {account_id:?}")))?;
        require_covers(&user, &listed.region)?;
        let audit = NewEntry::new(&user.name, "head_account.remove", account_id)
            .region(&listed.region)
            .payload(json!({ "reason": reason }));
        self.store
            .remove_head_account(account_id, audit)
            .await?
            .ok_or_else(|| ApiError::not_found(format!("no head account {account_id:?}")))
    }
}
