//! What the signed-in user may do to one registration, worked out once here and sent with the review view,
//! so the UI offers only what would succeed; the checks in `decide`, `dispute` and `access` stay the guard.
//!
//! `item_rights` gives each action with a `WhyNot` code when it is not offered, which the UI words.

use crate::access::may_act_in;
use dealgate_domain::{Decision, DecisionStatus, Dispute, DisputeStatus, Outcome, Registration, Role, User};
use serde::Serialize;

/// Why an action is not offered, as a code the UI words in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum WhyNot {
    /// Nobody is signed in (a database without users).
    NoUser,
    /// The user's role may not do this.
    Role,
    /// The registration lies outside the user's regions (or has none: an admin's).
    Region,
    /// The registration has not been checked yet.
    NotChecked,
    /// A review item has no proposal to accept: a person decides it by choosing an outcome.
    ReviewItem,
    /// A person already decided it (accepted, overridden).
    Decided,
    /// Ruled or expired: only a dispute changes it now.
    Final,
    /// No running protection to extend.
    NoProtection,
    /// A dispute is already open on it.
    DisputeOpen,
    /// No open dispute to rule on.
    NoOpenDispute,
}

/// One action: offered, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Right {
    /// The action would be accepted by the server as things stand.
    pub allowed: bool,
    /// Why it is not offered (none when allowed).
    pub why_not: Option<WhyNot>,
}

impl Right {
    fn check(reasons: &[(bool, WhyNot)]) -> Right {
        match reasons.iter().find(|(blocked, _)| *blocked) {
            Some((_, why)) => Right { allowed: false, why_not: Some(*why) },
            None => Right { allowed: true, why_not: None },
        }
    }
}

/// What the user may do to one registration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ItemRights {
    /// Accept the proposal as it stands.
    pub accept: Right,
    /// Choose another outcome for a reason (also: decide a review item, ask for information).
    pub override_decision: Right,
    /// Extend the protection.
    pub extend: Right,
    /// Open a dispute.
    pub open_dispute: Right,
    /// Rule on the open dispute.
    pub rule_dispute: Right,
}

