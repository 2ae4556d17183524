//! Dispatches each verb to the API and prints its result; no logic of its own.

use crate::args::{AuditCmd, Cli, Command, DisputeCmd, Kind, SettingsCmd, UserCmd};
use crate::output;
use chrono::NaiveDate;
use dealgate_api::domain::{Outcome, RecordKind, Role, User};
use dealgate_api::{
    default_db_path, Anchor, Api, ApiError, ApiResult, AuditFilter, ErrorCode, ExportRequest, OpenMode, Selection,
    SettingChange, Verdict,
};
use std::process::ExitCode;
use std::sync::Arc;

pub(crate) fn date(s: Option<&str>) -> ApiResult<NaiveDate> {
    match s {
        None => Ok(chrono::Local::now().date_naive()),
        Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
            ApiError::new(ErrorCode::InvalidInput, format!("date {s:?}: expected YYYY-MM-DD, e.g. 2026-06-30"))
        }),
    }
}

fn outcome(s: &str) -> ApiResult<Outcome> {
    Outcome::parse(s).ok_or_else(|| {
        ApiError::new(
            ErrorCode::InvalidInput,
            format!("outcome {s:?}: expected approved, co_sell, direct_retained, duplicate or needs_info"),
        )
    })
}

fn need_actor(a: &Option<String>, verb: &str) -> ApiResult<String> {
    a.clone()
        .ok_or_else(|| ApiError::new(ErrorCode::InvalidInput, format!("{verb} acts as a named user: add --as USER")))
}

fn region_list(regions: &str) -> Vec<String> {
    regions.split([',', '，']).map(str::trim).filter(|r| !r.is_empty()).map(String::from).collect()
}

/// One line of standard input, without its line ending; an empty one is refused.
fn read_password() -> ApiResult<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| {
        ApiError::new(ErrorCode::InvalidInput, format!("reading the password from standard input: {e}"))
    })?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        return Err(ApiError::new(ErrorCode::InvalidInput, "an empty password is refused (give it on standard input)"));
    }
    Ok(password)
}

fn json_out<T: serde::Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

/// What `command` needs of the database: only commands that put data in may create one, and commands
/// that only read open it read-only (an auditor's copy on read-only media).
fn open_mode(command: &Command) -> OpenMode {
    match command {
        Command::Import { .. } | Command::Demo | Command::User(UserCmd::Add { .. }) => OpenMode::Create,
        Command::Show { .. }
        | Command::Status
        | Command::Backup { .. }
        | Command::Audit(AuditCmd::Verify { .. })
        | Command::User(UserCmd::List)
        | Command::Settings(SettingsCmd::Show)
        | Command::Dispute(DisputeCmd::List { .. })
        | Command::Policy(_) => OpenMode::ReadOnly,
        Command::Register(a) if a.dry_run => OpenMode::ReadOnly,
        _ => OpenMode::Existing,
    }
}

/// Runs one command, then releases the database (folding its log into the file).
pub async fn run(cli: Cli) -> ApiResult<ExitCode> {
    let db = cli.db.clone().unwrap_or_else(|| default_db_path().to_string_lossy().into_owned());
    let api = Api::open(&db, open_mode(&cli.command)).await?;
    let done = run_on(&api, &db, cli).await;
    api.close().await;
    done
}

