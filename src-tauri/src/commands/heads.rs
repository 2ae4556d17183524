//! Head-account commands: page a region's list, add or remove one account as the acting user (audited).

use dealgate_api::domain::HeadAccount;
use dealgate_api::{HeadAccountQuery, Page};
use tauri::State;

use crate::error::ShellError;
use crate::state::{Backend, Session};

/// A page of head accounts, by region then id; `region` and `search` narrow it.
#[tauri::command]
#[specta::specta]
pub async fn head_accounts(
    backend: State<'_, Backend>,
    region: Option<String>,
    search: Option<String>,
    offset: i64,
    limit: i64,
) -> Result<Page<HeadAccount>, ShellError> {
    let query = HeadAccountQuery { region, search, offset, limit };
    Ok(backend.api()?.head_account_page(&query).await?)
}

/// Adds an account to its region's list.
#[tauri::command]
#[specta::specta]
pub async fn add_head_account(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    account: HeadAccount,
) -> Result<HeadAccount, ShellError> {
    let api = backend.api()?;
    Ok(api.add_head_account(account, &session.actor(&api).await?).await?)
}

/// Removes an account from its region's list, for a reason; returns what was removed.
#[tauri::command]
#[specta::specta]
pub async fn remove_head_account(
    backend: State<'_, Backend>,
    session: State<'_, Session>,
    account_id: String,
    reason: String,
) -> Result<HeadAccount, ShellError> {
    let api = backend.api()?;
    Ok(api.remove_head_account(&account_id, &reason, &session.actor(&api).await?).await?)
}
