//! A decision's one-sentence summary as a code and its parameters (`Summary`), worded in each language
//! at the edge: one `match` per language, exhaustive, so a new summary without its words does not compile.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::words::activity_name;
use crate::{Lang, Lead, MaturityField, Outcome};

/// What a decision says, as stored beside its English text (`{"code": ..., "args": {...}}` in JSON).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "args", rename_all = "snake_case")]
pub enum Summary {
    /// Rule 1: the customer is on a region's head-account list.
    HeadAccount {
        /// The head account's name.
        name: String,
        /// The region whose list holds it.
        region: String,
        /// Its record id.
        record_id: String,
    },
    /// Rule 1, uncertain match.
    HeadAccountUncertain {
        /// The head account's name.
        name: String,
        /// The region whose list holds it.
        region: String,
        /// The match score.
        score: f64,
    },
    /// Rule 2: another partner registered the customer earlier and it stands.
    Duplicate {
        /// The earlier partner.
        partner: String,
        /// The customer's name in the earlier registration.
        name: String,
        /// The earlier registration's id.
        registration_id: String,
        /// When it was submitted (`YYYY-MM-DD HH:MM`).
        submitted_at: String,
    },
    /// Rule 2, uncertain match.
    DuplicateUncertain {
        /// The earlier partner.
        partner: String,
        /// The earlier registration's id.
        registration_id: String,
        /// The customer's name in it.
        name: String,
        /// The match score.
        score: f64,
    },
    /// Rule 3: fields the opportunity lacks.
    Immature {
        /// The missing fields.
        missing: Vec<MaturityField>,
    },
    /// Rule 4: direct is following the customer up; co-sell.
    DirectFollowUp {
        /// The direct rep, if the record names one.
        owner: Option<String>,
        /// The follow-up record's customer name.
        name: String,
        /// Its activity type (`visit`...).
        activity: String,
        /// Its date.
        date: NaiveDate,
        /// Who leads the co-sell.
        lead: Lead,
    },
    /// Rule 4, uncertain match.
    DirectFollowUpUncertain {
        /// The follow-up record's customer name.
        name: String,
        /// Its activity type.
        activity: String,
        /// Its date.
        date: NaiveDate,
        /// The match score.
        score: f64,
    },
    /// Rule 5: approved to the partner.
    Approved {
        /// The partner.
        partner: String,
        /// Protection days.
        days: i64,
        /// The region is channel-only.
        channel_only: bool,
        /// Direct records matched without an effective follow-up (shown as evidence).
        stale: usize,
    },
    /// A channel manager overrode the decision.
    Overridden {
        /// Who.
        by: String,
        /// The outcome replaced.
        from: Outcome,
        /// The new outcome.
        to: Outcome,
        /// Their reason.
        reason: String,
    },
    /// Protection extended.
    Extended {
        /// Days added.
        days: i64,
        /// The new last day.
        until: NaiveDate,
        /// The reason.
        reason: String,
    },
    /// A regional head ruled on a dispute.
    Ruled {
        /// Who.
        by: String,
        /// The outcome ruled.
        outcome: Outcome,
        /// The dispute's number.
        dispute: i64,
        /// The rationale.
        rationale: String,
    },
    /// The protection period ended.
    Expired {
        /// Its last day, if it had one.
        until: Option<NaiveDate>,
    },
    /// A certain match is a company of a group that has a head account: a person decides.
    GroupMember {
        /// The matched record's name.
        name: String,
        /// Its record id.
        record_id: String,
        /// The group.
        group: String,
        /// The group's head account.
        head: String,
        /// The region whose list holds it.
        region: String,
    },
    /// The customer is named like a head account's group: a person decides.
    GroupName {
        /// The group.
        group: String,
        /// The head account.
        head: String,
        /// Its record id.
        record_id: String,
        /// The region whose list holds it.
        region: String,
        /// The match score.
        score: f64,
    },
    /// Another summary, with records a reviewer said are different companies set aside.
    SetAside {
        /// The decision's own summary.
        summary: Box<Summary>,
        /// The records set aside, as `name (id)`.
        records: Vec<String>,
    },
}