async fn run_on(api: &Api, db: &str, mut cli: Cli) -> ApiResult<ExitCode> {
    cli.actor = api.acting_as(cli.actor.as_deref()).await?;
    let actor = cli.actor.as_deref();
    match cli.command {
        Command::Import { kind, path } => {
            let kind = match kind {
                Kind::FollowUps => RecordKind::FollowUp,
                Kind::HeadAccounts => RecordKind::HeadAccount,
                Kind::Registrations => RecordKind::Registration,
            };
            output::import_report(&api.import(kind, &path, actor).await?);
        }
        Command::Check { all, ids, as_of, format } => {
            if !all && ids.is_empty() {
                return Err(ApiError::new(ErrorCode::InvalidInput, "name registration ids to check, or --all"));
            }
            let selection = if all { Selection::All } else { Selection::Ids(ids) };
            let report =
                api.check(selection, date(as_of.as_deref())?, actor, Arc::new(output::TermProgress::new())).await?;
            // Read back a thousand at a time: printed as they come, never all held at once.
            output::header(format);
            for ids in report.decision_ids.chunks(1000) {
                output::rows(&api.decisions(ids).await?, format);
            }
            // The decisions are stored; leave the queue's indexes built before exiting.
            api.settle().await?;
            if report.skipped_final > 0 {
                eprintln!("{} registration(s) already decided by a person were not re-checked", report.skipped_final);
            }
        }
        Command::Decide { id, verdict, outcome: o, reason } => {
            let who = need_actor(&cli.actor, "decide")?;
            let verdict = match verdict.as_str() {
                "accept" => Verdict::Accept,
                _ => Verdict::Override {
                    outcome: outcome(
                        o.as_deref()
                            .ok_or_else(|| ApiError::new(ErrorCode::InvalidInput, "an override needs --outcome"))?,
                    )?,
                    reason: reason.unwrap_or_default(),
                },
            };
            let d = api.decide(&id, verdict, &who).await?;
            println!(
                "{} {} ({}): {}",
                output::safe(&d.registration_id),
                d.outcome,
                d.status.as_str(),
                output::safe(&d.summary)
            );
        }
        Command::Dispute(DisputeCmd::Open { id, claim }) => {
            let d = api.open_dispute(&id, &claim, &need_actor(&cli.actor, "dispute open")?).await?;
            println!(
                "dispute #{} opened on {}; ruling due by {}",
                d.id,
                d.registration_id,
                d.due_at.format("%Y-%m-%d %H:%M")
            );
        }
        Command::Dispute(DisputeCmd::Rule { dispute, outcome: o, rationale }) => {
            let d =
                api.rule_dispute(dispute, outcome(&o)?, &rationale, &need_actor(&cli.actor, "dispute rule")?).await?;
            println!("{} {} (ruled): {}", output::safe(&d.registration_id), d.outcome, output::safe(&d.summary));
        }
        Command::Dispute(DisputeCmd::List { open }) => json_out(&api.disputes(open).await?),
        Command::Extend { id, days, reason } => {
            let d = api.extend(&id, days, &reason, &need_actor(&cli.actor, "extend")?).await?;
            println!("{}: {}", output::safe(&d.registration_id), output::safe(&d.summary));
        }
        Command::Expire { as_of } => {
            let expired = api.expire(date(as_of.as_deref())?, actor).await?;
            for d in &expired {
                println!("{} expired: {}", output::safe(&d.registration_id), output::safe(&d.summary));
            }
            println!("{} protection(s) expired", expired.len());
        }
        Command::Show { id } => {
            let (reg, history) = api.registration(&id).await?;
            json_out(
                &serde_json::json!({ "registration": reg, "decisions": history.iter().map(output::decision_json).collect::<Vec<_>>() }),
            );
        }
        Command::Audit(AuditCmd::Verify { anchors }) => {
            let anchors = anchors
                .iter()
                .map(|a| a.parse::<Anchor>().map_err(|e| ApiError::new(ErrorCode::InvalidInput, e)))
                .collect::<ApiResult<Vec<_>>>()?;
            let v = api.verify_audit_anchored(&anchors).await?;
            match &v.head {
                Some(head) => {
                    println!("head: {head}  (keep this anchor outside the database; pass it back with --anchor)")
                }
                None => println!("the audit log is empty: nothing has been recorded in this database"),
            }
            if v.is_intact() {
                println!(
                    "audit log intact: {} entries verified, {} decisions, disputes and head accounts match their entries, {} anchor(s) held",
                    v.entries_checked,
                    v.records_checked,
                    anchors.len()
                );
            } else {
                for p in &v.problems {
                    println!("TAMPERED {}: {}", p.seq, output::safe(&p.detail));
                }
                println!("audit log NOT intact: {} problem(s) in {} entries", v.problems.len(), v.entries_checked);
                return Ok(ExitCode::from(crate::EXIT_TAMPERED));
            }
        }
        Command::Audit(AuditCmd::Export { format, out, from, to, region, partner, outcome }) => {
            let format = format
                .parse()
                .map_err(|e: dealgate_api::ExportError| ApiError::new(ErrorCode::InvalidInput, e.to_string()))?;
            let filter = AuditFilter { from, to, region, partner, outcome, action: None };
            let s = api.export_audit(ExportRequest { format, out, filter }, actor).await?;
            println!(
                "wrote {} entries to {} (sha256 {})",
                s.entries,
                output::safe(&s.path.display().to_string()),
                s.sha256
            );
            if let Some(head) = api.audit_anchor().await? {
                println!(
                    "head: {head}  (keep this anchor outside the database; pass it back to audit verify --anchor)"
                );
            }
        }
        Command::User(UserCmd::Add { name, role, regions, password_stdin }) => {
            let role = Role::parse(&role).ok_or_else(|| {
                ApiError::new(
                    ErrorCode::InvalidInput,
                    format!("role {role:?}: expected channel_manager, regional_head, sales_ops or admin"),
                )
            })?;
            let password = if password_stdin { Some(read_password()?) } else { None };
            let user = User { name, role, regions: region_list(&regions) };
            let u = api.save_user_login(user, password.as_deref(), actor).await?;
            println!("user {} ({}) saved", output::safe(&u.name), u.role.as_str());
        }
        Command::User(UserCmd::Remove { name }) => {
            api.remove_user(&name, actor).await?;
            println!("user {} removed", output::safe(&name));
        }
        Command::User(UserCmd::SetRegions { name, regions }) => {
            let u = api.set_user_regions(&name, region_list(&regions), actor).await?;
            println!("user {} now answers for: {}", output::safe(&u.name), output::safe(&u.regions.join(", ")));
        }
        Command::User(UserCmd::Password { name, password_stdin }) => {
            if !password_stdin {
                return Err(ApiError::new(
                    ErrorCode::InvalidInput,
                    "give the new password on standard input with --password-stdin",
                ));
            }
            let password = read_password()?;
            api.set_password(&name, &password, actor).await?;
            println!("password of {} changed", output::safe(&name));
        }
        Command::User(UserCmd::List) => json_out(&api.users().await?),
        Command::Settings(SettingsCmd::Show) => {
            let (v, s) = api.settings().await?;
            json_out(&serde_json::json!({ "version": v, "settings": s }));
        }
        Command::Settings(SettingsCmd::Set { changes }) => {
            let changes = changes
                .iter()
                .map(|c| {
                    c.split_once('=').map(|(k, v)| SettingChange { key: k.trim().into(), value: v.into() }).ok_or_else(
                        || {
                            ApiError::new(
                                ErrorCode::InvalidInput,
                                format!("{c:?}: expected key=value, e.g. followup_window_days=60"),
                            )
                        },
                    )
                })
                .collect::<ApiResult<Vec<_>>>()?;
            let (v, s) = api.update_settings(&changes, &need_actor(&cli.actor, "settings set")?).await?;
            json_out(&serde_json::json!({ "version": v, "settings": s }));
        }
        Command::Status => json_out(&api.sources().await?),
        Command::Backup { out } => {
            api.backup(&out).await?;
            println!("backed up {} to {}", output::safe(db), output::safe(&out.display().to_string()));
        }
        Command::Policy(cmd) => crate::policy::run(api, cmd).await?,
        Command::Register(args) => crate::register::run(api, args, actor).await?,
        Command::RunDue { as_of } => crate::due::run(api, as_of.as_deref(), actor).await?,
        Command::Demo => {
            let s = api.demo().await?;
            println!("demo database: {}", output::safe(db));
            for (kind, n) in &s.imported {
                println!("  {} {}", n, kind.cli_name());
            }
            println!("  {} registrations checked; users: {}", s.checked, s.users.join(", "));
            let ds: Vec<_> = api.current_decisions().await?;
            output::decisions(&ds, crate::args::Format::Table);
            println!("\nnext: dealgate --db {} decide R0001 accept --as wang.qudao", output::safe(db));
        }
    }
    Ok(ExitCode::SUCCESS)
}
