//! What an `ApiError` says, as a code and its parameters (`Said`), worded per language with one exhaustive
//! `match` each; an error raised without one is framed in the reader's language by its `ErrorCode`.
//!
//! `ErrorCode::name` names a code; [`reason`]`(&Reason, Lang)` is the one function every display of a match reason
//! goes through.

use dealgate_domain::{Lang, Reason, Role};

use crate::ErrorCode;

/// An error's words as a code and its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// An import refused; its Chinese words come from the import reader's own catalogue.
    Import {
        /// The refusal in Chinese.
        zh: String,
    },
    /// Words given in both languages where the error is raised (a front end's own refusals).
    Both {
        /// English.
        en: String,
        /// Chinese.
        zh: String,
    },
    /// No registration with this id.
    NoRegistration {
        /// The id asked for.
        id: String,
    },
    /// The registration has no decision yet.
    NotChecked {
        /// Its id.
        id: String,
    },
    /// No user with this name.
    NoUser {
        /// The name asked for.
        name: String,
        /// The users there are.
        known: Vec<String>,
    },
    /// The user's role may not do this.
    WrongRole {
        /// Who.
        user: String,
        /// Their role.
        role: Role,
        /// What they tried (`decide registrations`).
        doing: String,
        /// The roles that may.
        allowed: Vec<Role>,
    },
    /// A registration outside the user's regions.
    OutsideRegions {
        /// Who.
        user: String,
        /// What they acted on.
        what: String,
        /// Its region, if it has one.
        region: Option<String>,
        /// The user's regions.
        mine: Vec<String>,
    },
    /// A date that is not `YYYY-MM-DD`.
    BadDate {
        /// The value given.
        value: String,
    },
    /// An outcome name that is not one.
    BadOutcome {
        /// The value given.
        value: String,
    },
    /// A verb that needs `--as USER`.
    NeedsActor {
        /// The verb.
        verb: String,
    },
    /// A blank reason, claim or rationale.
    Required {
        /// What is required (`reason for the override`).
        what: String,
    },
    /// Accepting a decision a person already made.
    AlreadyDecided {
        /// The registration.
        id: String,
        /// Its status (`accepted`...).
        status: String,
        /// Who decided.
        by: String,
    },
    /// Something changed since the caller looked.
    Changed {
        /// What changed.
        subject: String,
    },
    /// A review cannot be accepted, only overridden.
    ReviewNotAcceptable {
        /// The registration.
        id: String,
    },
    /// An override to `review`.
    OverrideToReview,
    /// A ruled or expired decision changes only through a dispute.
    DisputeToChange {
        /// The registration.
        id: String,
        /// Its status.
        status: dealgate_domain::DecisionStatus,
        /// Its outcome.
        outcome: dealgate_domain::Outcome,
    },
    /// An extension outside 1–365 days.
    ExtensionDays {
        /// The days asked for.
        days: i64,
    },
    /// Only an unexpired approval or co-sell has a protection to extend.
    NothingToExtend {
        /// The registration.
        id: String,
        /// Its outcome.
        outcome: dealgate_domain::Outcome,
        /// Its status.
        status: dealgate_domain::DecisionStatus,
    },
    /// A dispute is open on the registration already.
    DisputeOpen {
        /// The open dispute.
        dispute: i64,
        /// The registration.
        id: String,
        /// Who opened it.
        by: String,
    },
    /// No dispute with this number.
    NoDispute {
        /// The number asked for.
        dispute: i64,
    },
    /// The dispute was ruled already.
    AlreadyRuled {
        /// The dispute.
        dispute: i64,
        /// Who ruled.
        by: String,
    },
}

