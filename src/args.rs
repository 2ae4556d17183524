//! The `dealgate` command line: verbs and their flags (clap).
//!
//! `completions SHELL` prints clap_complete's script.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// DealGate: partner deal-registration checks, routing decisions, disputes and a tamper-evident audit log.
#[derive(Parser)]
#[command(
    name = "dealgate",
    version,
    about,
    after_help = "Exit status: 0 done; 1 failure (a file or the database could not be used); 2 bad input (a wrong \
value, an unknown id, a file that is not CSV/XLSX or lacks a column); 3 forbidden or conflict (not your role or \
region, or changed since you looked); 4 audit verify found tampering; with import --strict, 2 also when rows were rejected."
)]
pub struct Cli {
    /// Database file (default: $DEALGATE_DB, else the user's data directory).
    #[arg(long, global = true, value_name = "FILE")]
    pub db: Option<String>,
    /// Act as this user (see `dealgate user list`).
    #[arg(long = "as", global = true, value_name = "USER")]
    pub actor: Option<String>,
    /// Language of the output: zh or en (default: the locale's; English for C and other languages).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Command,
}

/// A language the CLI speaks.
#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

/// A routing outcome, as `decide`, `dispute rule` and `audit export` take it.
#[derive(Clone, Copy, ValueEnum)]
pub enum OutcomeArg {
    /// To the partner, with protection (通过).
    #[value(name = "approved", alias = "通过")]
    Approved,
    /// Joint project with direct (项目合作).
    #[value(name = "co_sell", alias = "项目合作")]
    CoSell,
    /// Stays with direct (直销保留).
    #[value(name = "direct_retained", alias = "直销保留")]
    DirectRetained,
    /// Another partner was first (撞单).
    #[value(name = "duplicate", alias = "撞单")]
    Duplicate,
    /// The partner must supply more information (待补充信息).
    #[value(name = "needs_info", alias = "待补充信息")]
    NeedsInfo,
    /// A person decides (人工复核; not a verdict: only a filter).
    #[value(name = "review", alias = "人工复核")]
    Review,
}

impl OutcomeArg {
    /// The domain's outcome.
    pub fn outcome(self) -> dealgate_api::domain::Outcome {
        use dealgate_api::domain::Outcome as O;
        match self {
            OutcomeArg::Approved => O::Approved,
            OutcomeArg::CoSell => O::CoSell,
            OutcomeArg::DirectRetained => O::DirectRetained,
            OutcomeArg::Duplicate => O::Duplicate,
            OutcomeArg::NeedsInfo => O::NeedsInfo,
            OutcomeArg::Review => O::Review,
        }
    }
}

/// A user's role.
#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    /// Works the queue in their regions (渠道经理).
    #[value(name = "channel_manager", alias = "渠道经理")]
    ChannelManager,
    /// Rules disputes and keeps head accounts in their regions (区域负责人).
    #[value(name = "regional_head", alias = "区域负责人")]
    RegionalHead,
    /// Imports data (销售运营).
    #[value(name = "sales_ops", alias = "销售运营")]
    SalesOps,
    /// Everything (管理员).
    #[value(name = "admin", alias = "管理员")]
    Admin,
}

impl RoleArg {
    /// The domain's role.
    pub fn role(self) -> dealgate_api::domain::Role {
        use dealgate_api::domain::Role as R;
        match self {
            RoleArg::ChannelManager => R::ChannelManager,
            RoleArg::RegionalHead => R::RegionalHead,
            RoleArg::SalesOps => R::SalesOps,
            RoleArg::Admin => R::Admin,
        }
    }
}

/// The file format of `audit export`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    /// CSV with a BOM, for Excel; words in the chosen language.
    Csv,
    /// An Excel workbook; words in the chosen language.
    #[value(alias = "excel")]
    Xlsx,
    /// The entries exactly as stored and hashed, for machines.
    Json,
}

/// Which source a file holds.
#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// Direct sales' CRM follow-up records.
    FollowUps,
    /// Regions' head-account lists.
    HeadAccounts,
    /// Partner registrations.
    Registrations,
}

/// Output format of the verbs that print records (`status`, `show`, `user list`, `dispute list`,
/// `settings show`).
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Default)]
pub enum DataFormat {
    /// One pretty-printed JSON document.
    #[default]
    Json,
    /// One compact JSON value per line (a list's items one per line).
    Jsonl,
}

/// Output format of `check`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// One JSON object per registration.
    Jsonl,
    /// One JSON document: an array of the decisions.
    Json,
    /// CSV with a header.
    Csv,
}

