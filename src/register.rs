//! `dealgate register`: the intake form's fields as flags, the registration stored with its proposed
//! decision (or, with --dry-run, only proposed), printed as `check` prints a decision.

use crate::args::Format;
use crate::output;
use dealgate_api::{Api, ApiResult, RegistrationForm};

/// The intake form as flags.
#[derive(clap::Args)]
pub struct RegisterArgs {
    /// Partner company.
    #[arg(long)]
    partner: String,
    /// Partner tier: gold, silver or registered (金牌, 银牌, 注册).
    #[arg(long, default_value = "")]
    tier: String,
    /// Customer company as the partner gave it.
    #[arg(long)]
    customer: String,
    /// Customer USCC (统一社会信用代码).
    #[arg(long, default_value = "")]
    uscc: String,
    /// Customer website.
    #[arg(long, default_value = "")]
    website: String,
    /// Contact person.
    #[arg(long, default_value = "")]
    contact: String,
    /// Contact phone.
    #[arg(long, default_value = "")]
    phone: String,
    /// Contact e-mail.
    #[arg(long, default_value = "")]
    email: String,
    /// Region.
    #[arg(long, default_value = "")]
    region: String,
    /// Product.
    #[arg(long, default_value = "")]
    product: String,
    /// Deal amount (120000, 12万).
    #[arg(long, default_value = "")]
    amount: String,
    /// Expected close date (YYYY-MM-DD).
    #[arg(long, default_value = "")]
    expected_close: String,
    /// The registration's id (default: H + the time, e.g. H20260630093000).
    #[arg(long, default_value = "")]
    id: String,
    /// Date the check is made as of (YYYY-MM-DD; default today).
    #[arg(long)]
    as_of: Option<String>,
    /// Print the proposal only; store nothing.
    #[arg(long)]
    pub(crate) dry_run: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// Enters (or, dry, only proposes) the registration and prints its decision.
pub async fn run(api: &Api, a: RegisterArgs, actor: Option<&str>, lang: dealgate_api::domain::Lang) -> ApiResult<()> {
    let form = RegistrationForm {
        registration_id: a.id,
        partner: a.partner,
        partner_tier: a.tier,
        customer_name: a.customer,
        uscc: a.uscc,
        website: a.website,
        contact_name: a.contact,
        contact_phone: a.phone,
        contact_email: a.email,
        region: a.region,
        product: a.product,
        amount: a.amount,
        expected_close: a.expected_close,
    };
    let as_of = crate::run::date(a.as_of.as_deref())?;
    let r = if a.dry_run { api.propose_form(&form, as_of).await? } else { api.register(&form, as_of, actor).await? };
    for w in &r.warnings {
        eprintln!("warning: {}", output::safe(&w.to_string()));
    }
    output::decisions(std::slice::from_ref(&r.decision), a.format, lang);
    if a.format == Format::Table {
        if let Some(m) = r.decision.matches.first() {
            println!(
                "  top match: {} {} {} ({:.2})",
                m.source.as_str(),
                output::safe(&m.record_id),
                output::safe(&m.name),
                m.score
            );
        }
        if r.stored {
            println!(
                "registration {} stored with its proposed decision",
                output::safe(&r.registration.registration_id)
            );
        } else {
            println!("dry run: nothing was stored");
        }
    }
    Ok(())
}
