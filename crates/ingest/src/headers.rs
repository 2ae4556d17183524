//! Recognising header rows: canonical English names and the Chinese aliases CRMs and partners use.
//!
//! Head accounts and follow-ups also read `former_names` (曾用名…; several separated by `;` or `；`) and `group` (所属集团,
//! 集团…).

use dealgate_domain::RecordKind;

/// Every column any record kind knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    RecordId,
    AccountId,
    RegistrationId,
    AccountName,
    CustomerName,
    Uscc,
    Website,
    Phone,
    Region,
    Owner,
    ActivityDate,
    ActivityType,
    Stage,
    Partner,
    PartnerTier,
    SubmittedAt,
    ContactName,
    ContactPhone,
    ContactEmail,
    Product,
    Amount,
    ExpectedClose,
    FormerNames,
    Group,
}

const FIELD_COUNT: usize = 24;

/// A column a kind of record reads: its field, whether a file must have it, and the header
/// spellings that name it (normalised as by [`normalize`], canonical name first, Chinese next).
struct Spec {
    field: Field,
    required: bool,
    names: &'static [&'static str],
}

const fn spec(field: Field, required: bool, names: &'static [&'static str]) -> Spec {
    Spec { field, required, names }
}

const ACCOUNT_NAME: &[&str] = &[
    "accountname",
    "客户名称",
    "客户",
    "公司名称",
    "账户名称",
    "客户全称",
    "account",
    "company",
    "companyname",
    "customer",
];
const USCC: &[&str] = &["uscc", "统一社会信用代码", "信用代码", "社会信用代码", "creditcode"];
const WEBSITE: &[&str] = &["website", "网站", "官网", "公司网址", "网址", "公司网站", "url", "web"];
const REGION: &[&str] = &["region", "区域", "大区", "战区", "所属区域", "所属战区"];
const FORMER_NAMES: &[&str] = &["formernames", "曾用名", "原名", "原名称", "曾用名称", "曾用名称列表", "aliases"];
const GROUP: &[&str] = &["group", "所属集团", "集团", "集团名称", "母公司", "上级公司", "parent", "parentcompany"];
const OWNER: &[&str] = &["owner", "负责人", "销售", "跟进人", "客户经理", "所有人", "销售负责人", "rep", "salesrep"];

const FOLLOW_UP: &[Spec] = &[
    spec(Field::RecordId, true, &["recordid", "记录id", "跟进记录id", "记录编号", "编号", "id"]),
    spec(Field::AccountName, true, ACCOUNT_NAME),
    spec(Field::Uscc, false, USCC),
    spec(Field::Website, false, WEBSITE),
    spec(Field::Phone, false, &["phone", "电话", "联系电话", "公司电话", "手机", "tel"]),
    spec(Field::Region, false, REGION),
    spec(Field::Owner, false, OWNER),
    spec(Field::ActivityDate, true, &["activitydate", "跟进日期", "跟进时间", "活动日期", "日期", "date"]),
    spec(Field::ActivityType, true, &["activitytype", "跟进方式", "跟进类型", "活动类型", "type"]),
    spec(Field::Stage, false, &["stage", "阶段", "商机阶段", "销售阶段"]),
    spec(Field::FormerNames, false, FORMER_NAMES),
    spec(Field::Group, false, GROUP),
];

const HEAD_ACCOUNT: &[Spec] = &[
    spec(Field::AccountId, true, &["accountid", "客户id", "客户编号", "编号", "id"]),
    spec(Field::Region, true, REGION),
    spec(Field::AccountName, true, ACCOUNT_NAME),
    spec(Field::Uscc, false, USCC),
    spec(Field::Website, false, WEBSITE),
    spec(Field::Owner, false, OWNER),
    spec(Field::FormerNames, false, FORMER_NAMES),
    spec(Field::Group, false, GROUP),
];