impl Summary {
    /// The summary in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.en(),
        }
    }

    /// The English text (also what is stored as the decision's `summary`).
    fn en(&self) -> String {
        match self {
            Summary::HeadAccount { name, region, record_id } => {
                format!("{name} is on the {region} head-account list ({record_id})")
            }
            Summary::HeadAccountUncertain { name, region, score } => {
                format!("may be head account {name} on the {region} list (score {score:.2}): a person decides")
            }
            Summary::Duplicate { partner, name, registration_id, submitted_at } => {
                format!("{partner} registered {name} earlier ({registration_id}, {submitted_at}) and it still stands")
            }
            Summary::DuplicateUncertain { partner, registration_id, name, score } => format!(
                "may duplicate {partner}'s earlier registration {registration_id} of {name} (score {score:.2}): a person decides"
            ),
            Summary::Immature { missing } => {
                let names: Vec<&str> = missing.iter().map(|m| m.name(Lang::En)).collect();
                format!("immature: missing {}", names.join(", "))
            }
            Summary::DirectFollowUp { owner, name, activity, date, lead } => format!(
                "direct ({}) is following up {name}: {activity} on {date}; co-sell, {}",
                owner.as_deref().unwrap_or("(no owner)"),
                lead.name(Lang::En)
            ),
            Summary::DirectFollowUpUncertain { name, activity, date, score } => {
                format!("direct may be following up {name} ({activity} on {date}, score {score:.2}): a person decides")
            }
            Summary::Approved { partner, days, channel_only, stale } => {
                let mut s = format!("approved to {partner} for {days} days");
                if *channel_only {
                    s.push_str(" (channel-only region)");
                } else if *stale > 0 {
                    s.push_str(&format!("; {stale} direct record(s) without effective follow-up shown as evidence"));
                }
                s
            }
            Summary::Overridden { by, from, to, reason } => format!("{by} overrode {from} with {to}: {reason}"),
            Summary::Extended { days, until, reason } => {
                format!("protection extended by {days} days to {until}: {reason}")
            }
            Summary::Ruled { by, outcome, dispute, rationale } => {
                format!("{by} ruled {outcome} on dispute #{dispute}: {rationale}")
            }
            Summary::Expired { until } => {
                format!("protection ended on {}", until.map(|u| u.to_string()).unwrap_or_default())
            }
            Summary::GroupMember { name, record_id, group, head, region } => format!(
                "{name} ({record_id}) belongs to group {group}, which has head account {head} on the {region} list: a person decides"
            ),
            Summary::GroupName { group, head, record_id, region, score } => format!(
                "may belong to group {group}, which has head account {head} ({record_id}) on the {region} list (score {score:.2}): a person decides"
            ),
            Summary::SetAside { summary, records } => {
                format!("{}; set aside as a different company by a reviewer: {}", summary.en(), records.join(", "))
            }
        }
    }

    fn zh(&self) -> String {
        let zh = Lang::Zh;
        match self {
            Summary::HeadAccount { name, region, record_id } => {
                format!("{name} 在{region}的头部客户名单上（{record_id}），归直销")
            }
            Summary::HeadAccountUncertain { name, region, score } => {
                format!("可能是{region}名单上的头部客户 {name}（分数 {score:.2}），需人工决定")
            }
            Summary::Duplicate { partner, name, registration_id, submitted_at } => {
                format!("{partner} 已先报备 {name}（{registration_id}，{submitted_at}），该报备仍有效，判为撞单")
            }
            Summary::DuplicateUncertain { partner, registration_id, name, score } => {
                format!("可能与 {partner} 先前的报备 {registration_id}（{name}）撞单（分数 {score:.2}），需人工决定")
            }
            Summary::Immature { missing } => {
                let names: Vec<&str> = missing.iter().map(|m| m.name(zh)).collect();
                format!("商机不成熟：缺少{}", names.join("、"))
            }
            Summary::DirectFollowUp { owner, name, activity, date, lead } => format!(
                "直销（{}）正在跟进 {name}：{date} {}；项目合作，{}",
                owner.as_deref().unwrap_or("未指定负责人"),
                activity_name(activity, zh),
                lead.name(zh)
            ),
            Summary::DirectFollowUpUncertain { name, activity, date, score } => {
                format!("直销可能在跟进 {name}（{date} {}，分数 {score:.2}），需人工决定", activity_name(activity, zh))
            }
            Summary::Approved { partner, days, channel_only, stale } => {
                let mut s = format!("通过，转给 {partner}，保护期 {days} 天");
                if *channel_only {
                    s.push_str("（纯渠道区域）");
                } else if *stale > 0 {
                    s.push_str(&format!("；另有 {stale} 条直销记录无有效跟进，列为证据"));
                }
                s
            }
            Summary::Overridden { by, from, to, reason } => {
                format!("{by} 将「{}」改判为「{}」：{reason}", from.name(zh), to.name(zh))
            }
            Summary::Extended { days, until, reason } => format!("保护期延长 {days} 天，至 {until}：{reason}"),
            Summary::Ruled { by, outcome, dispute, rationale } => {
                format!("{by} 裁决申诉 #{dispute} 为「{}」：{rationale}", outcome.name(zh))
            }
            Summary::Expired { until } => {
                format!("保护期已于 {} 结束", until.map(|u| u.to_string()).unwrap_or_default())
            }
            Summary::GroupMember { name, record_id, group, head, region } => {
                format!("{name}（{record_id}）属于集团 {group}，该集团的 {head} 在{region}的头部客户名单上，需人工决定")
            }
            Summary::GroupName { group, head, record_id, region, score } => format!(
                "可能属于集团 {group}，该集团的 {head}（{record_id}）在{region}的头部客户名单上（分数 {score:.2}），需人工决定"
            ),
            Summary::SetAside { summary, records } => {
                format!("{}；复核人认定为不同公司、已排除：{}", summary.zh(), records.join("、"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_round_trip_as_code_and_args() {
        let s = Summary::Immature { missing: vec![MaturityField::Amount, MaturityField::Contact] };
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json, serde_json::json!({"code": "immature", "args": {"missing": ["amount", "contact"]}}));
        assert_eq!(serde_json::from_value::<Summary>(json).unwrap(), s);
        assert_eq!(s.text(Lang::En), "immature: missing amount, contact phone or e-mail");
        assert_eq!(s.text(Lang::Zh), "商机不成熟：缺少金额、联系电话或邮箱");
    }

    #[test]
    fn chinese_summaries_name_outcomes_and_activities_in_chinese() {
        let s = Summary::DirectFollowUp {
            owner: Some("直销七".into()),
            name: "青禾科技".into(),
            activity: "visit".into(),
            date: NaiveDate::from_ymd_opt(2026, 5, 2).unwrap(),
            lead: Lead::DirectLed,
        };
        assert_eq!(s.text(Lang::Zh), "直销（直销七）正在跟进 青禾科技：2026-05-02 拜访；项目合作，直销主导");
        assert_eq!(
            s.text(Lang::En),
            "direct (直销七) is following up 青禾科技: visit on 2026-05-02; co-sell, direct leads"
        );
        let o = Summary::Overridden {
            by: "王".into(),
            from: Outcome::Review,
            to: Outcome::Approved,
            reason: "核实".into(),
        };
        assert_eq!(o.text(Lang::Zh), "王 将「人工复核」改判为「通过（转伙伴）」：核实");
        assert_eq!(o.text(Lang::En), "王 overrode review with approved: 核实");
    }
}
