//! Maturity: is the registration a real opportunity or just a name?

use dealgate_domain::{MaturityField, Registration};

/// The maturity fields the registration lacks, by name; empty when mature.
pub fn missing_maturity(reg: &Registration, fields: &[MaturityField]) -> Vec<&'static str> {
    let has = |v: &Option<String>| v.as_ref().is_some_and(|s| !s.trim().is_empty());
    fields
        .iter()
        .filter_map(|f| match f {
            MaturityField::Amount => (!reg.amount.is_some_and(|a| a > 0.0)).then_some("amount"),
            MaturityField::ExpectedClose => reg.expected_close.is_none().then_some("expected close date"),
            MaturityField::Contact => {
                (!has(&reg.contact_phone) && !has(&reg.contact_email)).then_some("contact phone or e-mail")
            }
            MaturityField::Product => (!has(&reg.product)).then_some("product"),
        })
        .collect()
}