const REGISTRATION: &[Spec] = &[
    spec(Field::RegistrationId, true, &["registrationid", "报备id", "报备编号", "报备单号", "编号", "id"]),
    spec(Field::Partner, true, &["partner", "伙伴名称", "伙伴", "渠道商", "代理商", "partnername"]),
    spec(Field::PartnerTier, false, &["partnertier", "伙伴等级", "伙伴级别", "等级", "tier"]),
    spec(Field::SubmittedAt, true, &["submittedat", "报备时间", "提交时间", "报备日期", "submitted"]),
    spec(Field::CustomerName, true, &["customername", "客户名称", "客户", "最终客户", "客户全称", "customer"]),
    spec(Field::Uscc, false, USCC),
    spec(Field::Website, false, WEBSITE),
    spec(Field::ContactName, false, &["contactname", "联系人", "客户联系人", "contact"]),
    spec(
        Field::ContactPhone,
        false,
        &["contactphone", "联系人电话", "联系电话", "手机", "联系人手机", "电话", "phone"],
    ),
    spec(Field::ContactEmail, false, &["contactemail", "联系人邮箱", "邮箱", "电子邮箱", "email"]),
    spec(Field::Region, false, REGION),
    spec(Field::Product, false, &["product", "产品", "产品线"]),
    spec(Field::Amount, false, &["amount", "金额", "预计金额", "商机金额"]),
    spec(Field::ExpectedClose, false, &["expectedclose", "预计成交日期", "预计签约日期", "预计成交时间", "预计成交"]),
];

fn specs(kind: RecordKind) -> &'static [Spec] {
    match kind {
        RecordKind::FollowUp => FOLLOW_UP,
        RecordKind::HeadAccount => HEAD_ACCOUNT,
        RecordKind::Registration => REGISTRATION,
    }
}

/// The canonical (snake_case) name of a field as users see it in messages.
pub(crate) fn canonical(field: Field) -> &'static str {
    match field {
        Field::RecordId => "record_id",
        Field::AccountId => "account_id",
        Field::RegistrationId => "registration_id",
        Field::AccountName => "account_name",
        Field::CustomerName => "customer_name",
        Field::Uscc => "uscc",
        Field::Website => "website",
        Field::Phone => "phone",
        Field::Region => "region",
        Field::Owner => "owner",
        Field::ActivityDate => "activity_date",
        Field::ActivityType => "activity_type",
        Field::Stage => "stage",
        Field::Partner => "partner",
        Field::PartnerTier => "partner_tier",
        Field::SubmittedAt => "submitted_at",
        Field::ContactName => "contact_name",
        Field::ContactPhone => "contact_phone",
        Field::ContactEmail => "contact_email",
        Field::Product => "product",
        Field::Amount => "amount",
        Field::ExpectedClose => "expected_close",
        Field::FormerNames => "former_names",
        Field::Group => "group",
    }
}

/// The usual Chinese header for a canonical column name, for hints in messages.
pub(crate) fn chinese_name(kind: RecordKind, canonical_name: &str) -> Option<&'static str> {
    let s = specs(kind).iter().find(|s| canonical(s.field) == canonical_name)?;
    s.names.iter().copied().find(|n| !n.bytes().any(|b| b.is_ascii()))
}

/// Folds a header for matching: trims, drops a BOM, full width to half width, lower case, and
/// removes spaces, `_`, `-`, `*` (required-field marks) and `:`. A trailing bracketed note such as
/// `(元)` or `（万元）` is split off and returned second.
pub(crate) fn normalize(header: &str) -> (String, String) {
    let mut key = String::with_capacity(header.len());
    for c in header.chars() {
        let c = match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '【' => '(',
            '】' => ')',
            _ => c,
        };
        if c.is_whitespace() || matches!(c, '_' | '-' | '*' | ':' | '\u{FEFF}') {
            continue;
        }
        key.extend(c.to_lowercase());
    }
    if key.ends_with(')') {
        if let Some(open) = key.rfind('(') {
            if open > 0 {
                let note = key[open + 1..key.len() - 1].to_owned();
                key.truncate(open);
                return (key, note);
            }
        }
    }
    (key, String::new())
}

/// Which file column holds which field, once a header row is recognised.
#[derive(Debug, Clone)]
pub(crate) struct Columns {
    index: [Option<usize>; FIELD_COUNT],
    /// Headers as written in the file, by 0-based column.
    pub(crate) headers: Vec<String>,
    /// Multiplier for plain numbers in the amount column (10,000 under a `金额(万元)` header).
    pub(crate) amount_scale: f64,
}

impl Columns {
    /// The 0-based column of a field, if the file has it.
    pub(crate) fn get(&self, field: Field) -> Option<usize> {
        self.index[field as usize]
    }

