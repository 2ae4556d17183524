//! The registration queue and the dashboard figures, filtered, sorted, paged and counted in SQL.

use super::query_err;
use crate::queries::partner_figures;
use crate::{
    DecisionFigures, ExpiringProtection, OutcomeCount, Page, QueueFacets, QueueQuery, QueueRow, QueueSort, QueueStatus,
    RegionMonthCount, Result, StoreError, EXPIRING_LIST,
};
use chrono::{DateTime, NaiveDate, Utc};
use dealgate_domain::{DecisionStatus, Outcome, Source};
use sqlx::postgres::{PgPool, Postgres};
use sqlx::{QueryBuilder, Row};

/// Rows per page when the query names none, and the most one page may hold.
const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 1000;

/// An `ILIKE` pattern matching `s` anywhere, with `%`, `_` and `\` taken literally (backslash is
/// PostgreSQL's default escape). Case-insensitive, as SQLite's `LIKE` is for ASCII.
pub(crate) fn contains_pattern(s: &str) -> String {
    let mut p = String::from("%");
    for c in s.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

pub(crate) fn page_limit(limit: i64) -> i64 {
    if limit <= 0 {
        DEFAULT_LIMIT
    } else {
        limit.min(MAX_LIMIT)
    }
}

/// Pushes the WHERE clause of a queue query.
fn where_clause(qb: &mut QueryBuilder<'_, Postgres>, q: &QueueQuery) {
    qb.push(" WHERE 1 = 1");
    if let Some(o) = q.outcome {
        qb.push(" AND r.q_outcome = ").push_bind(o.as_str());
    }
    match q.status {
        Some(QueueStatus::Pending) => {
            qb.push(" AND (r.q_status IS NULL OR r.q_status = 'proposed')");
        }
        Some(QueueStatus::Decided) => {
            qb.push(" AND r.q_status <> 'proposed'");
        }
        None => {}
    }
    if let Some(r) = q.region.as_ref().filter(|r| !r.is_empty()) {
        qb.push(" AND r.region = ").push_bind(r.clone());
    }
    if let Some(p) = q.partner.as_ref().filter(|p| !p.is_empty()) {
        qb.push(" AND r.partner = ").push_bind(p.clone());
    }
    if let Some(from) = q.from {
        qb.push(" AND r.submitted_at >= ").push_bind(from.and_hms_opt(0, 0, 0).map(|t| t.and_utc()));
    }
    if let Some(to) = q.to.and_then(|d| d.succ_opt()) {
        qb.push(" AND r.submitted_at < ").push_bind(to.and_hms_opt(0, 0, 0).map(|t| t.and_utc()));
    }
    if let Some(regions) = &q.regions {
        qb.push(" AND r.region = ANY(").push_bind(regions.clone()).push(")");
    }
    if let Some(outcomes) = q.outcomes.as_ref().filter(|o| !o.is_empty()) {
        let codes: Vec<String> = outcomes.iter().map(|o| o.as_str().to_string()).collect();
        qb.push(" AND r.q_outcome = ANY(").push_bind(codes).push(")");
    }
    if let Some(by) = q.ending_by {
        qb.push(" AND r.q_until IS NOT NULL AND r.q_until <= ").push_bind(by);
        qb.push(" AND r.q_status <> 'expired' AND r.q_outcome IN ('approved', 'co_sell')");
    }
    if let Some(s) = q.search.as_ref().filter(|s| !s.trim().is_empty()) {
        let p = contains_pattern(s);
        qb.push(" AND (r.customer_name ILIKE ").push_bind(p.clone());
        qb.push(" OR r.registration_id ILIKE ").push_bind(p.clone());
        qb.push(" OR r.partner ILIKE ").push_bind(p).push(")");
    }
    drill_clause(qb, q);
}

/// The dashboard's drill-down filters: each says in SQL what its figure counts.
fn drill_clause(qb: &mut QueryBuilder<'_, Postgres>, q: &QueueQuery) {
    if let Some(checked) = q.checked {
        qb.push(if checked { " AND r.q_outcome IS NOT NULL" } else { " AND r.q_outcome IS NULL" });
    }
    if let Some(decided) = q.person_decided {
        qb.push(if decided { " AND r.first_decided_at IS NOT NULL" } else { " AND r.first_decided_at IS NULL" });
    }
    if q.protection_from.is_some() || q.protection_to.is_some() {
        qb.push(" AND ").push(RUNNING);
    }
    if let Some(from) = q.protection_from {
        qb.push(" AND r.q_until >= ").push_bind(from);
    }
    if let Some(to) = q.protection_to {
        qb.push(" AND r.q_until <= ").push_bind(to);
    }
    if let Some(ids) = &q.registration_ids {
        qb.push(" AND r.registration_id = ANY(").push_bind(ids.clone()).push(")");
    }
}

/// A protection still running: an approval or co-sell whose protection has not been expired.
const RUNNING: &str = "r.q_outcome IN ('approved', 'co_sell') AND r.q_status <> 'expired'";

fn order_clause(q: &QueueQuery) -> String {
    let desc = match q.sort {
        QueueSort::Age => !q.desc,
        _ => q.desc,
    };
    let column = match q.sort {
        QueueSort::SubmittedAt | QueueSort::Age => "r.submitted_at",
        QueueSort::Score => "r.q_score",
        QueueSort::Partner => "r.partner",
        QueueSort::Region => "r.region",
        QueueSort::Outcome => "r.q_outcome",
        QueueSort::Customer => "r.customer_name",
        QueueSort::ProtectionEnd => "r.q_until",
    };
    // NULL (no decision, no match, no region) sorts lowest, as SQLite orders it.
    let dir = if desc { "DESC NULLS LAST" } else { "ASC NULLS FIRST" };
    format!(" ORDER BY {column} {dir}, r.registration_id {}", if desc { "DESC" } else { "ASC" })
}

pub(crate) async fn queue(pool: &PgPool, q: &QueueQuery, today: NaiveDate) -> Result<Page<QueueRow>> {
    let mut count: QueryBuilder<Postgres> = QueryBuilder::new("SELECT COUNT(*) FROM registrations r");
    where_clause(&mut count, q);
    let total: i64 = count.build().fetch_one(pool).await.map_err(query_err("counting the queue"))?.get(0);
    let mut page: QueryBuilder<Postgres> = QueryBuilder::new(
        "SELECT r.registration_id, r.customer_name, r.partner, r.region, r.submitted_at, d.outcome, d.status,
                d.top_name, d.top_source, d.top_score, d.protection_until
           FROM registrations r LEFT JOIN decisions d ON d.id = r.decision_id",
    );
    where_clause(&mut page, q);
    page.push(order_clause(q));
    page.push(" LIMIT ").push_bind(page_limit(q.limit)).push(" OFFSET ").push_bind(q.offset.max(0));
    let rows = page.build().fetch_all(pool).await.map_err(query_err("reading the queue"))?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let submitted_at = r.get::<DateTime<Utc>, _>(4).naive_utc();
            let outcome: Option<String> = r.get(5);
            let status: Option<String> = r.get(6);
            let source: Option<String> = r.get(8);
            Ok(QueueRow {
                registration_id: r.get(0),
                customer_name: r.get(1),
                partner: r.get(2),
                region: r.get(3),
                age_days: (today - submitted_at.date()).num_days().max(0),
                submitted_at,
                outcome: outcome.map(outcome_of).transpose()?,
                status: status
                    .map(|s| DecisionStatus::parse(&s).ok_or(StoreError::Corrupt { what: "decision status", value: s }))
                    .transpose()?,
                top_match_name: r.get(7),
                top_match_source: source.as_deref().and_then(source_parse),
                top_score: r.get(9),
                sla: None,
                protection_until: r.get(10),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Page { total, rows })
}

fn source_parse(s: &str) -> Option<Source> {
    [Source::HeadAccount, Source::FollowUp, Source::Registration].into_iter().find(|x| x.as_str() == s)
}

pub(crate) async fn facets(pool: &PgPool) -> Result<QueueFacets> {
    let distinct = |column: &'static str| async move {
        sqlx::query_scalar(&format!(
            "SELECT DISTINCT {column} FROM registrations WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY 1"
        ))
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the queue's filter values"))
    };
    Ok(QueueFacets { regions: distinct("region").await?, partners: distinct("partner").await? })
}

fn outcome_of(s: String) -> Result<Outcome> {
    Outcome::parse(&s).ok_or(StoreError::Corrupt { what: "decision outcome", value: s })
}

pub(crate) async fn figures(pool: &PgPool, from: NaiveDate, until: NaiveDate) -> Result<DecisionFigures> {
    let err = query_err("computing the dashboard");
    let by_outcome = sqlx::query(
        "SELECT q_outcome, COUNT(*) FROM registrations WHERE q_outcome IS NOT NULL GROUP BY q_outcome ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .map_err(&err)?
    .into_iter()
    .map(|r| Ok(OutcomeCount { outcome: outcome_of(r.get(0))?, count: r.get(1) }))
    .collect::<Result<_>>()?;
    let unchecked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE q_outcome IS NULL")
        .fetch_one(pool)
        .await
        .map_err(&err)?;
    let by_region_month = sqlx::query(
        "SELECT COALESCE(region, ''), to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM') COLLATE \"C\", q_outcome, COUNT(*)
           FROM registrations WHERE q_outcome IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    )
    .fetch_all(pool)
    .await
    .map_err(&err)?
    .into_iter()
    .map(|r| {
        Ok(RegionMonthCount { region: r.get(0), month: r.get(1), outcome: outcome_of(r.get(2))?, count: r.get(3) })
    })
    .collect::<Result<_>>()?;
    let by_partner = sqlx::query(
        "SELECT partner, q_outcome, COUNT(*) FROM registrations WHERE q_outcome IS NOT NULL
          GROUP BY partner, q_outcome ORDER BY 1, 2",
    )
    .fetch_all(pool)
    .await
    .map_err(&err)?
    .into_iter()
    .map(|r| Ok((r.get(0), outcome_of(r.get(1))?, r.get(2))))
    .collect::<Result<Vec<_>>>()?;
    let by_partner = partner_figures(by_partner);
    // Hours from submission to the first decision a person made, per registration, in order.
    let hours: Vec<f64> = sqlx::query_scalar(
        "SELECT (EXTRACT(EPOCH FROM first_decided_at - submitted_at) / 3600)::float8 AS h
           FROM registrations WHERE first_decided_at IS NOT NULL ORDER BY h",
    )
    .fetch_all(pool)
    .await
    .map_err(&err)?;
    let median_hours_to_decision = match hours.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours[n / 2]),
        n => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    };
    let expiring = format!("FROM registrations r WHERE r.q_until >= $1 AND r.q_until <= $2 AND {RUNNING}");
    let expiring_soon = sqlx::query(&format!(
        "SELECT registration_id, customer_name, partner, q_until {expiring} ORDER BY q_until, registration_id LIMIT $3"
    ))
    .bind(from)
    .bind(until)
    .bind(EXPIRING_LIST)
    .fetch_all(pool)
    .await
    .map_err(&err)?
    .into_iter()
    .map(|r| ExpiringProtection {
        registration_id: r.get(0),
        customer_name: r.get(1),
        partner: r.get(2),
        protection_until: r.get(3),
    })
    .collect();
    let expiring_total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) {expiring}"))
        .bind(from)
        .bind(until)
        .fetch_one(pool)
        .await
        .map_err(&err)?;
    Ok(DecisionFigures {
        by_outcome,
        unchecked,
        by_region_month,
        by_partner,
        median_hours_to_decision,
        person_decided: hours.len() as i64,
        expiring_soon,
        expiring_total,
    })
}
