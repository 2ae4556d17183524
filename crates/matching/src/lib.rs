//! Company matching: normalises Chinese and English company names, extracts exact keys (USCC,
//! domain, phone) and finds, scores and explains the records of a source that may be the same company.
//!
//! Plain Rust: no I/O beyond the dictionaries compiled in. The one interface the rest of DealGate uses
//! is [`Index`] (insert / remove / search) and [`Party`]; better matchers change what is behind it.
#![warn(missing_docs, unreachable_pub)]

pub mod comparison;
mod cross_script;
mod dict;
mod exact;
mod index;
pub mod keys;
mod name;
mod normalize;
mod party;
mod postings;
mod score;
mod stored;
mod views;
mod why;
mod wording;

pub use index::{Hit, Index};
pub use normalize::{normalize, NormalizedName};
pub use party::{Party, Prepared};
pub use score::{score, Features};
pub use stored::NORMALIZER_VERSION;
pub use wording::reason_text;