/// The verbs.
#[derive(Subcommand)]
pub enum Command {
    /// Import a CSV (UTF-8 or GBK) or XLSX file.
    Import {
        /// What the file holds.
        kind: Kind,
        /// The file.
        path: PathBuf,
        /// Exit with status 2 when any row was rejected (the good rows are still imported).
        #[arg(long)]
        strict: bool,
        /// Do not check the imported registrations (by default they are checked as part of the import).
        #[arg(long)]
        no_check: bool,
    },
    /// Check registrations and store a proposed decision for each.
    Check {
        /// Check every registration not yet decided by a person.
        #[arg(long, conflicts_with = "ids")]
        all: bool,
        /// Registration ids to check.
        ids: Vec<String>,
        /// Date the check is made as of (YYYY-MM-DD; default today).
        #[arg(long)]
        as_of: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
    /// Accept or override a registration's proposed decision (channel manager).
    Decide {
        /// Registration id.
        id: String,
        /// accept, or override.
        #[arg(value_parser = ["accept", "override"])]
        verdict: String,
        /// New outcome for an override.
        #[arg(long, value_enum)]
        outcome: Option<OutcomeArg>,
        /// Why (required for an override).
        #[arg(long)]
        reason: Option<String>,
        /// Remember the customer and the record the decision names as the same company (later checks
        /// treat them as a certain match). Overriding a review with the outcome its evidence leads to
        /// does this without the flag.
        #[arg(long, conflicts_with = "different_company")]
        same_company: bool,
        /// Remember the customer and the record the decision names as different companies (later checks
        /// set that record aside).
        #[arg(long)]
        different_company: bool,
    },
    /// List or forget the pairs of companies reviewers said are, or are not, the same.
    #[command(subcommand)]
    Pairs(PairsCmd),
    /// Open, rule on or list disputes.
    #[command(subcommand)]
    Dispute(DisputeCmd),
    /// Extend a registration's protection period.
    Extend {
        /// Registration id.
        id: String,
        /// Days to add.
        #[arg(long)]
        days: i64,
        /// Why.
        #[arg(long)]
        reason: String,
    },
    /// Expire protection periods that ended before a date.
    Expire {
        /// Date (YYYY-MM-DD; default today).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Show a registration with its decision history.
    Show {
        /// Registration id.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: DataFormat,
    },
    /// Verify or export the audit log.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Manage users.
    #[command(subcommand)]
    User(UserCmd),
    /// Show or change the routing settings.
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// Row counts and freshness of each data source.
    Status {
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: DataFormat,
    },
    /// Create a database with sample data and run the checks.
    Demo,
    /// Write a self-contained copy of the database to a new file (safe while others work on it).
    Backup {
        /// The new file.
        out: PathBuf,
    },
    /// Enter a registration taken by hand (the intake form's fields), validated as an import row is,
    /// and store it with its proposed decision; --dry-run only prints the proposal.
    Register(Box<crate::register::RegisterArgs>),
    /// Do the due work: expire protections that ended, flag overdue disputes, list protections ending
    /// soon, post the webhook's messages (for cron or a systemd timer; idempotent). Runs as `system`
    /// unless --as names an admin.
    RunDue {
        /// Run as of this day or UTC time instead of now (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS; admins only).
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Preview a settings change: replay the check under draft settings (writes nothing).
    #[command(subcommand)]
    Policy(PolicyCmd),
    /// The group-robot webhook's messages (queued by `run-due` and the desktop app).
    #[command(subcommand)]
    Notify(NotifyCmd),
    /// Print a shell completion script: `dealgate completions bash > /etc/bash_completion.d/dealgate`.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// Policy verbs.
#[derive(Subcommand)]
pub enum PolicyCmd {
    /// Re-run the check under the settings in force with some keys changed, over the registrations
    /// submitted in a range, and report what would change; reads the database only.
    Replay {
        /// A draft change KEY=VALUE (as `settings set` takes it); repeat for several.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<String>,
        /// Date the check is replayed as of (YYYY-MM-DD; default today).
        #[arg(long)]
        as_of: Option<String>,
        /// Only registrations submitted on or after this day (YYYY-MM-DD).
        #[arg(long)]
        from: Option<String>,
        /// Only registrations submitted on or before this day (YYYY-MM-DD).
        #[arg(long)]
        to: Option<String>,
        /// Also list registrations whose outcome would not change.
        #[arg(long)]
        unchanged: bool,
        /// Output format: table (rows, then sums), jsonl (one object per registration), csv (rows).
        #[arg(long, value_enum, default_value = "table")]
        format: Format,
    },
}

/// Webhook verbs.
#[derive(Subcommand)]
pub enum NotifyCmd {
    /// The delivery log: the webhook's messages, newest first, with their state (queued, delivered,
    /// failed and to be tried again, given up), attempts and last error.
    Log {
        /// At most this many messages.
        #[arg(long, default_value_t = 50)]
        limit: i64,
        /// Only messages in this state.
        #[arg(long, value_enum)]
        status: Option<DeliveryArg>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: LogFormat,
    },
}

/// A message's delivery state, as `notify log --status` takes it.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum DeliveryArg {
    /// Not tried yet.
    Queued,
    /// Delivered.
    Delivered,
    /// Tried and failed; tried again later.
    Failed,
    /// Failed too often; no longer tried.
    #[value(name = "given_up")]
    GivenUp,
}

impl DeliveryArg {
    /// The state's name as `dealgate_api::delivery_status` gives it.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryArg::Queued => "queued",
            DeliveryArg::Delivered => "delivered",
            DeliveryArg::Failed => "failed",
            DeliveryArg::GivenUp => "given_up",
        }
    }
}

/// Output format of logs and lists: a table for people, JSON for machines.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LogFormat {
    /// Aligned columns for people.
    Table,
    /// One JSON document: an array.
    Json,
    /// One JSON object per line.
    Jsonl,
}

