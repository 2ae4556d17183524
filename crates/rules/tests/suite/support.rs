//! Builders shared by the rules tests: a registration builder, candidate builders and a check case.

use chrono::{Days, NaiveDate, NaiveDateTime};
use dealgate_domain::{
    Band, Explanation, MatchEvidence, MaturityField, Outcome, PartnerTier, Registration, Settings, Source,
};
use dealgate_rules::{decide, CheckInput, FollowUpCandidate, HeadCandidate, Proposal, RegistrationCandidate};

pub use Band::{Match as M, Review as R};

/// The customer every test registers.
pub const CUSTOMER: &str = "杭州云帆数据科技有限公司";
/// The partner that submits the registration under test.
pub const PARTNER: &str = "上海砚川信息服务有限公司";
/// Another partner.
pub const RIVAL: &str = "南京栖岸软件有限公司";
/// A third partner.
pub const THIRD: &str = "深圳澜舟智联科技有限公司";
/// Id of the registration under test.
pub const REG_ID: &str = "REG-0500";

/// A calendar date.
pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// A date and time.
pub fn t(y: i32, m: u32, day: u32, h: u32, min: u32) -> NaiveDateTime {
    d(y, m, day).and_hms_opt(h, min, 0).expect("valid time")
}

/// The default as-of date of the checks.
pub fn as_of() -> NaiveDate {
    d(2025, 6, 30)
}

/// `n` days before the default as-of date.
pub fn before(n: u64) -> NaiveDate {
    as_of().checked_sub_days(Days::new(n)).expect("in range")
}

/// When the registration under test was submitted.
pub fn submitted() -> NaiveDateTime {
    t(2025, 6, 20, 10, 0)
}

/// Builds a registration: mature (amount, close date, phone), silver tier, region 华东, by default.
pub struct RegB(Registration);

/// A mature registration of [`CUSTOMER`] by [`PARTNER`], id [`REG_ID`].
pub fn reg() -> RegB {
    RegB(Registration {
        registration_id: REG_ID.into(),
        partner: PARTNER.into(),
        partner_tier: PartnerTier::Silver,
        submitted_at: submitted(),
        customer_name: CUSTOMER.into(),
        uscc: None,
        website: None,
        contact_name: Some("林晓岚".into()),
        contact_phone: Some("0571-86001234".into()),
        contact_email: None,
        region: Some("华东".into()),
        product: None,
        amount: Some(380_000.0),
        expected_close: Some(d(2025, 9, 30)),
        warnings: Vec::new(),
    })
}

impl RegB {
    pub fn tier(mut self, tier: PartnerTier) -> Self {
        self.0.partner_tier = tier;
        self
    }
    pub fn region(mut self, region: Option<&str>) -> Self {
        self.0.region = region.map(Into::into);
        self
    }
    pub fn amount(mut self, amount: Option<f64>) -> Self {
        self.0.amount = amount;
        self
    }
    pub fn close(mut self, close: Option<NaiveDate>) -> Self {
        self.0.expected_close = close;
        self
    }
    pub fn phone(mut self, phone: Option<&str>) -> Self {
        self.0.contact_phone = phone.map(Into::into);
        self
    }
    pub fn email(mut self, email: Option<&str>) -> Self {
        self.0.contact_email = email.map(Into::into);
        self
    }
    pub fn product(mut self, product: Option<&str>) -> Self {
        self.0.product = product.map(Into::into);
        self
    }
    /// Drops amount, close date and contact: a bare name.
    pub fn immature(self) -> Self {
        self.amount(None).close(None).phone(None).email(None)
    }
    pub fn build(self) -> Registration {
        self.0
    }
}

/// Match evidence for a record.
pub fn ev(source: Source, id: &str, score: f64, band: Band) -> MatchEvidence {
    MatchEvidence { source, record_id: id.into(), name: CUSTOMER.into(), score, band, evidence: Explanation::default() }
}

