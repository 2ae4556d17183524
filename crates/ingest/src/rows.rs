//! Turning one data row into a domain record, collecting every bad value as a `RowError`
//! and every doubtful one as a `FieldWarning`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use dealgate_domain::{uscc, FieldWarning, FollowUp, HeadAccount, PartnerTier, Registration};

use crate::cell::{Cell, Row};
use crate::headers::{canonical, Columns, Field};
use crate::values::{self, AmountError};
use crate::RowError;

const EXPECT_DATE: &str = "a date such as 2026-06-30";
const EXPECT_DATETIME: &str = "a date and time such as 2026-06-29 11:55, or a date such as 2026-06-29";
const EXPECT_AMOUNT: &str = "a number such as 120000 or 12万";
const EXPECT_TIER: &str = "one of gold (金牌), silver (银牌), registered (注册), or empty for registered";

/// Reading context for one data row.
pub(crate) struct RowCtx<'a> {
    row: &'a dyn Row,
    cols: &'a Columns,
    file: &'a str,
    line: usize,
    /// Bad values found so far; any makes the row rejected.
    pub(crate) errors: Vec<RowError>,
    warnings: Vec<FieldWarning>,
}

impl<'a> RowCtx<'a> {
    pub(crate) fn new(row: &'a dyn Row, cols: &'a Columns, file: &'a str, line: usize) -> Self {
        RowCtx { row, cols, file, line, errors: Vec::new(), warnings: Vec::new() }
    }

    fn cell(&self, field: Field) -> (Cell<'a>, Option<usize>) {
        match self.cols.get(field) {
            Some(col) => (self.row.cell(col), Some(col)),
            None => (Cell::Empty, None),
        }
    }

    fn reject(&mut self, field: Field, col: Option<usize>, value: String, problem: String, expected: &str) {
        let column = col.map(|c| self.cols.headers.get(c).cloned().unwrap_or_else(|| canonical(field).to_owned()));
        self.errors.push(RowError {
            file: self.file.to_owned(),
            line: self.line,
            column,
            column_number: col.map(|c| self.row.column_offset() + c + 1),
            value,
            problem,
            expected: expected.to_owned(),
        });
    }

    fn missing(&mut self, field: Field, col: Option<usize>) {
        self.reject(field, col, String::new(), format!("{} is empty", canonical(field)), "a value");
    }

    /// A required text value; an empty one is an error (the returned string is then unused).
    pub(crate) fn required(&mut self, field: Field) -> String {
        let (cell, col) = self.cell(field);
        if cell.is_empty() {
            self.missing(field, col);
            return String::new();
        }
        cell.as_text().into_owned()
    }

    /// An optional text value; empty or a placeholder such as `无` or `-` reads as `None`.
    pub(crate) fn optional(&mut self, field: Field) -> Option<String> {
        let text = self.cell(field).0.as_text();
        (!text.is_empty() && !values::is_placeholder(&text)).then(|| text.into_owned())
    }

    fn date_time(&mut self, field: Field, required: bool, expected: &str) -> Option<(NaiveDate, Option<NaiveTime>)> {
        let (cell, col) = self.cell(field);
        let parsed = match cell {
            Cell::Empty => {
                if required {
                    self.missing(field, col);
                }
                return None;
            }
            Cell::Text(s) if !required && values::is_placeholder(s) => return None,
            Cell::Text(s) => values::parse_date_time(s),
            Cell::DateTime(dt) => Some((dt.date(), Some(dt.time()))),
            Cell::Number(n) => excel_number_date(n),
        };
        if parsed.is_none() {
            let value = cell.as_text().into_owned();
            self.reject(field, col, value, "is not a date".to_owned(), expected);
        }
        parsed
    }

    /// A date; any time of day is dropped.
    pub(crate) fn date(&mut self, field: Field, required: bool) -> Option<NaiveDate> {
        self.date_time(field, required, EXPECT_DATE).map(|(d, _)| d)
    }

    /// A required date and time; a date alone means midnight.
    pub(crate) fn datetime(&mut self, field: Field) -> Option<NaiveDateTime> {
        self.date_time(field, true, EXPECT_DATETIME).map(|(d, t)| d.and_time(t.unwrap_or(NaiveTime::MIN)))
    }

    /// An optional, non-negative amount.
    pub(crate) fn amount(&mut self, field: Field) -> Option<f64> {
        let (cell, col) = self.cell(field);
        let parsed = match cell {
            Cell::Empty => return None,
            Cell::Text(s) if values::is_placeholder(s) => return None,
            Cell::Text(s) => values::parse_amount(s, self.cols.amount_scale),
            Cell::Number(n) if n < 0.0 => Err(AmountError::Negative),
            Cell::Number(n) if n.is_finite() => Ok(values::scale_amount(n, self.cols.amount_scale)),
            Cell::Number(_) | Cell::DateTime(_) => Err(AmountError::NotANumber),
        };
        match parsed {
            Ok(v) => Some(v),
            Err(e) => {
                let (problem, expected) = match e {
                    AmountError::NotANumber => ("is not an amount", EXPECT_AMOUNT),
                    AmountError::Negative => ("is a negative amount", "an amount of 0 or more"),
                };
                let value = cell.as_text().into_owned();
                self.reject(field, col, value, problem.to_owned(), expected);
                None
            }
        }
    }