impl Said {
    /// The words in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Zh => self.zh(),
        }
    }

    fn en(&self) -> String {
        let roles = |rs: &[Role]| rs.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(" or ");
        let list = |xs: &[String], none: &str| if xs.is_empty() { none.to_owned() } else { xs.join(", ") };
        match self {
            Said::Import { .. } => String::new(),
            Said::Both { en, .. } => en.clone(),
            Said::NoRegistration { id } => format!("no registration {id:?}"),
            Said::NotChecked { id } => {
                format!("{id} has not been checked yet; run `dealgate check {id} --as-of DATE` first")
            }
            Said::NoUser { name, known } => format!(
                "no user named {name:?}; known users: {}. Add one with `dealgate user add NAME --role ROLE`",
                list(known, "none")
            ),
            Said::WrongRole { user, role, doing, allowed } => {
                format!("{user} is a {} and may not {doing}; that needs the role {}", role.as_str(), roles(allowed))
            }
            Said::OutsideRegions { user, what, region: Some(r), mine } => {
                format!("{what} is in {r}; {user} answers for {}", list(mine, "no region"))
            }
            Said::OutsideRegions { what, region: None, .. } => {
                format!("{what} has no region: only an admin may act on it")
            }
            Said::BadDate { value } => format!("date {value:?}: expected YYYY-MM-DD, e.g. 2026-06-30"),
            Said::BadOutcome { value } => {
                format!("outcome {value:?}: expected approved, co_sell, direct_retained, duplicate or needs_info")
            }
            Said::NeedsActor { verb } => format!("{verb} acts as a named user: add --as USER"),
            Said::Required { what } => format!("a {what} is required and may not be blank"),
            Said::AlreadyDecided { id, status, by } => format!("{id} is already {status} by {by}; override it instead"),
            Said::Changed { subject } => format!("{subject} changed since you looked; look again and retry"),
            Said::ReviewNotAcceptable { id } => format!(
                "{id} needs review: a review cannot be accepted; override it with the outcome you choose and a reason"
            ),
            Said::OverrideToReview => {
                "override with a decision (approved, co_sell, direct_retained, duplicate, needs_info), not review"
                    .into()
            }
            Said::DisputeToChange { id, status, outcome } => {
                format!("{id} is {} ({outcome}); open a dispute to change it", status.as_str())
            }
            Said::ExtensionDays { days } => format!("extension of {days} days: expected 1 to 365 days"),
            Said::NothingToExtend { id, outcome, status } => format!(
                "{id} is {outcome} ({}): only an unexpired approval or co-sell has a protection to extend",
                status.as_str()
            ),
            Said::DisputeOpen { dispute, id, by } => {
                format!("dispute #{dispute} on {id} is still open (by {by}); wait for its ruling")
            }
            Said::NoDispute { dispute } => format!("no dispute #{dispute}"),
            Said::AlreadyRuled { dispute, by } => format!("dispute #{dispute} was already ruled by {by}"),
        }
    }

    fn zh(&self) -> String {
        let zh = Lang::Zh;
        let roles = |rs: &[Role]| rs.iter().map(|r| r.name(zh)).collect::<Vec<_>>().join("或");
        let list = |xs: &[String], none: &str| if xs.is_empty() { none.to_owned() } else { xs.join("、") };
        match self {
            Said::Import { zh } | Said::Both { zh, .. } => zh.clone(),
            Said::NoRegistration { id } => format!("没有编号为 {id} 的报备"),
            Said::NotChecked { id } => format!("{id} 尚未查重；请先运行 `dealgate check {id} --as-of 日期`"),
            Said::NoUser { name, known } => format!(
                "没有名为 {name} 的用户；现有用户：{}。可用 `dealgate user add 姓名 --role 角色` 添加",
                list(known, "无")
            ),
            Said::WrongRole { user, role, doing, allowed } => {
                format!("{user} 是{}，无权{}；需要角色：{}", role.name(zh), doing_zh(doing), roles(allowed))
            }
            Said::OutsideRegions { user, what, region: Some(r), mine } => {
                format!("{what} 属于{r}；{user} 负责的区域：{}", list(mine, "无"))
            }
            Said::OutsideRegions { what, region: None, .. } => format!("{what} 没有区域：只有管理员可以处理"),
            Said::BadDate { value } => format!("日期「{value}」有误：应为 YYYY-MM-DD，例如 2026-06-30"),
            Said::BadOutcome { value } => format!(
                "结果「{value}」有误：应为 approved（通过）、co_sell（项目合作）、direct_retained（直销保留）、duplicate（撞单）或 needs_info（待补充信息）"
            ),
            Said::NeedsActor { verb } => format!("{verb} 需要以具名用户身份操作：请加上 --as 用户名"),
            Said::Required { what } => format!("{}为必填项，不能为空", what_zh(what)),
            Said::AlreadyDecided { id, status, by } => format!(
                "{id} 已由 {by} {}；如需更改请改判",
                dealgate_domain::DecisionStatus::parse(status).map_or(status.as_str(), |s| s.name(zh))
            ),
            Said::Changed { subject } => format!("{subject} 在你查看之后已被更改；请刷新后重试"),
            Said::ReviewNotAcceptable { id } => {
                format!("{id} 需要人工复核：复核不能直接确认；请选择结果并填写理由改判")
            }
            Said::OverrideToReview => "改判须给出决定（通过、项目合作、直销保留、撞单、待补充信息），不能改为人工复核".into(),
            Said::DisputeToChange { id, status, outcome } => {
                format!("{id} 已{}（{}）；如需更改请发起申诉", status.name(zh), outcome.name(zh))
            }
            Said::ExtensionDays { days } => format!("延长 {days} 天有误：应为 1 到 365 天"),
            Said::NothingToExtend { id, outcome, status } => format!(
                "{id} 为{}（{}）：只有未过期的通过或项目合作才有保护期可延长",
                outcome.name(zh),
                status.name(zh)
            ),
            Said::DisputeOpen { dispute, id, by } => {
                format!("{id} 上的申诉 #{dispute}（{by} 发起）尚未裁决；请等待裁决")
            }
            Said::NoDispute { dispute } => format!("没有编号为 #{dispute} 的申诉"),
            Said::AlreadyRuled { dispute, by } => format!("申诉 #{dispute} 已由 {by} 裁决"),
        }
    }
}

