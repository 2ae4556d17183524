//! Disputes: anyone may contest a decision; a regional head of the registration's region rules, with a
//! rationale, and the ruling supersedes the decision.

use crate::decide::{entry, protection_from, require_text, today};
use crate::messages::Said;
use crate::{Api, ApiError, ApiResult, ErrorCode};
use chrono::Duration;
use dealgate_audit::NewEntry;
use dealgate_domain::{Decision, DecisionStatus, Dispute, DisputeStatus, Lang, Outcome, Role, Summary};
use serde_json::json;

impl Api {
    /// Opens a dispute on a registration's current decision.
    pub async fn open_dispute(&self, registration_id: &str, claim: &str, actor: &str) -> ApiResult<Dispute> {
        let user = self.actor(actor).await?;
        let claim = require_text("claim", claim)?;
        let (reg, current) = self.registration_with_decision(registration_id).await?;
        if !crate::access::may_act_in(&user, reg.region.as_deref()) {
            return Err(crate::access::outside_regions(&user, registration_id, reg.region.as_deref()));
        }
        if let Some(open) = self.store.disputes(true).await?.into_iter().find(|d| d.registration_id == registration_id)
        {
            let said = Said::DisputeOpen { dispute: open.id, id: registration_id.to_owned(), by: open.opened_by };
            return Err(ApiError::said(ErrorCode::Conflict, said));
        }
        let (_, settings) = self.store.settings().await?;
        let now = crate::decide::now();
        let mut dispute = Dispute {
            id: 0,
            registration_id: registration_id.to_string(),
            decision_id: current.id,
            region: reg.region.clone(),
            opened_by: user.name.clone(),
            claim: claim.clone(),
            opened_at: now,
            due_at: now + Duration::days(settings.dispute_days),
            status: DisputeStatus::Open,
            ruled_by: None,
            ruling: None,
            rationale: None,
            ruled_at: None,
        };
        let mut audit = NewEntry::new(&user.name, "dispute.open", registration_id)
            .partner(&reg.partner)
            .outcome(current.outcome.as_str())
            .payload(json!({ "claim": claim, "decision_id": current.id, "due_at": dispute.due_at }));
        audit.region = reg.region.clone();
        dispute.id = self.store.open_dispute(&dispute, audit).await?;
        Ok(dispute)
    }

    /// Rules on an open dispute: sets the outcome for the registration, with a rationale.
    pub async fn rule_dispute(
        &self,
        dispute_id: i64,
        outcome: Outcome,
        rationale: &str,
        actor: &str,
    ) -> ApiResult<Decision> {
        let user = self.actor_with(actor, &[Role::RegionalHead], "rule on disputes").await?;
        let rationale = require_text("rationale", rationale)?;
        if outcome == Outcome::Review {
            return Err(ApiError::invalid(
                "a ruling must decide: approved, co_sell, direct_retained, duplicate or needs_info",
            ));
        }
        let dispute = self
            .store
            .dispute(dispute_id)
            .await?
            .ok_or_else(|| ApiError::said(ErrorCode::NotFound, Said::NoDispute { dispute: dispute_id }))?;
        if dispute.status != DisputeStatus::Open {
            let said = Said::AlreadyRuled { dispute: dispute_id, by: dispute.ruled_by.unwrap_or_default() };
            return Err(ApiError::said(ErrorCode::Conflict, said));
        }
        if user.role != Role::Admin {
            match &dispute.region {
                Some(r) if user.covers(r) => {}
                Some(r) => {
                    return Err(ApiError::forbidden(format!(
                        "dispute #{dispute_id} is in {r}; {} is regional head of {}",
                        user.name,
                        if user.regions.is_empty() { "no region".to_string() } else { user.regions.join(", ") }
                    )))
                }
                None => {
                    return Err(ApiError::forbidden(format!("dispute #{dispute_id} has no region; an admin must rule")))
                }
            }
        }
        let (reg, current) = self.registration_with_decision(&dispute.registration_id).await?;
        let (_, settings) = self.store.settings().await?;
        let now = crate::decide::now();
        let said = Summary::Ruled { by: user.name.clone(), outcome, dispute: dispute_id, rationale: rationale.clone() };
        let decision = Decision {
            id: 0,
            outcome,
            rule: "ruling".into(),
            summary: said.text(Lang::En),
            summary_code: Some(said),
            protection_until: protection_from(outcome, today(), settings.protection_days),
            as_of: today(),
            status: DecisionStatus::Ruled,
            actor: user.name.clone(),
            reason: Some(rationale.clone()),
            created_at: now,
            ..current
        };
        let ruled = Dispute {
            status: DisputeStatus::Ruled,
            ruled_by: Some(user.name.clone()),
            ruling: Some(outcome),
            rationale: Some(rationale.clone()),
            ruled_at: Some(now),
            ..dispute
        };
        let mut audit = entry(&user.name, "dispute.rule", &reg, &decision);
        audit.payload.insert("dispute_id", dispute_id.into());
        audit.payload.insert("claim", ruled.claim.clone().into());
        let id = self.store.rule_dispute(&ruled, decision.clone(), audit).await?;
        Ok(Decision { id, ..decision })
    }

    /// Disputes, newest first; only open ones when `open_only`.
    pub async fn disputes(&self, open_only: bool) -> ApiResult<Vec<Dispute>> {
        Ok(self.store.disputes(open_only).await?)
    }
}
