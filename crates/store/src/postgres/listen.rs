//! Live refresh on a team database: a connection of its own LISTENs on `dealgate_changes`, where every
//! committed write announces the audit head's new seq (`migrations/postgres/0005_notify.sql`).
//!
//! A lost connection is re-established and the marker read afresh from the head; a schema that predates
//! `0005_notify.sql`, or a connection that cannot LISTEN, is polled instead.

use super::audit_log;
use crate::changes::{advance, poll};
use crate::Result;
use sqlx::postgres::{PgListener, PgPool};
use tokio::sync::watch;

/// The channel the notify trigger speaks on.
pub(crate) const CHANNEL: &str = "dealgate_changes";

/// The audit head's seq, 0 before any entry.
async fn marker(pool: &PgPool) -> Result<i64> {
    Ok(audit_log::head(pool).await?.map_or(0, |(seq, _)| seq))
}

/// The change marker, pushed by the server as writers commit. A lost connection is re-established and
/// the marker read afresh (what was announced meanwhile is not lost, only folded). Where no listener can
/// be set up (a pooler that drops LISTEN, say), or the owner has not yet brought the schema up to date,
/// the marker is polled instead.
/// `live`: the schema notifies (else the marker is polled).
pub(crate) async fn watch(pool: &PgPool, live: bool) -> Result<watch::Receiver<i64>> {
    if !live {
        return polled(pool).await;
    }
    let mut listener = match PgListener::connect_with(pool).await {
        Ok(l) => l,
        Err(_) => return polled(pool).await,
    };
    if listener.listen(CHANNEL).await.is_err() {
        return polled(pool).await;
    }
    // Read after LISTEN, so that no commit falls between the first marker and the first notification.
    let (tx, rx) = watch::channel(marker(pool).await?);
    let pool = pool.clone();
    tokio::spawn(async move {
        loop {
            let next = tokio::select! {
                _ = tx.closed() => break,
                next = listener.try_recv() => next,
            };
            match next {
                Ok(Some(note)) => match note.payload().parse::<i64>() {
                    Ok(seq) => advance(&tx, seq),
                    Err(_) => {
                        if let Ok(seq) = marker(&pool).await {
                            advance(&tx, seq);
                        }
                    }
                },
                // The connection was lost and made again: whatever happened meanwhile shows in the head.
                Ok(None) => {
                    if let Ok(seq) = marker(&pool).await {
                        advance(&tx, seq);
                    }
                }
                // The pool was closed (the store is closing), or the server is gone for now.
                Err(sqlx::Error::PoolClosed) => break,
                Err(_) => tokio::time::sleep(crate::changes::POLL_EVERY).await,
            }
        }
    });
    Ok(rx)
}

async fn polled(pool: &PgPool) -> Result<watch::Receiver<i64>> {
    let pool = pool.clone();
    poll(move || {
        let pool = pool.clone();
        async move { marker(&pool).await }
    })
    .await
}
