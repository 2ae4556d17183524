// Types of the commands' arguments and results, per the command contract (replaced by bindings.ts once generated).

export type RecordKind = "follow_up" | "head_account" | "registration";
export type Outcome = "approved" | "co_sell" | "direct_retained" | "duplicate" | "needs_info" | "review";
export const OUTCOMES: Outcome[] = ["approved", "co_sell", "direct_retained", "duplicate", "needs_info", "review"];
export type DecisionStatus = "proposed" | "accepted" | "overridden" | "ruled" | "expired";
export type Role = "channel_manager" | "regional_head" | "sales_ops" | "admin";

export interface AppInfo {
  name: string;
  version: string;
  locale?: string;
}
export interface User {
  name: string;
  role: Role;
  regions: string[];
}
export interface SourceStatus {
  kind: RecordKind;
  rows: number;
  last_import_at: string | null;
  last_file: string | null;
  stale?: boolean;
}
export interface DemoSummary {
  imported: [RecordKind, number][];
  checked: number;
  users: string[];
}

export type QueueSort = "submitted_at" | "score" | "age" | "partner" | "region" | "outcome" | "customer";
export interface QueueQuery {
  outcome?: Outcome;
  status?: "pending" | "decided";
  region?: string;
  partner?: string;
  from?: string;
  to?: string;
  search?: string;
  sort: QueueSort;
  desc: boolean;
  offset: number;
  limit: number;
}
export interface QueueRow {
  registration_id: string;
  customer_name: string;
  partner: string;
  region: string | null;
  submitted_at: string;
  age_days: number;
  outcome: Outcome | null;
  status: DecisionStatus | null;
  top_match_name: string | null;
  top_match_source: RecordKind | null;
  top_score: number | null;
  protection_until: string | null;
}
export interface QueuePage {
  total: number;
  rows: QueueRow[];
}
export interface QueueFacets {
  regions: string[];
  partners: string[];
}

export interface FieldWarning {
  field: string;
  value: string;
  problem: string;
}
export interface Registration {
  registration_id: string;
  partner: string;
  partner_tier: string;
  submitted_at: string;
  customer_name: string;
  uscc: string | null;
  website: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  region: string | null;
  product: string | null;
  amount: number | null;
  expected_close: string | null;
  warnings: FieldWarning[];
}
export interface Reason {
  feature: string;
  agreed: boolean | null;
  detail: string;
  contribution: number;
}
export interface Explanation {
  query_normalized: string;
  candidate_normalized: string;
  query_core: string;
  candidate_core: string;
  reasons: Reason[];
  context: Record<string, string>;
}
export interface MatchEvidence {
  source: RecordKind;
  record_id: string;
  name: string;
  score: number;
  band: "match" | "review" | "none";
  evidence?: Explanation;
}
export interface Decision {
  id: number;
  registration_id: string;
  outcome: Outcome;
  rule: string;
  summary: string;
  lead?: "partner_led" | "direct_led" | null;
  direct_owner?: string | null;
  protection_until: string | null;
  matches: MatchEvidence[];
  settings_version?: number;
  as_of: string;
  status: DecisionStatus;
  actor?: string;
  reason?: string | null;
  created_at?: string;
}
export interface Dispute {
  id: number;
  registration_id: string;
  decision_id: number;
  region: string | null;
  opened_by: string;
  claim: string;
  opened_at: string;
  due_at: string;
  status: "open" | "ruled";
  ruled_by: string | null;
  ruling: Outcome | null;
  rationale: string | null;
  ruled_at: string | null;
}
export interface ReviewView {
  registration: Registration;
  decision: Decision | null;
  history: Decision[];
  disputes: Dispute[];
}
/** A dispute as the disputes screen lists it (Rust: `api::disputes_view::DisputeView`). */
export interface DisputeView {
  dispute: Dispute;
  overdue: boolean;
  days_open: number;
  registration: Registration | null;
  decision: Decision | null;
}
export interface RecheckSummary {
  checked: number;
  skipped_final: number;
}
export interface ProgressEvent {
  stage: string;
  done: number;
  total: number;
  rate: number;
  eta_secs: number | null;
}

export interface ColumnMapping {
  header: string;
  field: string | null;
}
export interface ImportPreview {
  encoding: string;
  headers: string[];
  mapping: ColumnMapping[];
  fields: { field: string; required: boolean }[];
  sample: string[][];
  rows_estimate: number;
  /** Required fields no header maps to. */
  missing?: string[];
}
export interface RowError {
  line: number;
  column: string | null;
  column_name?: string | null;
  value: string;
  message?: string;
  problem?: string;
  expected: string;
}
/** Rust: `api::preview::ImportOutcome` (older `ImportReport` carried the bad rows in `rejected`). */
export interface ImportReport {
  file: string;
  kind: RecordKind;
  inserted: number;
  updated: number;
  rejected_rows?: number;
  errors?: RowError[];
  rejected?: RowError[];
  warnings: unknown[];
  unknown_columns?: string[];
}

export interface HeadAccount {
  account_id: string;
  region: string;
  account_name: string;
  uscc: string | null;
  website: string | null;
  owner: string | null;
  warnings: FieldWarning[];
}
export interface Paged<T> {
  total: number;
  rows: T[];
}

export interface Settings {
  match_threshold: number;
  review_threshold: number;
  followup_window_days: number;
  effective_activity_types: string[];
  protection_days: number;
  maturity_fields: string[];
  channel_only_regions: string[];
  dispute_days: number;
}
export interface VersionedSettings {
  version: number;
  settings: Settings;
}
export interface SettingsChange {
  version: number;
  changed_by: string;
  changed_at: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  region: string | null;
  partner: string | null;
  outcome: string | null;
  rule: string | null;
  payload: unknown;
  prev_hash: string;
  hash: string;
}
export interface AuditFilter {
  search?: string;
  action?: string;
  actor?: string;
  registration_id?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}
export interface VerifyOutcome {
  intact?: boolean;
  entries_checked: number;
  problems: { seq: number; kind: string; detail: string }[];
}
export type ExportFormat = "csv" | "xlsx" | "json";
export interface ExportSummary {
  format: ExportFormat;
  path: string;
  entries: number;
  first_seq: number | null;
  last_seq: number | null;
  bytes: number;
}

/** Rust: `api::dashboard::Dashboard`. */
export interface DashboardView {
  figures: DecisionFigures;
  open_disputes: number;
  overdue_disputes: number;
}
export interface DecisionFigures {
  by_outcome: { outcome: Outcome; count: number }[];
  by_region_month: { region: string; month: string; outcome: Outcome; count: number }[];
  conflict_rate_by_partner: { partner: string; registrations: number; conflicts: number; rate: number }[];
  median_hours_to_decision: number | null;
  expiring_soon: { registration_id: string; customer_name: string; partner: string; protection_until: string }[];
}
/** The figures and dispute counts in one flat record, as the dashboard screen draws them. */
export type Dashboard = DecisionFigures & { open_disputes: number; overdue_disputes: number };

/** The error every command returns: the API's snake_case error code and a readable message. */
export interface ShellError {
  code: string;
  message: string;
}
