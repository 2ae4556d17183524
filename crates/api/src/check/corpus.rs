//! The in-memory matching corpus of one check run: an index per source, and turning index hits into
//! the rules' candidates with the context a reviewer needs.

use chrono::NaiveDate;
use dealgate_domain::{Band, Decision, FollowUp, HeadAccount, MatchEvidence, Registration, Settings, Source};
use dealgate_matching::{Hit, Index, Party};
use dealgate_rules::{FollowUpCandidate, HeadCandidate, RegistrationCandidate};
use std::collections::HashMap;

/// Fields flagged doubtful at import, which must not be used as keys.
fn flagged(warnings: &[dealgate_domain::FieldWarning]) -> Vec<&str> {
    warnings.iter().map(|w| w.field.as_str()).collect()
}

/// Indexes of the three sources with the records behind them.
pub(crate) struct Corpus {
    heads: Vec<HeadAccount>,
    head_index: Index,
    follow_ups: Vec<FollowUp>,
    follow_index: Index,
    registrations: Vec<Registration>,
    reg_index: Index,
}

impl Corpus {
    /// Indexes everything.
    pub(crate) fn new(heads: Vec<HeadAccount>, follow_ups: Vec<FollowUp>, registrations: Vec<Registration>) -> Corpus {
        let mut head_index = Index::new();
        for h in &heads {
            let f = flagged(&h.warnings);
            head_index.insert(
                &h.account_id,
                &Party {
                    name: &h.account_name,
                    uscc: h.uscc.as_deref(),
                    website: h.website.as_deref(),
                    flagged: &f,
                    ..Default::default()
                },
            );
        }
        let mut follow_index = Index::new();
        for r in &follow_ups {
            let f = flagged(&r.warnings);
            follow_index.insert(
                &r.record_id,
                &Party {
                    name: &r.account_name,
                    uscc: r.uscc.as_deref(),
                    website: r.website.as_deref(),
                    phone: r.phone.as_deref(),
                    flagged: &f,
                    region: r.region.as_deref(),
                    ..Default::default()
                },
            );
        }
        let mut reg_index = Index::new();
        for r in &registrations {
            let f = flagged(&r.warnings);
            reg_index.insert(&r.registration_id, &registration_party(r, &f));
        }
        Corpus { heads, head_index, follow_ups, follow_index, registrations, reg_index }
    }

    /// The registrations, in `submitted_at` order.
    pub(crate) fn registrations(&self) -> &[Registration] {
        &self.registrations
    }

    /// Scores every source against `reg` and returns the rules' candidates.
    pub(crate) fn candidates(
        &self,
        reg: &Registration,
        settings: &Settings,
        as_of: NaiveDate,
        standing: &HashMap<String, Decision>,
    ) -> (Vec<HeadCandidate>, Vec<FollowUpCandidate>, Vec<RegistrationCandidate>) {
        let f = flagged(&reg.warnings);
        let q = registration_party(reg, &f).features();
        let min = settings.review_threshold;
        let ev = |source, index: &Index, hit: Hit, name: &str| MatchEvidence {
            source,
            record_id: index.record_id(hit.record).to_string(),
            name: name.to_string(),
            score: hit.score,
            band: if hit.score >= settings.match_threshold { Band::Match } else { Band::Review },
            evidence: hit.explanation,
        };
        let heads = self
            .head_index
            .search(&q, min)
            .into_iter()
            .map(|hit| {
                let h = &self.heads[hit.record];
                let mut e = ev(Source::HeadAccount, &self.head_index, hit, &h.account_name);
                e.evidence.context.insert("region".into(), h.region.clone());
                if let Some(o) = &h.owner {
                    e.evidence.context.insert("owner".into(), o.clone());
                }
                HeadCandidate { evidence: e, region: h.region.clone(), owner: h.owner.clone() }
            })
            .collect();
        let follow_ups = self
            .follow_index
            .search(&q, min)
            .into_iter()
            .map(|hit| {
                let r = &self.follow_ups[hit.record];
                let mut e = ev(Source::FollowUp, &self.follow_index, hit, &r.account_name);
                let c = &mut e.evidence.context;
                c.insert("activity_date".into(), r.activity_date.to_string());
                c.insert("activity_type".into(), r.activity_type.clone());
                for (k, v) in [("owner", &r.owner), ("region", &r.region), ("stage", &r.stage)] {
                    if let Some(v) = v {
                        c.insert(k.into(), v.clone());
                    }
                }
                FollowUpCandidate {
                    evidence: e,
                    owner: r.owner.clone(),
                    activity_date: r.activity_date,
                    activity_type: r.activity_type.clone(),
                }
            })
            .collect();
        let registrations = self
            .reg_index
            .search(&q, min)
            .into_iter()
            .filter(|hit| self.registrations[hit.record].registration_id != reg.registration_id)
            .map(|hit| {
                let r = &self.registrations[hit.record];
                let current = standing.get(&r.registration_id);
                let stands = current.is_none_or(|d| d.stands_on(as_of));
                let mut e = ev(Source::Registration, &self.reg_index, hit, &r.customer_name);
                let c = &mut e.evidence.context;
                c.insert("partner".into(), r.partner.clone());
                c.insert("submitted_at".into(), r.submitted_at.format("%Y-%m-%d %H:%M").to_string());
                c.insert(
                    "state".into(),
                    current.map_or("pending".to_string(), |d| format!("{} ({})", d.outcome, d.status.as_str())),
                );
                RegistrationCandidate {
                    evidence: e,
                    partner: r.partner.clone(),
                    submitted_at: r.submitted_at,
                    registration_id: r.registration_id.clone(),
                    stands,
                }
            })
            .collect();
        (heads, follow_ups, registrations)
    }
}

fn registration_party<'a>(r: &'a Registration, flagged: &'a [&'a str]) -> Party<'a> {
    Party {
        name: &r.customer_name,
        uscc: r.uscc.as_deref(),
        website: r.website.as_deref(),
        email: r.contact_email.as_deref(),
        phone: r.contact_phone.as_deref(),
        flagged,
        region: r.region.as_deref(),
    }
}