/// A head account on `region`'s list, owned by 王直营.
pub fn head(id: &str, score: f64, band: Band, region: &str) -> HeadCandidate {
    HeadCandidate {
        evidence: ev(Source::HeadAccount, id, score, band),
        region: region.into(),
        owner: Some("王直营".into()),
    }
}

/// A direct follow-up by `owner` of type `kind` on `date`.
pub fn fu(id: &str, score: f64, band: Band, date: NaiveDate, kind: &str, owner: &str) -> FollowUpCandidate {
    FollowUpCandidate {
        evidence: ev(Source::FollowUp, id, score, band),
        owner: Some(owner.into()),
        activity_date: date,
        activity_type: kind.into(),
    }
}

/// A `visit` by 张销售 `days` before the as-of date (effective under the default settings when `days <= 90`).
pub fn visit(id: &str, score: f64, band: Band, days: u64) -> FollowUpCandidate {
    fu(id, score, band, before(days), "visit", "张销售")
}

/// Another registration of the customer, by `partner`, submitted at `at`.
pub fn other(
    id: &str,
    partner: &str,
    at: NaiveDateTime,
    score: f64,
    band: Band,
    stands: bool,
) -> RegistrationCandidate {
    RegistrationCandidate {
        evidence: ev(Source::Registration, id, score, band),
        partner: partner.into(),
        submitted_at: at,
        registration_id: id.into(),
        stands,
    }
}

/// A standing registration by [`RIVAL`], submitted before the one under test.
pub fn rival(id: &str, score: f64, band: Band) -> RegistrationCandidate {
    other(id, RIVAL, t(2025, 6, 1, 9, 0), score, band, true)
}

/// One check: a registration, its candidates, the settings and the as-of date.
#[derive(Clone)]
pub struct Case {
    pub reg: Registration,
    pub heads: Vec<HeadCandidate>,
    pub follow_ups: Vec<FollowUpCandidate>,
    pub registrations: Vec<RegistrationCandidate>,
    pub settings: Settings,
    pub as_of: NaiveDate,
}

impl Case {
    pub fn new(reg: RegB) -> Self {
        Case {
            reg: reg.build(),
            heads: Vec::new(),
            follow_ups: Vec::new(),
            registrations: Vec::new(),
            settings: Settings::default(),
            as_of: as_of(),
        }
    }
    pub fn head(mut self, h: HeadCandidate) -> Self {
        self.heads.push(h);
        self
    }
    pub fn fu(mut self, f: FollowUpCandidate) -> Self {
        self.follow_ups.push(f);
        self
    }
    pub fn other(mut self, r: RegistrationCandidate) -> Self {
        self.registrations.push(r);
        self
    }
    pub fn settings(mut self, edit: impl FnOnce(&mut Settings)) -> Self {
        edit(&mut self.settings);
        self
    }
    pub fn fields(self, fields: &[MaturityField]) -> Self {
        let fields = fields.to_vec();
        self.settings(move |s| s.maturity_fields = fields)
    }
    pub fn at(mut self, as_of: NaiveDate) -> Self {
        self.as_of = as_of;
        self
    }
    pub fn run(&self) -> Proposal {
        decide(&CheckInput {
            registration: &self.reg,
            heads: self.heads.clone(),
            follow_ups: self.follow_ups.clone(),
            registrations: self.registrations.clone(),
            settings: &self.settings,
            as_of: self.as_of,
        })
    }
}

/// Record ids of a proposal's evidence, in order.
pub fn ids(p: &Proposal) -> Vec<&str> {
    p.matches.iter().map(|m| m.record_id.as_str()).collect()
}

/// Runs each named case and checks outcome, rule and, when given, the id of the first evidence record.
pub fn check_table(cases: Vec<(&str, Case, Outcome, &str, Option<&str>)>) {
    for (name, case, outcome, rule, first) in cases {
        let p = case.run();
        assert_eq!((p.outcome, p.rule), (outcome, rule), "{name}: {}", p.summary);
        if let Some(first) = first {
            assert_eq!(ids(&p).first().copied(), Some(first), "{name}: first match");
        }
    }
}
