//! Turning one data row into a domain record, collecting every bad value as a `RowError`
//! and every doubtful one as a `FieldWarning`.
//!
//! An Excel error value in a required field refuses the row; in an optional one it is warned of and left empty. Names
//! without a letter or digit or over [`MAX_NAME_CHARS`] (200) characters, and dates outside 1900–2100, are refused;
//! `collect.rs` refuses any value over [`MAX_FIELD_CHARS`] (1000) characters or holding a control character.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use dealgate_domain::{uscc, FieldWarning, FollowUp, HeadAccount, PartnerTier, Registration};

use crate::cell::{Cell, Row};
use crate::headers::{canonical, Columns, Field};
use crate::values::{self, AmountError};
use crate::{RowError, RowProblem};

/// The longest company or partner name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest value of any column, in characters.
pub const MAX_FIELD_CHARS: usize = 1000;
/// The earliest and latest dates accepted: anything outside is a typing or conversion error.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2100;

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

    fn reject(&mut self, field: Field, col: Option<usize>, value: String, problem: RowProblem) {
        let column = col.map(|c| self.cols.headers.get(c).cloned().unwrap_or_else(|| canonical(field).to_owned()));
        let number = col.map(|c| self.row.column_offset() + c + 1);
        self.errors.push(RowError::new(self.file, self.line, column, number, value, problem));
    }

    fn missing(&mut self, field: Field, col: Option<usize>) {
        self.reject(field, col, String::new(), RowProblem::Empty { field: canonical(field).to_owned() });
    }

    fn excel_error(&mut self, field: Field, col: Option<usize>, error: &str) {
        self.reject(field, col, error.to_owned(), RowProblem::ExcelError);
    }

    fn ignore_excel_error(&mut self, field: Field, error: &str) {
        self.warn(canonical(field), error, "is an Excel error value; left empty".to_owned());
    }

    /// A required text value; an empty one is an error (the returned string is then unused).
    pub(crate) fn required(&mut self, field: Field) -> String {
        let (cell, col) = self.cell(field);
        match cell {
            Cell::Empty => self.missing(field, col),
            Cell::Error(e) => self.excel_error(field, col, e),
            _ => return cell.as_text().into_owned(),
        }
        String::new()
    }

    /// A required company or partner name: also refused when it is longer than
    /// [`MAX_NAME_CHARS`], is a placeholder (`无`, `N/A`, `null`...) or has no letter or digit at all
    /// (only punctuation, spaces or invisible characters). Zero-width characters are dropped.
    /// (Control characters refuse any value.)
    pub(crate) fn name(&mut self, field: Field) -> String {
        let name = self.required(field);
        if name.is_empty() {
            return name;
        }
        let col = self.cell(field).1;
        let (mut chars, mut letters, mut invisible) = (0, false, false);
        for c in name.chars() {
            chars += 1;
            // Unicode look-ups cost: one letter or digit is enough.
            letters = letters || c.is_alphanumeric();
            invisible |= is_zero_width(c);
        }
        let name = if invisible { name.replace(is_zero_width, "") } else { name };
        if chars > MAX_NAME_CHARS {
            self.reject(field, col, clip(&name), RowProblem::NameTooLong { chars });
        } else if values::is_placeholder(&name) {
            self.reject(field, col, name.clone(), RowProblem::Placeholder);
        } else if !letters {
            self.reject(field, col, name.clone(), RowProblem::NoLetter);
        }
        name
    }

    /// An optional text value; empty or a placeholder such as `无` or `-` reads as `None`, an
    /// Excel error value as `None` with a warning.
    pub(crate) fn optional(&mut self, field: Field) -> Option<String> {
        let cell = self.cell(field).0;
        if let Cell::Error(e) = cell {
            self.ignore_excel_error(field, e);
            return None;
        }
        let text = cell.as_text();
        (!text.is_empty() && !values::is_placeholder(&text)).then(|| text.into_owned())
    }

    /// An optional list cell: values separated by `;` or `；`, each trimmed, blanks, placeholders and
    /// repeats dropped (`former_names`).
    pub(crate) fn list(&mut self, field: Field) -> Vec<String> {
        let Some(text) = self.optional(field) else { return Vec::new() };
        let mut out: Vec<String> = Vec::new();
        for part in text.split([';', '；']).map(str::trim) {
            if !part.is_empty() && !values::is_placeholder(part) && !out.iter().any(|o| o == part) {
                out.push(part.to_string());
            }
        }
        out
    }

    fn date_time(&mut self, field: Field, required: bool, with_time: bool) -> Option<(NaiveDate, Option<NaiveTime>)> {
        let (cell, col) = self.cell(field);
        let parsed = match cell {
            Cell::Empty => {
                if required {
                    self.missing(field, col);
                }
                return None;
            }
            Cell::Error(e) if required => {
                self.excel_error(field, col, e);
                return None;
            }
            Cell::Error(e) => {
                self.ignore_excel_error(field, e);
                return None;
            }
            Cell::Text(s) if !required && values::is_placeholder(s) => return None,
            Cell::Text(s) => values::parse_date_time(s),
            Cell::DateTime(dt) => Some((dt.date(), Some(dt.time()))),
            Cell::Number(n) => excel_number_date(n),
        };
        let Some((date, time)) = parsed else {
            let value = clip(&cell.as_text());
            self.reject(field, col, value, RowProblem::NotADate { with_time });
            return None;
        };
        if !(FIRST_YEAR..=LAST_YEAR).contains(&date.year()) {
            let value = clip(&cell.as_text());
            self.reject(field, col, value, RowProblem::YearOutOfRange { year: date.year() });
            return None;
        }
        Some((date, time))
    }

    /// A date; any time of day is dropped.
    pub(crate) fn date(&mut self, field: Field, required: bool) -> Option<NaiveDate> {
        self.date_time(field, required, false).map(|(d, _)| d)
    }

    /// A required date and time; a date alone means midnight.
    pub(crate) fn datetime(&mut self, field: Field) -> Option<NaiveDateTime> {
        self.date_time(field, true, true).map(|(d, t)| d.and_time(t.unwrap_or(NaiveTime::MIN)))
    }

    /// An optional, non-negative amount.
    pub(crate) fn amount(&mut self, field: Field) -> Option<f64> {
        let (cell, col) = self.cell(field);
        let parsed = match cell {
            Cell::Empty => return None,
            Cell::Error(e) => {
                self.ignore_excel_error(field, e);
                return None;
            }
            Cell::Text(s) if values::is_placeholder(s) => return None,
            Cell::Text(s) => values::parse_amount(s, self.cols.amount_scale),
            Cell::Number(n) if n < 0.0 => Err(AmountError::Negative),
            Cell::Number(n) if n.is_finite() => Ok(values::scale_amount(n, self.cols.amount_scale)),
            Cell::Number(_) | Cell::DateTime(_) => Err(AmountError::NotANumber),
        };
        match parsed.and_then(|v| if v.is_finite() { Ok(v) } else { Err(AmountError::NotANumber) }) {
            Ok(v) => Some(v),
            Err(e) => {
                let problem = match e {
                    AmountError::NotANumber => RowProblem::NotAnAmount,
                    AmountError::Negative => RowProblem::NegativeAmount,
                };
                let value = clip(&cell.as_text());
                self.reject(field, col, value, problem);
                None
            }
        }
    }

    /// A partner tier; empty means `Registered`.
    pub(crate) fn tier(&mut self, field: Field) -> PartnerTier {
        let (cell, col) = self.cell(field);
        if let Cell::Error(e) = cell {
            self.ignore_excel_error(field, e);
            return PartnerTier::Registered;
        }
        let text = cell.as_text();
        if text.is_empty() {
            return PartnerTier::Registered;
        }
        PartnerTier::parse(&text).unwrap_or_else(|| {
            let value = clip(&text);
            self.reject(field, col, value, RowProblem::NotATier);
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

/// Zero-width spaces and joiners, the word joiner and a stray BOM: invisible in a name.
fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// A value as a row error keeps it: at most 100 characters (a 10 MB cell is not copied into
/// every report that lists the error).
pub(crate) fn clip(value: &str) -> String {
    match value.char_indices().nth(100) {
        None => value.to_owned(),
        Some((cut, _)) => format!("{}…", &value[..cut]),
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
    let account_name = ctx.name(Field::AccountName);
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
        former_names: ctx.list(Field::FormerNames),
        group: ctx.optional(Field::Group),
        warnings: std::mem::take(&mut ctx.warnings),
    })
}

/// Reads a head account; `None` when the row has errors.
pub(crate) fn head_account(ctx: &mut RowCtx<'_>) -> Option<HeadAccount> {
    let account_id = ctx.required(Field::AccountId);
    let region = ctx.required(Field::Region);
    let account_name = ctx.name(Field::AccountName);
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
        former_names: ctx.list(Field::FormerNames),
        group: ctx.optional(Field::Group),
        warnings: std::mem::take(&mut ctx.warnings),
    })
}

/// Reads a registration; `None` when the row has errors.
pub(crate) fn registration(ctx: &mut RowCtx<'_>) -> Option<Registration> {
    let registration_id = ctx.required(Field::RegistrationId);
    let partner = ctx.name(Field::Partner);
    let partner_tier = ctx.tier(Field::PartnerTier);
    let submitted_at = ctx.datetime(Field::SubmittedAt);
    let customer_name = ctx.name(Field::CustomerName);
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