    /// The 0-based columns some field is read from.
    pub(crate) fn mapped(&self) -> impl Iterator<Item = usize> + '_ {
        self.index.iter().flatten().copied()
    }
}

/// The result of reading one candidate header row.
#[derive(Debug, Clone)]
pub(crate) struct HeaderMatch {
    pub(crate) columns: Columns,
    /// Non-empty headers that name no field (or a field an earlier column already gave).
    pub(crate) ignored: Vec<String>,
    /// Canonical names of required fields no header names.
    pub(crate) missing: Vec<String>,
    /// How many columns were recognised; picks the best candidate for an error message.
    pub(crate) recognised: usize,
}

/// The field a kind of record reads under a canonical name (`customer_name`...), if any.
pub(crate) fn field_named(kind: RecordKind, name: &str) -> Option<Field> {
    specs(kind).iter().map(|s| s.field).find(|f| canonical(*f) == name.trim())
}

/// The canonical names of a kind's columns and whether a file must have each, in the usual order.
pub(crate) fn fields_of(kind: RecordKind) -> Vec<(&'static str, bool)> {
    specs(kind).iter().map(|s| (canonical(s.field), s.required)).collect()
}

/// Headers (as written, trimmed) the user assigned to a field by hand; they win over the aliases.
pub(crate) type Overrides = [(String, Field)];

/// Matches a row of headers (as written) against a kind's columns. A header named in `overrides`
/// reads its assigned field; other headers are matched by alias to the fields still free.
pub(crate) fn match_headers(kind: RecordKind, headers: Vec<String>, overrides: &Overrides) -> HeaderMatch {
    let specs = specs(kind);
    let mut index = [None; FIELD_COUNT];
    let mut amount_scale = 1.0;
    let mut ignored = Vec::new();
    let mut recognised = 0;
    let assigned = |header: &str| overrides.iter().find(|(h, _)| h.trim() == header).map(|(_, f)| *f);
    for (col, header) in headers.iter().enumerate() {
        if let Some(field) = assigned(header).filter(|f| index[*f as usize].is_none()) {
            index[field as usize] = Some(col);
            recognised += 1;
        }
    }
    for (col, header) in headers.iter().enumerate() {
        if header.is_empty() || assigned(header).is_some() {
            continue;
        }
        let (key, note) = normalize(header);
        let found = specs.iter().find(|s| s.names.contains(&key.as_str()));
        match found {
            Some(s) if index[s.field as usize].is_none() => {
                index[s.field as usize] = Some(col);
                recognised += 1;
                if s.field == Field::Amount {
                    amount_scale = unit_scale(&note).unwrap_or(1.0);
                }
            }
            _ => ignored.push(header.clone()),
        }
    }
    let missing = specs
        .iter()
        .filter(|s| s.required && index[s.field as usize].is_none())
        .map(|s| canonical(s.field).to_owned())
        .collect();
    HeaderMatch { columns: Columns { index, headers, amount_scale }, ignored, missing, recognised }
}

/// The multiplier a unit note stands for: `万元` → 10,000, `亿元` → 100,000,000.
pub(crate) fn unit_scale(unit: &str) -> Option<f64> {
    if unit.starts_with('万') || unit.eq_ignore_ascii_case("w") {
        Some(1e4)
    } else if unit.starts_with('亿') {
        Some(1e8)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_is_already_normalised() {
        for kind in [RecordKind::FollowUp, RecordKind::HeadAccount, RecordKind::Registration] {
            for s in specs(kind) {
                assert_eq!(normalize(canonical(s.field)).0, s.names[0], "first name must be the canonical one");
                for name in s.names {
                    assert_eq!(normalize(name).0, *name, "alias {name} of {kind:?} is not normalised");
                }
            }
        }
    }

    #[test]
    fn normalize_folds_width_case_and_notes() {
        assert_eq!(normalize(" \u{FEFF}Record_ID "), ("recordid".to_owned(), String::new()));
        assert_eq!(normalize("*客户名称"), ("客户名称".to_owned(), String::new()));
        assert_eq!(normalize("预计金额（万元）"), ("预计金额".to_owned(), "万元".to_owned()));
        assert_eq!(normalize("ＥＭＡＩＬ"), ("email".to_owned(), String::new()));
    }
}
