//! Telling the app that the database changed: the change marker (the audit chain's last seq, which
//! every write moves) watched by polling, for backends that cannot push it.

use crate::Result;
use std::future::Future;
use std::time::Duration;
use tokio::sync::watch;

/// How often a polled backend reads its marker: a cheap one-row read.
pub(crate) const POLL_EVERY: Duration = Duration::from_millis(1000);

/// A receiver of the marker, read by `read` every [`POLL_EVERY`] on a task of its own; the task ends when
/// every receiver is dropped. A failed read is skipped (the next one tells).
pub(crate) async fn poll<F, Fut>(read: F) -> Result<watch::Receiver<i64>>
where
    F: Fn() -> Fut + Send + 'static,
    Fut: Future<Output = Result<i64>> + Send,
{
    let (tx, rx) = watch::channel(read().await?);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = tx.closed() => break,
                _ = tick.tick() => {
                    if let Ok(marker) = read().await {
                        advance(&tx, marker);
                    }
                }
            }
        }
    });
    Ok(rx)
}

/// Sends `marker` when it differs from the last one sent (a marker only ever grows, but a restored
/// database may start lower: any difference is a change).
pub(crate) fn advance(tx: &watch::Sender<i64>, marker: i64) {
    tx.send_if_modified(|last| {
        let changed = *last != marker;
        *last = marker;
        changed
    });
}