/// What a role check names (`decide registrations`) in Chinese; unknown ones as they are.
fn doing_zh(doing: &str) -> &str {
    match doing {
        "decide registrations" => "处理报备",
        "extend protection" => "延长保护期",
        "open disputes" => "发起申诉",
        "rule on disputes" => "裁决申诉",
        "expire protections" => "使保护期过期",
        "change settings" => "修改设置",
        "manage users" => "管理用户",
        "edit head accounts" => "编辑头部客户",
        "import follow-ups" => "导入直销跟进",
        "import head-accounts" => "导入头部客户",
        "import registrations" => "导入伙伴报备",
        other => other,
    }
}

fn what_zh(what: &str) -> &str {
    match what {
        "reason for the override" => "改判理由",
        "reason for the extension" => "延期理由",
        "claim" => "申诉理由",
        "rationale" => "裁决理由",
        "reason for the removal" => "删除理由",
        "account id" => "客户编号",
        "account name" => "客户名称",
        "region" => "区域",
        other => other,
    }
}

impl ErrorCode {
    /// The kind of failure in words, framing an error that has no words of its own in `lang`.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ErrorCode::InvalidInput, Lang::Zh) => "输入有误",
            (ErrorCode::InvalidInput, Lang::En) => "invalid input",
            (ErrorCode::NotFound, Lang::Zh) => "未找到",
            (ErrorCode::NotFound, Lang::En) => "not found",
            (ErrorCode::Forbidden, Lang::Zh) => "无权操作",
            (ErrorCode::Forbidden, Lang::En) => "forbidden",
            (ErrorCode::Conflict, Lang::Zh) => "操作冲突",
            (ErrorCode::Conflict, Lang::En) => "conflict",
            (ErrorCode::File, Lang::Zh) => "文件无法读写",
            (ErrorCode::File, Lang::En) => "file",
            (ErrorCode::UnsupportedFile, Lang::Zh) => "文件无法导入",
            (ErrorCode::UnsupportedFile, Lang::En) => "unsupported file",
            (ErrorCode::Storage, Lang::Zh) => "数据库出错",
            (ErrorCode::Storage, Lang::En) => "storage",
            (ErrorCode::Cancelled, Lang::Zh) => "已取消",
            (ErrorCode::Cancelled, Lang::En) => "cancelled",
            (ErrorCode::Internal, Lang::Zh) => "内部错误",
            (ErrorCode::Internal, Lang::En) => "internal",
        }
    }
}