/// What `user` (none: nobody signed in) may do to `reg`, whose current decision is `decision` and whose
/// disputes are `disputes`. Mirrors the server's checks in the order they refuse.
pub fn item_rights(
    user: Option<&User>,
    reg: &Registration,
    decision: Option<&Decision>,
    disputes: &[Dispute],
) -> ItemRights {
    let Some(user) = user else {
        let no = Right { allowed: false, why_not: Some(WhyNot::NoUser) };
        return ItemRights { accept: no, override_decision: no, extend: no, open_dispute: no, rule_dispute: no };
    };
    let role = |roles: &[Role]| !(user.role == Role::Admin || roles.contains(&user.role));
    let region = !may_act_in(user, reg.region.as_deref());
    let unchecked = decision.is_none();
    let status = decision.map(|d| d.status);
    let is_final = matches!(status, Some(DecisionStatus::Ruled | DecisionStatus::Expired));
    let open = disputes.iter().any(|d| d.status == DisputeStatus::Open && d.registration_id == reg.registration_id);
    let protects = decision
        .is_some_and(|d| d.outcome.protects() && d.status != DecisionStatus::Expired && d.protection_until.is_some());
    let head_covers = user.role == Role::Admin || reg.region.as_deref().is_some_and(|r| user.covers(r));
    ItemRights {
        accept: Right::check(&[
            (role(&[Role::ChannelManager]), WhyNot::Role),
            (region, WhyNot::Region),
            (unchecked, WhyNot::NotChecked),
            (is_final, WhyNot::Final),
            (status.is_some_and(|s| s != DecisionStatus::Proposed), WhyNot::Decided),
            (decision.is_some_and(|d| d.outcome == Outcome::Review), WhyNot::ReviewItem),
        ]),
        override_decision: Right::check(&[
            (role(&[Role::ChannelManager]), WhyNot::Role),
            (region, WhyNot::Region),
            (unchecked, WhyNot::NotChecked),
            (is_final, WhyNot::Final),
        ]),
        extend: Right::check(&[
            (role(&[Role::ChannelManager, Role::RegionalHead]), WhyNot::Role),
            (region, WhyNot::Region),
            (unchecked, WhyNot::NotChecked),
            (!protects, WhyNot::NoProtection),
        ]),
        open_dispute: Right::check(&[
            (region, WhyNot::Region),
            (unchecked, WhyNot::NotChecked),
            (open, WhyNot::DisputeOpen),
        ]),
        rule_dispute: Right::check(&[
            (role(&[Role::RegionalHead]), WhyNot::Role),
            (!head_covers, WhyNot::Region),
            (!open, WhyNot::NoOpenDispute),
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use dealgate_domain::Lead;

    fn user(role: Role, regions: &[&str]) -> User {
        User { name: format!("{role:?}"), role, regions: regions.iter().map(|r| r.to_string()).collect() }
    }

    fn reg(region: Option<&str>) -> Registration {
        let at = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(9, 0, 0).unwrap();
        Registration {
            registration_id: "R1".into(),
            partner: "澜舟伙伴".into(),
            partner_tier: dealgate_domain::PartnerTier::Silver,
            submitted_at: at,
            customer_name: "青禾数据科技有限公司".into(),
            uscc: None,
            website: None,
            contact_name: None,
            contact_phone: None,
            contact_email: None,
            region: region.map(String::from),
            product: None,
            amount: None,
            expected_close: None,
            warnings: vec![],
        }
    }

    fn decision(outcome: Outcome, status: DecisionStatus) -> Decision {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        Decision {
            id: 7,
            registration_id: "R1".into(),
            outcome,
            rule: "5-partner-first".into(),
            summary: String::new(),
            summary_code: None,
            lead: Some(Lead::PartnerLed),
            direct_owner: None,
            protection_until: outcome.protects().then_some(day),
            matches: vec![],
            settings_version: 0,
            as_of: day,
            status,
            actor: "system".into(),
            reason: None,
            created_at: day.and_hms_opt(9, 0, 0).unwrap(),
        }
    }

    fn dispute(open: bool) -> Dispute {
        let at = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap().and_hms_opt(9, 0, 0).unwrap();
        Dispute {
            id: 1,
            registration_id: "R1".into(),
            decision_id: 7,
            region: Some("华东".into()),
            opened_by: "cm".into(),
            claim: "直营先跟进".into(),
            opened_at: at,
            due_at: at,
            status: if open { DisputeStatus::Open } else { DisputeStatus::Ruled },
            ruled_by: None,
            ruling: None,
            rationale: None,
            ruled_at: None,
        }
    }

    fn why(r: Right) -> Option<WhyNot> {
        assert_eq!(r.allowed, r.why_not.is_none());
        r.why_not
    }

    #[test]
    fn a_channel_manager_may_accept_only_an_undecided_confident_proposal_in_their_region() {
        let cm = user(Role::ChannelManager, &["华东"]);
        let east = reg(Some("华东"));
        let proposed = decision(Outcome::Approved, DecisionStatus::Proposed);
        assert_eq!(why(item_rights(Some(&cm), &east, Some(&proposed), &[]).accept), None);
        let review = decision(Outcome::Review, DecisionStatus::Proposed);
        let r = item_rights(Some(&cm), &east, Some(&review), &[]);
        assert_eq!(why(r.accept), Some(WhyNot::ReviewItem));
        assert_eq!(why(r.override_decision), None, "a review item is decided by choosing an outcome");
        let accepted = decision(Outcome::Approved, DecisionStatus::Accepted);
        assert_eq!(why(item_rights(Some(&cm), &east, Some(&accepted), &[]).accept), Some(WhyNot::Decided));
        let ruled = decision(Outcome::Approved, DecisionStatus::Ruled);
        let r = item_rights(Some(&cm), &east, Some(&ruled), &[]);
        assert_eq!((why(r.accept), why(r.override_decision)), (Some(WhyNot::Final), Some(WhyNot::Final)));
        let west = reg(Some("西南"));
        assert_eq!(why(item_rights(Some(&cm), &west, Some(&proposed), &[]).accept), Some(WhyNot::Region));
        assert_eq!(why(item_rights(Some(&cm), &reg(None), Some(&proposed), &[]).accept), Some(WhyNot::Region));
        assert_eq!(why(item_rights(Some(&cm), &east, None, &[]).accept), Some(WhyNot::NotChecked));
    }

    #[test]
    fn the_ruling_form_is_a_regional_head_of_the_region_or_an_admin_and_needs_an_open_dispute() {
        let east = reg(Some("华东"));
        let d = decision(Outcome::Approved, DecisionStatus::Accepted);
        let open = [dispute(true)];
        let cm = user(Role::ChannelManager, &["华东"]);
        assert_eq!(why(item_rights(Some(&cm), &east, Some(&d), &open).rule_dispute), Some(WhyNot::Role));
        let head = user(Role::RegionalHead, &["华东"]);
        let r = item_rights(Some(&head), &east, Some(&d), &open);
        assert_eq!(why(r.rule_dispute), None);
        assert_eq!(why(r.accept), Some(WhyNot::Role), "accepting is a channel manager's");
        assert_eq!(why(r.extend), None, "a head extends in their regions");
        assert_eq!(why(r.open_dispute), Some(WhyNot::DisputeOpen));
        let other_head = user(Role::RegionalHead, &["西南"]);
        assert_eq!(why(item_rights(Some(&other_head), &east, Some(&d), &open).rule_dispute), Some(WhyNot::Region));
        assert_eq!(
            why(item_rights(Some(&head), &east, Some(&d), &[dispute(false)]).rule_dispute),
            Some(WhyNot::NoOpenDispute)
        );
        let admin = user(Role::Admin, &[]);
        let r = item_rights(Some(&admin), &east, Some(&d), &open);
        assert_eq!((why(r.rule_dispute), why(r.override_decision)), (None, None));
    }

    #[test]
    fn extension_needs_a_running_protection_and_nobody_signed_in_may_do_anything() {
        let cm = user(Role::ChannelManager, &["华东"]);
        let east = reg(Some("华东"));
        let dup = decision(Outcome::Duplicate, DecisionStatus::Accepted);
        assert_eq!(why(item_rights(Some(&cm), &east, Some(&dup), &[]).extend), Some(WhyNot::NoProtection));
        let expired = decision(Outcome::Approved, DecisionStatus::Expired);
        assert_eq!(why(item_rights(Some(&cm), &east, Some(&expired), &[]).extend), Some(WhyNot::NoProtection));
        let ops = user(Role::SalesOps, &[]);
        let ok = decision(Outcome::Approved, DecisionStatus::Proposed);
        assert_eq!(why(item_rights(Some(&ops), &east, Some(&ok), &[]).accept), Some(WhyNot::Role));
        let r = item_rights(None, &east, Some(&ok), &[]);
        assert!([r.accept, r.override_decision, r.extend, r.open_dispute, r.rule_dispute]
            .iter()
            .all(|x| x.why_not == Some(WhyNot::NoUser)));
    }
}
