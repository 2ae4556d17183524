//! Head-account groups: a registration whose customer matches a company of a group that has a head
//! account (a follow-up or head account whose `group` names it), or whose name is close to the group's
//! own name (the index holds each head account's group as another name of it, never a certain match),
//! goes to `review` naming the group, never silently to the partner. Applied by the check after the
//! rules, like remembered pairs.
//!
//! Such a registration goes to `review` under rule `1-head-account-group` (`GROUP_RULE`). The groups are read from the
//! store once per cached corpus (after its build or a head-account import), not at every check.

use crate::pairs::Candidates;
use dealgate_domain::{Band, HeadAccount, MatchEvidence, Outcome};
use dealgate_rules::Proposal;
use std::collections::HashMap;

/// The rule a group review is recorded under.
pub const GROUP_RULE: &str = "1-head-account-group";

/// A group's key: its name without legal form or branch (`澜岳控股集团` and `澜岳集团` are one group).
fn group_key(name: &str) -> String {
    let n = dealgate_matching::normalize(name);
    if n.stem().is_empty() {
        n.folded().to_string()
    } else {
        n.stem().to_string()
    }
}

/// The groups of the head-account lists: key → (group as written, a head account of it, its region).
#[derive(Default)]
pub(crate) struct HeadGroups(HashMap<String, (String, String, String)>);

impl HeadGroups {
    pub(crate) fn new(heads: &[HeadAccount]) -> HeadGroups {
        let mut groups = HashMap::new();
        for h in heads {
            if let Some(g) = h.group.as_deref().filter(|g| !g.trim().is_empty()) {
                let head = (g.to_string(), format!("{} ({})", h.account_name, h.account_id), h.region.clone());
                groups.entry(group_key(g)).or_insert(head);
            }
        }
        HeadGroups(groups)
    }

    /// The group a certain match of the registration belongs to, if it is a head-account group.
    pub(crate) fn find(&self, c: &Candidates) -> Option<(MatchEvidence, &(String, String, String))> {
        if self.0.is_empty() {
            return None;
        }
        let evidence = c.0.iter().map(|h| &h.evidence).chain(c.1.iter().map(|f| &f.evidence));
        evidence.filter(|e| e.band == Band::Match).find_map(|e| {
            let g = e.evidence.context.get("group")?;
            self.0.get(&group_key(g)).map(|head| (e.clone(), head))
        })
    }
}

/// Turns an approval into a review naming the group (`found` from [`HeadGroups::find`]); names the group
/// in a head-account review that rests on the group's name.
pub(crate) fn review_group(p: &mut Proposal, found: Option<(MatchEvidence, &(String, String, String))>) {
    name_group(p);
    let Some((e, (group, head, region))) = found else { return };
    if p.outcome != Outcome::Approved {
        return;
    }
    p.outcome = Outcome::Review;
    p.rule = GROUP_RULE;
    p.summary_code = dealgate_domain::Summary::GroupMember {
        name: e.name.clone(),
        record_id: e.record_id.clone(),
        group: group.clone(),
        head: head.clone(),
        region: region.clone(),
    };
    p.summary = p.summary_code.text(dealgate_domain::Lang::En);
    p.protection_until = None;
    p.lead = None;
    if !p.matches.iter().any(|m| m.source == e.source && m.record_id == e.record_id) {
        p.matches.insert(0, e);
    }
}

/// A review of a possible head account found through its group's name: recorded under the group rule,
/// its summary naming the group.
fn name_group(p: &mut Proposal) {
    if p.outcome != Outcome::Review || p.rule != "1-head-account-uncertain" {
        return;
    }
    let Some(e) = p.matches.first().filter(|e| e.evidence.reasons.iter().any(|r| r.feature == "group")) else {
        return;
    };
    let group = e.evidence.context.get("group").cloned().unwrap_or_default();
    let region = e.evidence.context.get("region").cloned().unwrap_or_default();
    p.rule = GROUP_RULE;
    p.summary_code = dealgate_domain::Summary::GroupName {
        group,
        head: e.name.clone(),
        record_id: e.record_id.clone(),
        region,
        score: e.score,
    };
    p.summary = p.summary_code.text(dealgate_domain::Lang::En);
}
