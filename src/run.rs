//! Dispatches each verb to the API and prints its result; no logic of its own.

use crate::args::{
    AuditCmd, Cli, Command, DataFormat, DisputeCmd, ExportFormatArg, Format, Kind, OutcomeArg, PairsCmd, SettingsCmd,
    UserCmd,
};
use crate::output;
use chrono::NaiveDate;
use dealgate_api::domain::{Lang, PairVerdict, RecordKind, User};
use dealgate_api::Said;
use dealgate_api::{
    default_db_path, Anchor, Api, ApiError, ApiResult, AuditFilter, ErrorCode, ExportFormat, ExportRequest, OpenMode,
    Selection, SettingChange, Verdict,
};
use std::process::ExitCode;
use std::sync::Arc;

pub(crate) fn date(s: Option<&str>) -> ApiResult<NaiveDate> {
    match s {
        None => Ok(chrono::Local::now().date_naive()),
        Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| ApiError::said(ErrorCode::InvalidInput, Said::BadDate { value: s.to_owned() })),
    }
}

/// An invalid-input error worded in both languages here.
fn invalid(en: impl Into<String>, zh: impl Into<String>) -> ApiError {
    ApiError::said(ErrorCode::InvalidInput, Said::Both { en: en.into(), zh: zh.into() })
}

fn need_actor(a: &Option<String>, verb: &str) -> ApiResult<String> {
    a.clone().ok_or_else(|| ApiError::said(ErrorCode::InvalidInput, Said::NeedsActor { verb: verb.to_owned() }))
}

fn region_list(regions: &str) -> Vec<String> {
    regions.split([',', '，']).map(str::trim).filter(|r| !r.is_empty()).map(String::from).collect()
}

/// One line of standard input, without its line ending; an empty one is refused.
fn read_password() -> ApiResult<String> {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).map_err(|e| {
        invalid(format!("reading the password from standard input: {e}"), format!("从标准输入读取密码失败：{e}"))
    })?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        return Err(invalid(
            "an empty password is refused (give it on standard input)",
            "密码不能为空（请从标准输入给出）",
        ));
    }
    Ok(password)
}

/// Prints `v` as one pretty JSON document, or (jsonl) a list's items one compact line each.
fn json_out<T: serde::Serialize>(v: &T, format: DataFormat) {
    let value = serde_json::to_value(v).unwrap_or_default();
    match (format, &value) {
        (DataFormat::Json, _) => println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default()),
        (DataFormat::Jsonl, serde_json::Value::Array(items)) => {
            for item in items {
                println!("{item}");
            }
        }
        (DataFormat::Jsonl, one) => println!("{one}"),
    }
}

/// What `command` needs of the database: only commands that put data in may create one, and commands
/// that only read open it read-only (an auditor's copy on read-only media).
fn open_mode(command: &Command) -> OpenMode {
    match command {
        Command::Import { .. } | Command::Demo | Command::User(UserCmd::Add { .. }) => OpenMode::Create,
        Command::Show { .. }
        | Command::Status { .. }
        | Command::Backup { .. }
        | Command::Audit(AuditCmd::Verify { .. })
        | Command::User(UserCmd::List { .. })
        | Command::Settings(SettingsCmd::Show { .. })
        | Command::Dispute(DisputeCmd::List { .. })
        | Command::Pairs(PairsCmd::List { .. })
        | Command::Policy(_)
        | Command::Notify(_) => OpenMode::ReadOnly,
        Command::Register(a) if a.dry_run => OpenMode::ReadOnly,
        _ => OpenMode::Existing,
    }
}

/// Runs one command, then releases the database (folding its log into the file).
pub async fn run(cli: Cli, lang: Lang) -> ApiResult<ExitCode> {
    if let Command::Completions { shell } = cli.command {
        let mut cmd = crate::lang::localize(<Cli as clap::CommandFactory>::command(), lang);
        clap_complete::generate(shell, &mut cmd, "dealgate", &mut std::io::stdout());
        return Ok(ExitCode::SUCCESS);
    }
    let db = cli.db.clone().unwrap_or_else(|| default_db_path().to_string_lossy().into_owned());
    let db = crate::signin::with_password(db)?;
    let api = Api::open(&db, open_mode(&cli.command)).await?;
    let done = run_on(&api, &crate::signin::shown(&db), cli, lang).await;
    api.close().await;
    done
}

