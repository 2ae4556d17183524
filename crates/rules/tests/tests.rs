//! The one integration-test binary of dealgate-rules: builders in `suite/support.rs`, one module per concern.

#[path = "suite/duplicates.rs"]
mod duplicates;
#[path = "suite/evidence.rs"]
mod evidence;
#[path = "suite/follow_ups.rs"]
mod follow_ups;
#[path = "suite/maturity.rs"]
mod maturity;
#[path = "suite/order.rs"]
mod order;
#[path = "suite/outcomes.rs"]
mod outcomes;
#[path = "suite/support.rs"]
mod support;
