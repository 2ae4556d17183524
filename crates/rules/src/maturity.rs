//! Maturity: is the registration a real opportunity or just a name?

use dealgate_domain::{Lang, MaturityField, Registration};

/// The maturity fields the registration lacks, in the settings' order; empty when mature.
pub fn missing_maturity_fields(reg: &Registration, fields: &[MaturityField]) -> Vec<MaturityField> {
    let has = |v: &Option<String>| v.as_ref().is_some_and(|s| !s.trim().is_empty());
    fields
        .iter()
        .copied()
        .filter(|f| match f {
            MaturityField::Amount => !reg.amount.is_some_and(|a| a > 0.0),
            MaturityField::ExpectedClose => reg.expected_close.is_none(),
            MaturityField::Contact => !has(&reg.contact_phone) && !has(&reg.contact_email),
            MaturityField::Product => !has(&reg.product),
        })
        .collect()
}

/// The maturity fields the registration lacks, by English name; empty when mature.
pub fn missing_maturity(reg: &Registration, fields: &[MaturityField]) -> Vec<&'static str> {
    missing_maturity_fields(reg, fields).into_iter().map(|f| f.name(Lang::En)).collect()
}