/// A match reason as a person reads it in `lang`: every display of a reason (CLI, desktop, exports) goes
/// through here, worded by the comparison level it names (`dealgate_matching::reason_text`); a reason
/// without a known code (stored before reasons had codes, or a reviewer's pair) keeps its own words.
pub fn reason(r: &Reason, lang: Lang) -> String {
    let arg = |i: usize| r.args.get(i).map_or("", String::as_str);
    match (r.code.as_str(), lang) {
        ("alias.former_name", Lang::Zh) => format!("{} 是 {} 的曾用名", arg(0), arg(1)),
        ("alias.former_name", Lang::En) => format!("{} is a former name of {}", arg(0), arg(1)),
        ("alias.group", Lang::Zh) => format!("{} 是 {} 所属的集团：集团内的公司可能是、也可能不是它", arg(0), arg(1)),
        ("alias.group", Lang::En) => {
            format!("{} is the group of {}: a company of the group may or may not be it", arg(0), arg(1))
        }
        ("pair.same", Lang::Zh) => {
            format!("{} 认定 {} 与 {} 是同一公司（记忆 #{}，{}）", arg(0), arg(1), arg(2), arg(3), arg(4))
        }
        ("pair.different", Lang::Zh) => {
            format!("{} 认定 {} 与 {} 是不同公司（记忆 #{}，{}）", arg(0), arg(1), arg(2), arg(3), arg(4))
        }
        ("pair.same" | "pair.different", Lang::En) => r.detail.clone(),
        _ => dealgate_matching::reason_text(r, lang),
    }
}

/// A relation that a threshold change moves wholesale ([`crate::BandMove`]), as a sentence in `lang`.
pub fn band_move(m: &crate::BandMove, lang: Lang) -> String {
    let feature = match (m.feature.as_str(), lang) {
        ("core_name", Lang::Zh) => "名称主干",
        ("legal_form", Lang::Zh) => "企业类型",
        ("uscc", Lang::Zh) => "统一社会信用代码",
        ("domain", Lang::Zh) => "网站域名",
        ("phone", Lang::Zh) => "电话",
        ("core_name", Lang::En) => "core-name",
        ("legal_form", Lang::En) => "legal-form",
        ("uscc", Lang::En) => "USCC",
        ("domain", Lang::En) => "domain",
        ("phone", Lang::En) => "phone",
        (other, _) => other,
    };
    let n = m.levels.len();
    match lang {
        Lang::Zh => format!(
            "{feature}的 {n} 种关系（固定得分 {:.2}）将从「{}」变为「{}」",
            m.score,
            m.before.name(lang),
            m.after.name(lang)
        ),
        Lang::En => format!(
            "{n} {feature} relation(s) with a fixed score of {:.2} move from {} to {}",
            m.score,
            m.before.name(lang),
            m.after.name(lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dealgate_domain::{DecisionStatus, Outcome};

    #[test]
    fn every_error_has_words_in_both_languages() {
        let s = |x: &str| x.to_owned();
        let all = [
            Said::Import { zh: s("文件是空的") },
            Said::Both { en: s("name ids"), zh: s("请给出编号") },
            Said::NoRegistration { id: s("R1") },
            Said::NotChecked { id: s("R1") },
            Said::NoUser { name: s("x"), known: vec![] },
            Said::WrongRole {
                user: s("li"),
                role: Role::RegionalHead,
                doing: s("decide registrations"),
                allowed: vec![Role::ChannelManager],
            },
            Said::OutsideRegions { user: s("li"), what: s("R1"), region: Some(s("华东")), mine: vec![] },
            Said::BadDate { value: s("30/6") },
            Said::BadOutcome { value: s("maybe") },
            Said::NeedsActor { verb: s("decide") },
            Said::Required { what: s("claim") },
            Said::AlreadyDecided { id: s("R1"), status: s("accepted"), by: s("wang") },
            Said::Changed { subject: s("R1") },
            Said::ReviewNotAcceptable { id: s("R1") },
            Said::OverrideToReview,
            Said::DisputeToChange { id: s("R1"), status: DecisionStatus::Ruled, outcome: Outcome::Duplicate },
            Said::ExtensionDays { days: 400 },
            Said::NothingToExtend { id: s("R1"), outcome: Outcome::Duplicate, status: DecisionStatus::Proposed },
            Said::DisputeOpen { dispute: 2, id: s("R1"), by: s("wang") },
            Said::NoDispute { dispute: 9 },
            Said::AlreadyRuled { dispute: 2, by: s("li") },
        ];
        for said in &all {
            let (en, zh) = (said.text(Lang::En), said.text(Lang::Zh));
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese in {zh:?}");
            assert!(matches!(said, Said::Import { .. }) || (!en.is_empty() && en != zh), "{said:?}");
        }
        let e = crate::ApiError::new(crate::ErrorCode::Storage, "database is locked");
        assert_eq!(e.text(Lang::Zh), "数据库出错：database is locked");
        assert_eq!(e.text(Lang::En), "database is locked");
    }
}