/// `en` or `zh`, whichever `lang` is.
fn say(lang: Lang, en: String, zh: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

async fn run_on(api: &Api, db: &str, mut cli: Cli, lang: Lang) -> ApiResult<ExitCode> {
    cli.actor = api.acting_as(cli.actor.as_deref()).await?;
    let actor = cli.actor.as_deref();
    match cli.command {
        Command::Import { kind, path, strict, no_check } => {
            let kind = match kind {
                Kind::FollowUps => RecordKind::FollowUp,
                Kind::HeadAccounts => RecordKind::HeadAccount,
                Kind::Registrations => RecordKind::Registration,
            };
            let progress = Arc::new(output::TermProgress::new(lang));
            let mut report = api.import_and_check(kind, &path, actor, !no_check, progress).await?;
            if let Some(check) = report.check.as_mut() {
                check.word(lang);
            }
            output::import_report(&report, lang);
            if strict && !report.rejected.is_empty() {
                return Ok(ExitCode::from(crate::EXIT_BAD_INPUT));
            }
        }
        Command::Check { all, ids, as_of, format } => {
            if !all && ids.is_empty() {
                return Err(invalid("name registration ids to check, or --all", "请给出要查重的报备编号，或用 --all"));
            }
            let selection = if all { Selection::All } else { Selection::Ids(ids) };
            let progress = Arc::new(output::TermProgress::new(lang));
            let report = api.check(selection, date(as_of.as_deref())?, actor, progress).await?;
            // Read back a thousand at a time: printed as they come, never all held at once.
            if format == Format::Json {
                println!("[");
                for (i, ids) in report.decision_ids.chunks(1000).enumerate() {
                    for (j, d) in api.decisions(ids).await?.iter().enumerate() {
                        let comma = if i + j > 0 { ",\n" } else { "" };
                        print!("{comma}{}", output::decision_json(d));
                    }
                }
                println!("\n]");
            } else {
                output::header(format, lang);
                for ids in report.decision_ids.chunks(1000) {
                    output::rows(&api.decisions(ids).await?, format, lang);
                }
            }
            // The decisions are stored; leave the queue's indexes built before exiting.
            api.settle().await?;
            if report.skipped_final > 0 {
                let n = report.skipped_final;
                eprintln!(
                    "{}",
                    say(
                        lang,
                        format!("{n} registration(s) already decided by a person were not re-checked"),
                        format!("{n} 条已由人决定的报备未重新查重")
                    )
                );
            }
        }
        Command::Decide { id, verdict, outcome: o, reason, same_company, different_company } => {
            let who = need_actor(&cli.actor, "decide")?;
            let verdict = match verdict.as_str() {
                "accept" => Verdict::Accept,
                _ => Verdict::Override {
                    outcome: o
                        .map(OutcomeArg::outcome)
                        .ok_or_else(|| invalid("an override needs --outcome", "改判需要 --outcome"))?,
                    reason: reason.unwrap_or_default(),
                },
            };
            let pair = match (same_company, different_company) {
                (true, _) => Some(PairVerdict::Same),
                (_, true) => Some(PairVerdict::Different),
                _ => None,
            };
            let d = api.decide_with_pair(&id, verdict, pair, &who).await?;
            let (id, summary) = (output::safe(&d.registration_id), d.summary_in(lang));
            let summary = output::safe(&summary);
            match lang {
                Lang::En => println!("{id} {} ({}): {summary}", d.outcome.as_str(), d.status.as_str()),
                Lang::Zh => println!("{id} {}（{}）：{summary}", d.outcome.name(lang), d.status.name(lang)),
            }
        }
        Command::Dispute(DisputeCmd::Open { id, claim }) => {
            let d = api.open_dispute(&id, &claim, &need_actor(&cli.actor, "dispute open")?).await?;
            let due = d.due_at.format("%Y-%m-%d %H:%M");
            println!(
                "{}",
                say(
                    lang,
                    format!("dispute #{} opened on {}; ruling due by {due}", d.id, d.registration_id),
                    format!("已对 {} 发起申诉 #{}；裁决截止 {due}", d.registration_id, d.id)
                )
            );
        }
        Command::Dispute(DisputeCmd::Rule { dispute, outcome: o, rationale }) => {
            let d =
                api.rule_dispute(dispute, o.outcome(), &rationale, &need_actor(&cli.actor, "dispute rule")?).await?;
            let (id, summary) = (output::safe(&d.registration_id), d.summary_in(lang));
            let summary = output::safe(&summary);
            match lang {
                Lang::En => println!("{id} {} (ruled): {summary}", d.outcome.as_str()),
                Lang::Zh => println!("{id} {}（已裁决）：{summary}", d.outcome.name(lang)),
            }
        }
        Command::Dispute(DisputeCmd::List { open, format }) => json_out(&api.disputes(open).await?, format),
        Command::Extend { id, days, reason } => {
            let d = api.extend(&id, days, &reason, &need_actor(&cli.actor, "extend")?).await?;
            println!("{}: {}", output::safe(&d.registration_id), output::safe(&d.summary_in(lang)));
        }
        Command::Expire { as_of } => {
            let expired = api.expire(date(as_of.as_deref())?, actor).await?;
            for d in &expired {
                let id = output::safe(&d.registration_id);
                let summary = d.summary_in(lang);
                let summary = output::safe(&summary);
                println!("{}", say(lang, format!("{id} expired: {summary}"), format!("{id} 已过期：{summary}")));
            }
            let n = expired.len();
            println!("{}", say(lang, format!("{n} protection(s) expired"), format!("{n} 个保护期已过期")));
        }
        Command::Show { id, format } => {
            let (reg, history) = api.registration(&id).await?;
            let decisions: Vec<_> = history.iter().map(output::decision_json).collect();
            json_out(&serde_json::json!({ "registration": reg, "decisions": decisions }), format);
        }
        Command::Audit(AuditCmd::Verify { anchors }) => {
            let anchors = anchors
                .iter()
                .map(|a| a.parse::<Anchor>().map_err(|e| ApiError::new(ErrorCode::InvalidInput, e)))
                .collect::<ApiResult<Vec<_>>>()?;
            let v = api.verify_audit_anchored(&anchors).await?;
            match &v.head {
                Some(head) => println!(
                    "{}",
                    say(
                        lang,
                        format!("head: {head}  (keep this anchor outside the database; pass it back with --anchor)"),
                        format!("链头：{head}（请把这个锚点保存在数据库之外，之后用 --anchor 传回）")
                    )
                ),
                None => println!(
                    "{}",
                    say(
                        lang,
                        "the audit log is empty: nothing has been recorded in this database".into(),
                        "审计日志为空：此数据库尚无任何记录".into()
                    )
                ),
            }
            let (n, records, held) = (v.entries_checked, v.records_checked, anchors.len());
            if v.is_intact() {
                println!(
                    "{}",
                    say(
                        lang,
                        format!("audit log intact: {n} entries verified, {records} decisions, disputes and head accounts match their entries, {held} anchor(s) held"),
                        format!("审计日志完好：已校验 {n} 条记录，{records} 个决定、申诉和头部客户与记录一致，{held} 个锚点仍在")
                    )
                );
            } else {
                for p in &v.problems {
                    let tampered = say(lang, "TAMPERED".into(), "被篡改".into());
                    println!("{tampered} {}: {}", p.seq, output::safe(&p.detail));
                }
                let problems = v.problems.len();
                println!(
                    "{}",
                    say(
                        lang,
                        format!("audit log NOT intact: {problems} problem(s) in {n} entries"),
                        format!("审计日志不完整：{n} 条记录中发现 {problems} 处问题")
                    )
                );
                return Ok(ExitCode::from(crate::EXIT_TAMPERED));
            }
        }
        Command::Audit(AuditCmd::Export { format, out, from, to, region, partner, outcome }) => {
            let format = match format {
                ExportFormatArg::Csv => ExportFormat::Csv,
                ExportFormatArg::Xlsx => ExportFormat::Xlsx,
                ExportFormatArg::Json => ExportFormat::Json,
            };
            let outcome = outcome.map(|o| o.outcome().as_str().to_owned());
            let filter = AuditFilter { from, to, region, partner, outcome, action: None };
            let s = api.export_audit(ExportRequest { format, out, filter, lang }, actor).await?;
            let (n, path, sha) = (s.entries, output::safe(&s.path.display().to_string()).into_owned(), &s.sha256);
            println!(
                "{}",
                say(
                    lang,
                    format!("wrote {n} entries to {path} (sha256 {sha})"),
                    format!("已把 {n} 条记录写入 {path}（sha256 {sha}）")
                )
            );
            if let Some(head) = api.audit_anchor().await? {
                println!(
                    "{}",
                    say(
                        lang,
                        format!("head: {head}  (keep this anchor outside the database; pass it back to audit verify --anchor)"),
                        format!("链头：{head}（请把这个锚点保存在数据库之外，之后传给 audit verify --anchor）")
                    )
                );
            }
        }
        Command::User(UserCmd::Add { name, role, regions, password_stdin }) => {
            let role = role.role();
            let password = if password_stdin { Some(read_password()?) } else { None };
            let user = User { name, role, regions: region_list(&regions) };
            let u = api.save_user_login(user, password.as_deref(), actor).await?;
            let name = output::safe(&u.name);
            match lang {
                Lang::En => println!("user {name} ({}) saved", u.role.as_str()),
                Lang::Zh => println!("已保存用户 {name}（{}）", u.role.name(lang)),
            }
        }
        Command::User(UserCmd::Remove { name }) => {
            api.remove_user(&name, actor).await?;
            let name = output::safe(&name);
            println!("{}", say(lang, format!("user {name} removed"), format!("已删除用户 {name}")));
        }
        Command::User(UserCmd::SetRegions { name, regions }) => {
            let u = api.set_user_regions(&name, region_list(&regions), actor).await?;
            let (name, regions) = (output::safe(&u.name), output::safe(&u.regions.join(", ")).into_owned());
            println!(
                "{}",
                say(
                    lang,
                    format!("user {name} now answers for: {regions}"),
                    format!("用户 {name} 现在负责：{regions}")
                )
            );
        }
        Command::User(UserCmd::Password { name, password_stdin }) => {
            if !password_stdin {
                return Err(invalid(
                    "give the new password on standard input with --password-stdin",
                    "请用 --password-stdin 从标准输入给出新密码",
                ));
            }
            let password = read_password()?;
            api.set_password(&name, &password, actor).await?;
            let name = output::safe(&name);
            println!("{}", say(lang, format!("password of {name} changed"), format!("已修改 {name} 的密码")));
        }
        Command::User(UserCmd::List { format }) => json_out(&api.users().await?, format),
        Command::Settings(SettingsCmd::Show { format }) => {
            let (v, s) = api.settings().await?;
            json_out(&serde_json::json!({ "version": v, "settings": s }), format);
        }
        Command::Settings(SettingsCmd::Set { changes }) => {
            let changes = changes
                .iter()
                .map(|c| {
                    c.split_once('=').map(|(k, v)| SettingChange { key: k.trim().into(), value: v.into() }).ok_or_else(
                        || {
                            invalid(
                                format!("{c:?}: expected key=value, e.g. followup_window_days=60"),
                                format!("「{c}」有误：应为 键=值，例如 followup_window_days=60"),
                            )
                        },
                    )
                })
                .collect::<ApiResult<Vec<_>>>()?;
            let (_, before) = api.settings().await?;
            let (v, s) = api.update_settings(&changes, &need_actor(&cli.actor, "settings set")?).await?;
            // A threshold change moves whole relations: said, not done silently.
            let thresholds = |s: &dealgate_api::domain::Settings| (s.match_threshold, s.review_threshold);
            for m in dealgate_api::bands_moved(thresholds(&before), thresholds(&s)) {
                let text = dealgate_api::band_move(&m, lang);
                eprintln!("{}", say(lang, format!("note: {text}"), format!("注意：{text}")));
            }
            json_out(&serde_json::json!({ "version": v, "settings": s }), DataFormat::Json);
        }
        Command::Pairs(PairsCmd::List { format }) => output::pairs(&api.pair_labels().await?, format),
        Command::Pairs(PairsCmd::Forget { id }) => {
            let p = api.forget_pair(id, &need_actor(&cli.actor, "pairs forget")?).await?;
            println!(
                "forgot pair #{}: {} / {} ({})",
                p.id,
                output::safe(&p.left_name),
                output::safe(&p.right_name),
                p.verdict.as_str()
            );
        }
        Command::Status { format } => json_out(&api.sources().await?, format),
        Command::Backup { out } => {
            api.backup(&out).await?;
            let (from, to) = (output::safe(db), output::safe(&out.display().to_string()).into_owned());
            println!("{}", say(lang, format!("backed up {from} to {to}"), format!("已把 {from} 备份到 {to}")));
        }
        Command::Policy(cmd) => crate::policy::run(api, cmd, lang).await?,
        Command::Notify(cmd) => crate::notify::run(api, cmd, lang).await?,
        Command::Register(args) => crate::register::run(api, *args, actor, lang).await?,
        Command::RunDue { as_of } => crate::due::run(api, as_of.as_deref(), actor).await?,
        Command::Completions { .. } => unreachable!("answered before the database is opened"),
        Command::Demo => {
            let s = api.demo().await?;
            println!("{}{}", say(lang, "demo database: ".into(), "演示数据库：".into()), output::safe(db));
            for (kind, n) in &s.imported {
                println!("  {} {}", n, kind.cli_name());
            }
            let (n, users) = (s.checked, s.users.join(", "));
            println!(
                "{}",
                say(
                    lang,
                    format!("  {n} registrations checked; users: {users}"),
                    format!("  已查重 {n} 条报备；用户：{users}")
                )
            );
            let ds: Vec<_> = api.current_decisions().await?;
            output::decisions(&ds, crate::args::Format::Table, lang);
            let next = say(lang, "next".into(), "下一步".into());
            println!("\n{next}: dealgate --db {} decide R0001 accept --as wang.qudao", output::safe(db));
        }
    }
    Ok(ExitCode::SUCCESS)
}
