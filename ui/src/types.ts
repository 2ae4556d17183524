// Types across the boundary: the generated bindings.ts under the names the UI uses, plus the UI's own shapes.
import type { Dashboard as DashboardView, DecisionFigures, Outcome, Page, QueueRow } from "./bindings";

export type {
  AgeMark,
  AppInfo,
  BatchResult,
  Inbox,
  InboxTab,
  InboxTabView,
  ItemRights,
  Right,
  SlaUnit,
  WhyNot,
  AuditQuery as AuditFilter,
  AuditRow as AuditEntry,
  ColumnAssignment,
  Counterpart,
  EngagedFirst,
  FirstEngaged,
  ConnectionView,
  DbMode,
  KeyringState,
  TeamSettings,
  Dashboard as DashboardView,
  Decision,
  DecisionFigures,
  DecisionStatus,
  DemoSummary,
  Diagnostics,
  Dispute,
  DisputeView,
  ExportKind as ExportFormat,
  ExportResult as ExportSummary,
  Explanation,
  FieldWarning,
  HeadAccount,
  ImportCheck,
  ImportOutcome as ImportReport,
  MatchEvidence,
  MaturityField,
  Outcome,
  PairLabel,
  PairVerdict,
  Preview as ImportPreview,
  ProgressEvent,
  QueueFacets,
  QueueQuery,
  QueueRow,
  QueueSort,
  Reason,
  RecheckResult as RecheckSummary,
  RecordKind,
  Registered,
  Registration,
  RegistrationForm,
  ReplayReport,
  ReplayRow,
  ReviewView,
  Role,
  RowError,
  Settings,
  SettingsChangeSet as SettingsChange,
  Source,
  SourceView as SourceStatus,
  User,
  VerifyView as VerifyOutcome,
  VersionedSettings,
} from "./bindings";

/** Every outcome, in the order the UI lists them. */
export const OUTCOMES: Outcome[] = ["approved", "co_sell", "direct_retained", "duplicate", "needs_info", "review"];

/** A page of rows and the total under the query. */
export type Paged<T> = Page<T>;
export type QueuePage = Page<QueueRow>;

/** The dashboard's figures and dispute counts in one flat record, as the dashboard screen draws them. */
export type Dashboard = DecisionFigures & Omit<DashboardView, "figures">;

/**
 * A failed command as the UI shows it: the API's snake_case code (bindings' `ErrorCode`) and a message;
 * failures of the IPC itself use the code "ipc".
 */
export interface ShellError {
  code: string;
  message: string;
}
