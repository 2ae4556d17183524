//! Progress and cancellation of long work, reported the same way to the CLI and the desktop app.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// Receives progress of long work and says whether to stop.
pub trait Progress: Send + Sync {
    /// `done` of `total` items of `stage` are finished.
    fn report(&self, stage: &str, done: usize, total: usize);
    /// Whether the user asked to stop; work stops without writing anything.
    fn cancelled(&self) -> bool {
        false
    }
}

/// Progress nobody watches.
pub struct Silent;

impl Progress for Silent {
    fn report(&self, _: &str, _: usize, _: usize) {}
}

/// A cancel flag to share between the caller and the work.
#[derive(Default)]
pub struct CancelFlag(AtomicBool);

impl CancelFlag {
    /// Asks the work to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    /// Whether stop was asked.
    pub fn is_set(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Rate and time left of work that started at `started`, for progress displays.
pub fn rate_and_eta(started: Instant, done: usize, total: usize) -> (f64, Option<f64>) {
    let secs = started.elapsed().as_secs_f64().max(1e-6);
    let rate = done as f64 / secs;
    let eta = (rate > 0.0).then(|| (total.saturating_sub(done)) as f64 / rate);
    (rate, eta)
}
