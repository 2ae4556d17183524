//! The registration queue and the dashboard figures, filtered, sorted, paged and counted in SQL.

use super::codec::*;
use super::query_err;
use crate::queries::partner_figures;
use crate::{
    DecisionFigures, ExpiringProtection, OutcomeCount, Page, QueueFacets, QueueQuery, QueueRow, QueueSort, QueueStatus,
    RegionMonthCount, Result, StoreError, EXPIRING_LIST,
};
use chrono::NaiveDate;
use dealgate_domain::{DecisionStatus, Outcome, Source};
use sqlx::{Row, SqlitePool};

/// Rows per page when the query names none, and the most one page may hold.
pub(crate) const DEFAULT_LIMIT: i64 = 50;
const MAX_LIMIT: i64 = 1000;

/// A `LIKE` pattern matching `s` anywhere, with `%`, `_` and `\` taken literally (`ESCAPE '\'`).
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

/// `?, ?, ?` for `n` values; `NULL` for none (`IN (NULL)` matches nothing).
fn placeholders(n: usize) -> String {
    if n == 0 {
        "NULL".into()
    } else {
        vec!["?"; n].join(", ")
    }
}

/// The WHERE clause of a queue query and its bound values, in order.
fn where_clause(q: &QueueQuery) -> (String, Vec<String>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut binds = Vec::new();
    if let Some(o) = q.outcome {
        sql.push_str(" AND r.q_outcome = ?");
        binds.push(o.as_str().to_string());
    }
    match q.status {
        Some(QueueStatus::Pending) => sql.push_str(" AND (r.q_status IS NULL OR r.q_status = 'proposed')"),
        Some(QueueStatus::Decided) => sql.push_str(" AND r.q_status <> 'proposed'"),
        None => {}
    }
    if let Some(r) = q.region.as_ref().filter(|r| !r.is_empty()) {
        sql.push_str(" AND r.region = ?");
        binds.push(r.clone());
    }
    if let Some(p) = q.partner.as_ref().filter(|p| !p.is_empty()) {
        sql.push_str(" AND r.partner = ?");
        binds.push(p.clone());
    }
    if let Some(from) = q.from {
        sql.push_str(" AND r.submitted_at >= ?");
        binds.push(fmt_date(from));
    }
    if let Some(to) = q.to {
        // Stored times are `YYYY-MM-DDTHH:MM:SS`; every time on that day sorts below `YYYY-MM-DDU`.
        sql.push_str(" AND r.submitted_at < ?");
        binds.push(format!("{}U", fmt_date(to)));
    }
    if let Some(regions) = &q.regions {
        sql.push_str(&format!(" AND r.region IN ({})", placeholders(regions.len())));
        binds.extend(regions.iter().cloned());
    }
    if let Some(outcomes) = q.outcomes.as_ref().filter(|o| !o.is_empty()) {
        sql.push_str(&format!(" AND r.q_outcome IN ({})", placeholders(outcomes.len())));
        binds.extend(outcomes.iter().map(|o| o.as_str().to_string()));
    }
    if let Some(by) = q.ending_by {
        sql.push_str(" AND r.q_until IS NOT NULL AND r.q_until <= ? AND r.q_status <> 'expired'");
        sql.push_str(" AND r.q_outcome IN ('approved', 'co_sell')");
        binds.push(fmt_date(by));
    }
    if let Some(s) = q.search.as_ref().filter(|s| !s.trim().is_empty()) {
        sql.push_str(
            " AND (r.customer_name LIKE ? ESCAPE '\\' OR r.registration_id LIKE ? ESCAPE '\\' OR r.partner LIKE ? ESCAPE '\\')",
        );
        let p = contains_pattern(s);
        binds.extend([p.clone(), p.clone(), p]);
    }
    drill_clause(q, &mut sql, &mut binds);
    (sql, binds)
}

/// The dashboard's drill-down filters: each says in SQL what its figure counts.
fn drill_clause(q: &QueueQuery, sql: &mut String, binds: &mut Vec<String>) {
    match q.checked {
        Some(true) => sql.push_str(" AND r.q_outcome IS NOT NULL"),
        Some(false) => sql.push_str(" AND r.q_outcome IS NULL"),
        None => {}
    }
    match q.person_decided {
        Some(true) => sql.push_str(" AND r.first_decided_at IS NOT NULL"),
        Some(false) => sql.push_str(" AND r.first_decided_at IS NULL"),
        None => {}
    }
    if q.protection_from.is_some() || q.protection_to.is_some() {
        sql.push_str(&format!(" AND {RUNNING}"));
    }
    if let Some(from) = q.protection_from {
        sql.push_str(" AND r.q_until >= ?");
        binds.push(fmt_date(from));
    }
    if let Some(to) = q.protection_to {
        sql.push_str(" AND r.q_until <= ?");
        binds.push(fmt_date(to));
    }
    if let Some(ids) = &q.registration_ids {
        sql.push_str(" AND r.registration_id IN (SELECT value FROM json_each(?))");
        binds.push(serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()));
    }
}

/// A protection still running: an approval or co-sell whose protection has not been expired.
const RUNNING: &str = "r.q_outcome IN ('approved', 'co_sell') AND r.q_status <> 'expired'";