    /// A partner tier; empty means `Registered`.
    pub(crate) fn tier(&mut self, field: Field) -> PartnerTier {
        let (cell, col) = self.cell(field);
        let text = cell.as_text();
        if text.is_empty() {
            return PartnerTier::Registered;
        }
        PartnerTier::parse(&text).unwrap_or_else(|| {
            let value = text.into_owned();
            self.reject(field, col, value, "is not a partner tier".to_owned(), EXPECT_TIER);
            PartnerTier::Registered
        })
    }

    fn warn(&mut self, field: &str, value: &str, problem: String) {
        self.warnings.push(FieldWarning { field: field.to_owned(), value: value.to_owned(), problem });
    }

    /// Warns about a USCC whose length, characters or check character are wrong.
    pub(crate) fn check_uscc(&mut self, value: Option<&str>) {
        if let Some(v) = value {
            if let Err(problem) = uscc::validate(v) {
                self.warn("uscc", v, problem);
            }
        }
    }

    /// Warns about a website that is not a host name.
    pub(crate) fn check_website(&mut self, value: Option<&str>) {
        if let Some(v) = value.filter(|v| !values::looks_like_websites(v)) {
            self.warn("website", v, "does not look like a website address such as www.example.com".to_owned());
        }
    }

    /// Warns about an e-mail address without one `@` and a dotted domain.
    pub(crate) fn check_email(&mut self, value: Option<&str>) {
        if let Some(v) = value.filter(|v| !values::looks_like_email(v)) {
            self.warn("contact_email", v, "does not look like an e-mail address such as name@example.com".to_owned());
        }
    }

    fn ok(&self) -> bool {
        self.errors.is_empty()
    }
}

/// A number in a spreadsheet date column: `20260630` typed as a number, or an Excel serial date
/// in a cell not formatted as a date.
fn excel_number_date(n: f64) -> Option<(NaiveDate, Option<NaiveTime>)> {
    if n.fract() == 0.0 && (19_000_101.0..=29_991_231.0).contains(&n) {
        return values::parse_date_time(&(n as u64).to_string());
    }
    if !(1.0..2_958_466.0).contains(&n) {
        return None;
    }
    let dt = calamine::ExcelDateTime::new(n, calamine::ExcelDateTimeType::DateTime, false).as_datetime()?;
    Some((dt.date(), Some(dt.time())))
}

/// Reads a follow-up; `None` when the row has errors (they are in `ctx.errors`).
pub(crate) fn follow_up(ctx: &mut RowCtx<'_>) -> Option<FollowUp> {
    let record_id = ctx.required(Field::RecordId);
    let account_name = ctx.required(Field::AccountName);
    let activity_date = ctx.date(Field::ActivityDate, true);
    let activity_type = ctx.required(Field::ActivityType);
    let activity_date = activity_date.filter(|_| ctx.ok())?;
    let uscc = ctx.optional(Field::Uscc);
    let website = ctx.optional(Field::Website);
    ctx.check_uscc(uscc.as_deref());
    ctx.check_website(website.as_deref());
    Some(FollowUp {
        record_id,
        account_name,
        uscc,
        website,
        phone: ctx.optional(Field::Phone),
        region: ctx.optional(Field::Region),
        owner: ctx.optional(Field::Owner),
        activity_date,
        activity_type: values::activity_type(activity_type),
        stage: ctx.optional(Field::Stage),
        warnings: std::mem::take(&mut ctx.warnings),
    })
}

/// Reads a head account; `None` when the row has errors.
pub(crate) fn head_account(ctx: &mut RowCtx<'_>) -> Option<HeadAccount> {
    let account_id = ctx.required(Field::AccountId);
    let region = ctx.required(Field::Region);
    let account_name = ctx.required(Field::AccountName);
    if !ctx.ok() {
        return None;
    }
    let uscc = ctx.optional(Field::Uscc);
    let website = ctx.optional(Field::Website);
    ctx.check_uscc(uscc.as_deref());
    ctx.check_website(website.as_deref());
    Some(HeadAccount {
        account_id,
        region,
        account_name,
        uscc,
        website,
        owner: ctx.optional(Field::Owner),
        warnings: std::mem::take(&mut ctx.warnings),
    })
}

/// Reads a registration; `None` when the row has errors.
pub(crate) fn registration(ctx: &mut RowCtx<'_>) -> Option<Registration> {
    let registration_id = ctx.required(Field::RegistrationId);
    let partner = ctx.required(Field::Partner);
    let partner_tier = ctx.tier(Field::PartnerTier);
    let submitted_at = ctx.datetime(Field::SubmittedAt);
    let customer_name = ctx.required(Field::CustomerName);
    let amount = ctx.amount(Field::Amount);
    let expected_close = ctx.date(Field::ExpectedClose, false);
    let submitted_at = submitted_at.filter(|_| ctx.ok())?;
    let uscc = ctx.optional(Field::Uscc);
    let website = ctx.optional(Field::Website);
    let contact_email = ctx.optional(Field::ContactEmail);
    ctx.check_uscc(uscc.as_deref());
    ctx.check_website(website.as_deref());
    ctx.check_email(contact_email.as_deref());
    Some(Registration {
        registration_id,
        partner,
        partner_tier,
        submitted_at,
        customer_name,
        uscc,
        website,
        contact_name: ctx.optional(Field::ContactName),
        contact_phone: ctx.optional(Field::ContactPhone),
        contact_email,
        region: ctx.optional(Field::Region),
        product: ctx.optional(Field::Product),
        amount,
        expected_close,
        warnings: std::mem::take(&mut ctx.warnings),
    })
}
