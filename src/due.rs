//! `dealgate run-due`: the due work for a cron job or a systemd timer, and what it did, one line each.

use crate::output::safe;
use chrono::{NaiveDate, NaiveDateTime};
use dealgate_api::{Api, ApiError, ApiResult, ErrorCode};

/// A day (its midnight) or a time, as `--as-of` takes it.
fn moment(s: &str) -> ApiResult<NaiveDateTime> {
    let s = s.trim();
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M"))
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d").map(|d| d.and_time(chrono::NaiveTime::MIN)))
        .map_err(|_| {
            ApiError::new(
                ErrorCode::InvalidInput,
                format!("--as-of {s:?}: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS (UTC), e.g. 2026-06-30T08:00:00"),
            )
        })
}

/// Runs the due work and prints what it did.
pub async fn run(api: &Api, as_of: Option<&str>, actor: Option<&str>) -> ApiResult<()> {
    let r = match as_of {
        Some(t) => api.run_due_at(moment(t)?, actor).await?,
        None => api.run_due(actor).await?,
    };
    println!("due work as of {} by {}", r.now.format("%Y-%m-%d %H:%M:%S"), safe(&r.actor));
    for d in &r.expired {
        println!("expired {}: {}", safe(&d.registration_id), safe(&d.summary));
    }
    for d in &r.overdue_disputes {
        println!(
            "overdue dispute #{} on {} ({}), opened {}{}",
            d.dispute_id,
            safe(&d.registration_id),
            safe(d.region.as_deref().unwrap_or("no region")),
            d.opened_at.format("%Y-%m-%d %H:%M"),
            if d.newly_flagged { "" } else { " (flagged before)" }
        );
    }
    for p in &r.expiring {
        println!(
            "protection ending {}: {} {} ({})",
            p.protection_until,
            safe(&p.registration_id),
            safe(&p.customer_name),
            safe(&p.partner)
        );
    }
    let n = &r.notifications;
    for f in &n.failed {
        println!("webhook delivery failed: {}", safe(f));
    }
    if n.webhook {
        println!(
            "webhook: {} message(s) queued, {} delivered, {} failed ({} given up)",
            n.queued,
            n.delivered,
            n.failed.len(),
            n.given_up
        );
    }
    println!(
        "{} protection(s) expired, {} overdue dispute(s) ({} newly flagged), {} protection(s) ending soon",
        r.expired.len(),
        r.overdue_disputes.len(),
        r.overdue_disputes.iter().filter(|d| d.newly_flagged).count(),
        r.expiring.len()
    );
    Ok(())
}