fn order_clause(q: &QueueQuery) -> String {
    let dir = if q.desc { "DESC" } else { "ASC" };
    let (column, dir) = match q.sort {
        QueueSort::SubmittedAt => ("r.submitted_at", dir),
        QueueSort::Age => ("r.submitted_at", if q.desc { "ASC" } else { "DESC" }),
        // NULL (no decision, or no match) sorts lowest, as SQLite orders it; plain columns keep indexes usable.
        QueueSort::Score => ("r.q_score", dir),
        QueueSort::Partner => ("r.partner", dir),
        QueueSort::Region => ("r.region", dir),
        QueueSort::Outcome => ("r.q_outcome", dir),
        QueueSort::Customer => ("r.customer_name", dir),
        QueueSort::ProtectionEnd => ("r.q_until", dir),
    };
    format!(" ORDER BY {column} {dir}, r.registration_id {dir}")
}

const FROM: &str = " FROM registrations r LEFT JOIN decisions d ON d.id = r.decision_id";

pub(crate) async fn queue(pool: &SqlitePool, q: &QueueQuery, today: NaiveDate) -> Result<Page<QueueRow>> {
    let (filter, binds) = where_clause(q);
    let count_sql = format!("SELECT COUNT(*) FROM registrations r{filter}");
    let mut count = sqlx::query(&count_sql);
    for b in &binds {
        count = count.bind(b);
    }
    let total: i64 = count.fetch_one(pool).await.map_err(query_err("counting the queue"))?.get(0);
    let sql = format!(
        "SELECT r.registration_id, r.customer_name, r.partner, r.region, r.submitted_at, d.outcome, d.status,
                d.top_name, d.top_source, d.top_score, d.protection_until{FROM}{filter}{} LIMIT ? OFFSET ?",
        order_clause(q)
    );
    let mut page = sqlx::query(&sql);
    for b in &binds {
        page = page.bind(b);
    }
    let rows = page
        .bind(page_limit(q.limit))
        .bind(q.offset.max(0))
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the queue"))?;
    let rows = rows
        .into_iter()
        .map(|r| {
            let submitted_at = datetime(&r.get::<String, _>(4), "registration submitted_at")?;
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
                outcome: outcome
                    .map(|o| Outcome::parse(&o).ok_or(StoreError::Corrupt { what: "decision outcome", value: o }))
                    .transpose()?,
                status: status
                    .map(|s| DecisionStatus::parse(&s).ok_or(StoreError::Corrupt { what: "decision status", value: s }))
                    .transpose()?,
                top_match_name: r.get(7),
                top_match_source: source.as_deref().and_then(source_parse),
                top_score: r.get(9),
                sla: None,
                protection_until: opt_date(r.get(10), "decision protection_until")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Page { total, rows })
}

fn source_parse(s: &str) -> Option<Source> {
    [Source::HeadAccount, Source::FollowUp, Source::Registration].into_iter().find(|x| x.as_str() == s)
}

pub(crate) async fn facets(pool: &SqlitePool) -> Result<QueueFacets> {
    let distinct = |column: &'static str| async move {
        let rows = sqlx::query(&format!(
            "SELECT DISTINCT {column} FROM registrations WHERE {column} IS NOT NULL AND {column} <> '' ORDER BY 1"
        ))
        .fetch_all(pool)
        .await
        .map_err(query_err("reading the queue's filter values"))?;
        Ok::<Vec<String>, StoreError>(rows.into_iter().map(|r| r.get(0)).collect())
    };
    Ok(QueueFacets { regions: distinct("region").await?, partners: distinct("partner").await? })
}

fn outcome_of(s: String) -> Result<Outcome> {
    Outcome::parse(&s).ok_or(StoreError::Corrupt { what: "decision outcome", value: s })
}

pub(crate) async fn figures(pool: &SqlitePool, from: NaiveDate, until: NaiveDate) -> Result<DecisionFigures> {
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
    let unchecked: i64 = sqlx::query("SELECT COUNT(*) FROM registrations WHERE q_outcome IS NULL")
        .fetch_one(pool)
        .await
        .map_err(&err)?
        .get(0);
    let by_region_month = sqlx::query(
        "SELECT COALESCE(region, ''), substr(submitted_at, 1, 7), q_outcome, COUNT(*) FROM registrations
         WHERE q_outcome IS NOT NULL GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
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
    let hours: Vec<f64> = sqlx::query(
        "SELECT (julianday(first_decided_at) - julianday(submitted_at)) * 24 AS h
           FROM registrations WHERE first_decided_at IS NOT NULL ORDER BY h",
    )
    .fetch_all(pool)
    .await
    .map_err(&err)?
    .into_iter()
    .map(|r| r.get::<f64, _>(0))
    .collect();
    let median_hours_to_decision = match hours.len() {
        0 => None,
        n if n % 2 == 1 => Some(hours[n / 2]),
        n => Some((hours[n / 2 - 1] + hours[n / 2]) / 2.0),
    };
    let expiring = format!("FROM registrations r WHERE r.q_until >= ? AND r.q_until <= ? AND {RUNNING}");
    let expiring_soon = sqlx::query(&format!(
        "SELECT registration_id, customer_name, partner, q_until {expiring} ORDER BY q_until, registration_id LIMIT ?"
    ))
    .bind(fmt_date(from))
    .bind(fmt_date(until))
    .bind(EXPIRING_LIST)
    .fetch_all(pool)
    .await
    .map_err(&err)?
    .into_iter()
    .map(|r| {
        Ok(ExpiringProtection {
            registration_id: r.get(0),
            customer_name: r.get(1),
            partner: r.get(2),
            protection_until: date(&r.get::<String, _>(3), "decision protection_until")?,
        })
    })
    .collect::<Result<_>>()?;
    let expiring_total: i64 = sqlx::query(&format!("SELECT COUNT(*) {expiring}"))
        .bind(fmt_date(from))
        .bind(fmt_date(until))
        .fetch_one(pool)
        .await
        .map_err(&err)?
        .get(0);
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
