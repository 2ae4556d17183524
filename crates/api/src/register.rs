//! A registration taken by hand (a partner phoned or messaged their channel manager): the intake form's
//! fields validated exactly as an import row is (the same reader, so the same messages), stored with an
//! audit entry naming the person who entered it, and checked at once; or, as a dry run, only proposed.
//!
//! The form's values are read as a one-row CSV by the import reader and stored through the import path, with the
//! rights of an import. `propose_form` proposes without storing, through `check::propose_registration`, which takes a
//! registration that need not be stored.

use crate::progress::Silent;
use crate::{Api, ApiError, ApiResult, Selection};
use chrono::{NaiveDate, NaiveDateTime};
use dealgate_domain::{Decision, DecisionStatus, RecordKind, Registration};
use dealgate_ingest::{read_bytes, Records, RowWarning};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The intake form, every value as typed (validated like an import row's cells).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RegistrationForm {
    /// The registration's id; empty: one is made from the time (`H` + yyyymmddHHMMSS).
    pub registration_id: String,
    /// Partner company.
    pub partner: String,
    /// Partner tier: gold, silver, registered (or 金牌, 银牌, 注册).
    pub partner_tier: String,
    /// Customer company as the partner gave it.
    pub customer_name: String,
    /// Customer USCC.
    pub uscc: String,
    /// Customer website.
    pub website: String,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Contact e-mail.
    pub contact_email: String,
    /// Region.
    pub region: String,
    /// Product.
    pub product: String,
    /// Deal amount (120000, 12万).
    pub amount: String,
    /// Expected close date.
    pub expected_close: String,
}

/// What entering a registration did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Registered {
    /// The registration as read from the form.
    pub registration: Registration,
    /// The proposed decision: the one stored, or for a dry run what would be (id 0).
    pub decision: Decision,
    /// Whether the registration and its decision were stored.
    pub stored: bool,
    /// Doubtful values kept but never used as match keys.
    pub warnings: Vec<RowWarning>,
}

/// The form as a one-row CSV with the canonical headers, for the import reader.
fn as_csv(id: &str, submitted_at: NaiveDateTime, f: &RegistrationForm) -> Vec<u8> {
    let quote = |v: &str| format!("\"{}\"", v.replace('"', "\"\""));
    let header = "registration_id,partner,partner_tier,submitted_at,customer_name,uscc,website,contact_name,\
                  contact_phone,contact_email,region,product,amount,expected_close";
    let at = submitted_at.format("%Y-%m-%d %H:%M:%S").to_string();
    let cells = [
        id,
        &f.partner,
        &f.partner_tier,
        &at,
        &f.customer_name,
        &f.uscc,
        &f.website,
        &f.contact_name,
        &f.contact_phone,
        &f.contact_email,
        &f.region,
        &f.product,
        &f.amount,
        &f.expected_close,
    ];
    let row: Vec<String> = cells.iter().map(|c| quote(c.trim())).collect();
    format!("{header}\n{}\n", row.join(",")).into_bytes()
}

impl Api {
    /// Reads the form as an import row submitted at `now`; refuses it with the import's messages.
    fn read_form(
        &self,
        form: &RegistrationForm,
        now: NaiveDateTime,
    ) -> ApiResult<(Registration, dealgate_ingest::Parsed)> {
        let id = match form.registration_id.trim() {
            "" => format!("H{}", now.format("%Y%m%d%H%M%S")),
            id => id.to_string(),
        };
        let parsed = read_bytes("form", as_csv(&id, now, form), RecordKind::Registration)?;
        if !parsed.rejected.is_empty() {
            let why: Vec<String> = parsed.rejected.iter().map(ToString::to_string).collect();
            return Err(ApiError::invalid(why.join("; ")));
        }
        match &parsed.records {
            Records::Registrations(v) if v.len() == 1 => Ok((v[0].clone(), parsed)),
            _ => Err(ApiError::invalid("the form holds no registration")),
        }
    }

    /// What the rules would propose for the form's registration as of `as_of`, storing nothing: the
    /// intake form's check as the customer's name is typed.
    pub async fn propose_form(&self, form: &RegistrationForm, as_of: NaiveDate) -> ApiResult<Registered> {
        let now = crate::decide::now();
        let (registration, parsed) = self.read_form(form, now)?;
        let (p, settings_version) = self.propose_registration(&registration, as_of).await?;
        let decision = Decision {
            id: 0,
            registration_id: registration.registration_id.clone(),
            outcome: p.outcome,
            rule: p.rule.to_string(),
            summary: p.summary,
            summary_code: Some(p.summary_code),
            lead: p.lead,
            direct_owner: p.direct_owner,
            protection_until: p.protection_until,
            matches: p.matches,
            settings_version,
            as_of,
            status: DecisionStatus::Proposed,
            actor: String::new(),
            reason: None,
            created_at: now,
        };
        Ok(Registered { registration, decision, stored: false, warnings: parsed.warnings })
    }

    /// Stores the form's registration (audited as entered by `actor`, who needs the rights of an
    /// import of it) and its proposed decision as of `as_of`. An id already registered is refused.
    pub async fn register(
        &self,
        form: &RegistrationForm,
        as_of: NaiveDate,
        actor: Option<&str>,
    ) -> ApiResult<Registered> {
        let (registration, parsed) = self.read_form(form, crate::decide::now())?;
        let id = registration.registration_id.clone();
        if self.store.registration(&id).await?.is_some() {
            return Err(ApiError::conflict(format!(
                "{id} is already registered; give another id (or none), or import a file to update it"
            )));
        }
        let importer = self.importer(RecordKind::Registration, actor).await?;
        let who = match &importer {
            Some(user) => {
                self.may_import_rows(user, &parsed.records).await?;
                user.name.clone()
            }
            None => self.actor_or_system(actor).await?,
        };
        self.write_import(RecordKind::Registration, &format!("form {id}"), &parsed, &who, None).await?;
        let report = self.check(Selection::Ids(vec![id.clone()]), as_of, Some(&who), Arc::new(Silent)).await?;
        let decision = self
            .store
            .decisions_by_ids(&report.decision_ids)
            .await?
            .pop()
            .ok_or_else(|| ApiError::not_found(format!("the decision of {id} was not stored")))?;
        Ok(Registered { registration, decision, stored: true, warnings: parsed.warnings })
    }
}
