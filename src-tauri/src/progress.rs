//! Progress of long work sent to the UI over a Tauri channel, with rate and time left; cancellable.

use std::sync::Arc;
use std::time::Instant;

use dealgate_api::{rate_and_eta, CancelFlag, Progress};
use serde::Serialize;
use tauri::ipc::Channel;

/// One progress report.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
pub struct ProgressEvent {
    /// What is being done: `loading`, `indexing`, `checking`, `reading`, `saving`.
    pub stage: String,
    /// Items done.
    pub done: usize,
    /// Items in all.
    pub total: usize,
    /// Items per second so far.
    pub rate: f64,
    /// Seconds left at that rate, when known.
    pub eta_secs: Option<f64>,
}

/// Sends each report to a channel; says cancelled once the job's flag is set.
pub struct ChannelProgress {
    channel: Channel<ProgressEvent>,
    cancel: Arc<CancelFlag>,
    started: Instant,
}

impl ChannelProgress {
    /// Reports to `channel`, cancelled by `cancel`.
    pub fn new(channel: Channel<ProgressEvent>, cancel: Arc<CancelFlag>) -> Self {
        Self { channel, cancel, started: Instant::now() }
    }
}

/// The event for `done` of `total` of `stage`, `started` when the job began.
pub fn event(stage: &str, done: usize, total: usize, started: Instant) -> ProgressEvent {
    let (rate, eta) = rate_and_eta(started, done, total);
    ProgressEvent { stage: stage.to_string(), done, total, rate, eta_secs: eta }
}

impl Progress for ChannelProgress {
    fn report(&self, stage: &str, done: usize, total: usize) {
        // A closed window cannot receive progress; the work goes on regardless.
        let _ = self.channel.send(event(stage, done, total, self.started));
    }

    fn cancelled(&self) -> bool {
        self.cancel.is_set()
    }
}
