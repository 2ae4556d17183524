//! Opening the database the app works on: at start (`DEALGATE_DB`, else the team database remembered on
//! this machine with its password from the keyring, else the local file), and when the user connects
//! to a team database or goes back to the local one. Errors name what to fix.
//!
//! A team connection opens with `OpenMode::Existing` and is refused unless the login is a DealGate user.

use std::path::Path;

use dealgate_api::domain::Lang;
use dealgate_api::{Api, ApiError, ErrorCode, OpenMode};

use crate::error::ShellError;
use crate::state::{ConnectionView, DbMode};
use crate::team::{self, KeyringState, TeamSettings};

/// An opened database (or why not) and what the header and connect screen say of it.
pub type Opened = (Result<Api, ApiError>, ConnectionView);

/// The view of `api` opened at `location` (its mode told by whether the database signs people in).
async fn view_of(api: &Result<Api, ApiError>, location: &str, remembered: &team::Remembered) -> ConnectionView {
    let (mode, database) = match api {
        Ok(api) => {
            let team = matches!(api.acting_as(None).await, Ok(Some(_)));
            (if team { DbMode::Team } else { DbMode::Local }, api.describe())
        }
        Err(_) => (DbMode::Local, location.to_string()),
    };
    ConnectionView { mode, database, team: remembered.team.clone(), keyring: KeyringState::NotSaved, problem: None }
}

/// The local database (the user's data folder, or `DEALGATE_DB`), created when missing.
pub async fn open_local(remembered: &team::Remembered) -> Opened {
    let path = dealgate_api::default_db_path();
    let location = path.to_string_lossy().into_owned();
    let api = Api::open(&location, OpenMode::Create).await;
    if let Err(e) = &api {
        log::warn!("cannot open {location}: {}", e.message);
    }
    let view = view_of(&api, &location, remembered).await;
    (api, view)
}

/// Connects to a team database as `settings.user` with `password`: the database must already hold
/// DealGate's schema (its owner creates it) and the login must be a DealGate user.
pub async fn open_team(settings: &TeamSettings, password: Option<&str>) -> Result<Api, ShellError> {
    let api = Api::open(&team::url(settings, password), OpenMode::Existing).await?;
    let login = api.acting_as(None).await?.unwrap_or_else(|| settings.user.clone());
    if let Err(e) = api.user(&login).await {
        api.close().await;
        return Err(match e.code {
            ErrorCode::NotFound => ShellError {
                code: ErrorCode::NotFound,
                message: match crate::lang::current() {
                    Lang::En => format!(
                        "{login} signed in, but is not a DealGate user of {}: ask an admin to add you (`dealgate user add {login} --role ...`)",
                        api.describe()
                    ),
                    Lang::Zh => format!(
                        "{login} 已登录，但不是 {} 的 DealGate 用户：请管理员添加（`dealgate user add {login} --role ...`）",
                        api.describe()
                    ),
                },
            },
            _ => e.into(),
        });
    }
    Ok(api)
}

/// What the app opens at start: `DEALGATE_DB` when set (a file or a team URL, as the CLI), else the
/// team database remembered as in use (its password from the keyring; without one the connect screen
/// asks for it), else the local database.
pub async fn open_at_start(config_file: &Path) -> Opened {
    let remembered = team::load(config_file);
    if std::env::var_os("DEALGATE_DB").is_some() {
        return open_local(&remembered).await;
    }
    let Some(settings) = remembered.team.clone().filter(|_| remembered.use_team) else {
        return open_local(&remembered).await;
    };
    let (password, keyring) = team::saved_password(&settings).await;
    let shown = team::url(&settings, None);
    let mut view = ConnectionView {
        mode: DbMode::Team,
        database: shown.split('?').next().unwrap_or(&shown).to_string(),
        team: Some(settings.clone()),
        keyring,
        problem: None,
    };
    let api = match password {
        Some(p) => open_team(&settings, Some(&p)).await,
        None => Err(ShellError {
            code: ErrorCode::Forbidden,
            message: match (keyring, crate::lang::current()) {
                (KeyringState::Unavailable, Lang::En) => format!(
                    "enter the password for {}: this machine has no keyring service to keep it, so it is asked at every start",
                    view.database
                ),
                (KeyringState::Unavailable, Lang::Zh) => {
                    format!("请输入 {} 的密码：本机没有可保存密码的密钥环服务，每次启动都会询问", view.database)
                }
                (_, Lang::En) => format!("enter the password for {}", view.database),
                (_, Lang::Zh) => format!("请输入 {} 的密码", view.database),
            },
        }),
    };
    match api {
        Ok(api) => {
            view.database = api.describe();
            (Ok(api), view)
        }
        Err(e) => {
            view.problem = Some(e.clone());
            (Err(ApiError::new(e.code, e.message)), view)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::team::Remembered;

    #[tokio::test]
    async fn a_remembered_team_database_without_a_kept_password_asks_for_it() {
        if std::env::var_os("DEALGATE_DB").is_some() {
            eprintln!("SKIPPED: DEALGATE_DB overrides the remembered connection");
            return;
        }
        crate::lang::set(Lang::En);
        let dir = tempfile::tempdir().unwrap();
        let file = team::config_file(dir.path());
        let settings = TeamSettings {
            host: "db.invalid".into(),
            port: 5432,
            // A database nobody's keyring holds a password for.
            database: format!("never_saved_{}", std::process::id()),
            user: "wang.qudao".into(),
            sslmode: Some("require".into()),
        };
        team::save(&file, &Remembered { team: Some(settings.clone()), use_team: true }).unwrap();
        let (api, view) = open_at_start(&file).await;
        let err = api.err().expect("nothing is opened without the password");
        assert_eq!(err.code, ErrorCode::Forbidden);
        let shown = format!("postgres://wang.qudao@db.invalid:5432/{}", settings.database);
        assert!(err.message.starts_with(&format!("enter the password for {shown}")), "{}", err.message);
        assert_eq!(view.mode, DbMode::Team);
        assert_eq!(view.database, shown, "the database named without its sslmode or any password");
        assert_eq!(view.team, Some(settings));
        assert_eq!(view.problem.map(|p| p.code), Some(ErrorCode::Forbidden));
        if view.keyring == KeyringState::Unavailable {
            assert!(err.message.contains("no keyring service"), "{}", err.message);
        }
    }
}
