//! The one integration-test binary of dealgate-api: the desktop app's use cases on a real database.

#[path = "suite/admin_views.rs"]
mod admin_views;
#[path = "suite/aliases.rs"]
mod aliases;
#[path = "suite/imports.rs"]
mod imports;
#[path = "suite/inbox.rs"]
mod inbox;
#[path = "suite/intake.rs"]
mod intake;
#[path = "suite/notices.rs"]
mod notices;
#[path = "suite/pairs.rs"]
mod pairs;
#[path = "suite/prepare.rs"]
mod prepare;
#[path = "suite/queue.rs"]
mod queue;
#[path = "suite/races.rs"]
mod races;
#[path = "suite/side_by_side.rs"]
mod side_by_side;
#[path = "suite/support.rs"]
mod support;
