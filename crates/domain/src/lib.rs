//! DealGate's domain nouns: the records imported from CRMs and partners, decisions, settings and users.
//!
//! Nothing here does I/O; every other crate speaks in these types.
//!
//! The nouns: `FollowUp`, `HeadAccount`, `Registration` (`records.rs`); `Decision`, `MatchEvidence`, `Dispute`
//! (`decision.rs`); `Settings`, `User`, remembered pairs; USCC check-character validation (`uscc.rs`).
#![warn(missing_docs, unreachable_pub)]

mod decision;
mod lang;
mod pairs;
mod records;
mod settings;
mod summary;
pub mod uscc;
mod users;
pub mod words;
mod workdays;

pub use decision::{
    Band, Decision, DecisionStatus, Dispute, DisputeStatus, Explanation, Lead, MatchEvidence, Outcome, Reason, Source,
    Standing,
};
pub use lang::Lang;
pub use pairs::{PairLabel, PairVerdict};
pub use records::{FieldWarning, FollowUp, HeadAccount, PartnerTier, RecordKind, Registration};
pub use settings::{MaturityField, Settings, SlaUnit, WebhookKind};
pub use summary::Summary;
pub use users::{Role, User};
pub use words::{activity_name, money, rule_name, RULE_IDS};
pub use workdays::{parse_calendar_line, WorkCalendar, CN_CALENDAR};