/// Output format of `pairs list`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// One JSON object per pair (labelled pairs for estimating the matcher's weights).
    Jsonl,
}

/// Remembered-pair verbs.
#[derive(Subcommand)]
pub enum PairsCmd {
    /// Every remembered pair: "same company" and "different company" labels, oldest first.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Forget a remembered pair (channel manager of its region, admin); later checks match the names as
    /// the matcher scores them.
    Forget {
        /// The pair's number (see `pairs list`).
        id: i64,
    },
}

/// Dispute verbs.
#[derive(Subcommand)]
pub enum DisputeCmd {
    /// Contest a registration's current decision.
    Open {
        /// Registration id.
        id: String,
        /// The claim.
        #[arg(long)]
        claim: String,
    },
    /// Rule on a dispute (regional head of the registration's region).
    Rule {
        /// Dispute number.
        dispute: i64,
        /// Outcome of the ruling.
        #[arg(long, value_enum)]
        outcome: OutcomeArg,
        /// Rationale.
        #[arg(long)]
        rationale: String,
    },
    /// List disputes.
    List {
        /// Only open ones.
        #[arg(long)]
        open: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: DataFormat,
    },
}

/// Audit verbs.
#[derive(Subcommand)]
pub enum AuditCmd {
    /// Check the hash chain, the decisions and disputes against it, and any anchors; exits 4 if any
    /// entry was edited, deleted or reordered, a record differs from its entry, or an anchor is gone.
    /// Prints the head as SEQ:HASH: keep it outside the database and pass it back with --anchor.
    Verify {
        /// An anchor SEQ:HASH printed by an earlier verify or export; fails if the chain no longer holds it.
        #[arg(long = "anchor", value_name = "SEQ:HASH")]
        anchors: Vec<String>,
    },
    /// Write the audit log to a file.
    Export {
        /// File format.
        #[arg(long, value_enum, default_value = "csv")]
        format: ExportFormatArg,
        /// Output file.
        #[arg(long)]
        out: PathBuf,
        /// From this date or time.
        #[arg(long)]
        from: Option<String>,
        /// Up to this date or time.
        #[arg(long)]
        to: Option<String>,
        /// Only this region.
        #[arg(long)]
        region: Option<String>,
        /// Only this partner.
        #[arg(long)]
        partner: Option<String>,
        /// Only this outcome.
        #[arg(long, value_enum)]
        outcome: Option<OutcomeArg>,
    },
}

/// User verbs.
#[derive(Subcommand)]
pub enum UserCmd {
    /// Add or update a user (the first user needs no --as; then an admin must act). On a team database
    /// this creates the login too (its password from --password-stdin).
    Add {
        /// Name.
        name: String,
        /// The user's role.
        #[arg(long, value_enum)]
        role: RoleArg,
        /// Regions, comma-separated.
        #[arg(long, default_value = "")]
        regions: String,
        /// Team database: read the login's password from standard input (one line).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Remove a user (admin; on a team database their login too).
    Remove {
        /// Name.
        name: String,
    },
    /// Replace a user's regions (admin).
    SetRegions {
        /// Name.
        name: String,
        /// Regions, comma-separated (empty: none).
        #[arg(long, default_value = "")]
        regions: String,
    },
    /// Team database: set a login's password (your own, or anyone's as an admin).
    Password {
        /// Name.
        name: String,
        /// Read the new password from standard input (one line).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List {
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: DataFormat,
    },
}

/// Settings verbs.
#[derive(Subcommand)]
pub enum SettingsCmd {
    /// Print the settings in force.
    Show {
        /// Output format.
        #[arg(long, value_enum, default_value = "json")]
        format: DataFormat,
    },
    /// Change settings: key=value ... (admin).
    Set {
        /// key=value pairs; lists comma-separated.
        changes: Vec<String>,
    },
}
