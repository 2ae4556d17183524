// The UI's only door to the Tauri backend: the sole importer of @tauri-apps/api, so tests can mock IPC here.
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type * as T from "./types";

export type * from "./types";

/** True if `value` has the `{ code, message }` shape of a {@link T.ShellError}. */
export function isShellError(value: unknown): value is T.ShellError {
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record.code === "string" && typeof record.message === "string";
}

/** Turns whatever a failed `invoke` rejected with into a {@link T.ShellError}. */
export function toShellError(reason: unknown): T.ShellError {
  if (isShellError(reason)) return { code: reason.code, message: reason.message };
  const message = reason instanceof Error ? reason.message : String(reason);
  return { code: "ipc", message };
}

async function call<R>(command: string, args?: Record<string, unknown>): Promise<R> {
  try {
    return await invoke<R>(command, args);
  } catch (reason) {
    throw toShellError(reason);
  }
}

function progressChannel(onProgress: (event: T.ProgressEvent) => void): Channel<T.ProgressEvent> {
  return new Channel<T.ProgressEvent>(onProgress);
}

// Session
export const appInfo = () => call<T.AppInfo>("app_info");
/** Tells the backend the language to word errors, summaries and row errors in. */
export const setLanguage = (lang: "zh" | "en") => call<null>("set_language", { lang });
export const users = () => call<T.User[]>("users");
export const currentUser = () => call<T.User | null>("current_user");
export const switchUser = (name: string) => call<T.User>("switch_user", { name });
export const saveUser = (user: T.User) => call<T.User>("save_user", { user });
export const runDemo = () => call<T.DemoSummary>("run_demo");
export const sources = () => call<T.SourceStatus[]>("sources");

// Desktop: native notifications on or off, diagnostics to copy
export const notificationsEnabled = () => call<boolean>("notifications_enabled");
export const setNotifications = (enabled: boolean) => call<boolean>("set_notifications", { enabled });
export const diagnostics = () => call<T.Diagnostics>("diagnostics");

// Connection: local file or team database
export const connection = () => call<T.ConnectionView>("connection");
export const connectTeam = (settings: T.TeamSettings, password: string, remember: boolean) =>
  call<T.ConnectionView>("connect_team", { settings, password, remember });
export const useLocalDatabase = () => call<T.ConnectionView>("use_local_database");
/**
 * Calls `onChange` with the new change marker whenever the database changed (another person or process,
 * or this window): the shell's `db-changed` event. Resolves to a function that stops listening; where
 * events cannot be listened to, it never calls `onChange`.
 */
export async function onDatabaseChanged(onChange: (marker: number) => void): Promise<() => void> {
  try {
    return await listen<number>("db-changed", (event) => onChange(event.payload));
  } catch {
    return () => undefined;
  }
}

// Queue and review
export const queue = (query: T.QueueQuery) => call<T.QueuePage>("queue", { query });
export const queueFacets = () => call<T.QueueFacets>("queue_facets");
export const review = (registrationId: string) => call<T.ReviewView>("review", { registrationId });
export const accept = (registrationId: string) => call<T.Decision>("accept", { registrationId });
export const overrideDecision = (registrationId: string, outcome: T.Outcome, reason: string) =>
  call<T.Decision>("override_decision", { registrationId, outcome, reason });
export const extendProtection = (registrationId: string, days: number, reason: string) =>
  call<T.Decision>("extend_protection", { registrationId, days, reason });
export const recheck = (ids: string[] | null, onProgress: (event: T.ProgressEvent) => void) =>
  call<T.RecheckSummary>("recheck", { ids, onProgress: progressChannel(onProgress) });
export const cancelJob = () => call<void>("cancel_job");

// Inbox: the acting user's tabs, the disputes awaiting them, batch accept
export const inbox = () => call<T.Inbox>("inbox");
export const inboxDisputes = () => call<T.DisputeView[]>("inbox_disputes");
export const acceptMany = (registrationIds: string[]) => call<T.BatchResult[]>("accept_many", { registrationIds });
export const regionsWithoutHead = () => call<string[]>("regions_without_head");

// Remembered pairs
export const pairLabels = () => call<T.PairLabel[]>("pair_labels");
export const labelPair = (registrationId: string, source: T.Source, recordId: string, verdict: T.PairVerdict) =>
  call<T.PairLabel>("label_pair", { registrationId, source, recordId, verdict });
export const forgetPair = (id: number) => call<T.PairLabel>("forget_pair", { id });

// Disputes
export const openDispute = (registrationId: string, claim: string) =>
  call<T.Dispute>("open_dispute", { registrationId, claim });
export const disputes = (openOnly: boolean) => call<T.DisputeView[]>("disputes", { openOnly });
export const ruleDispute = (disputeId: number, outcome: T.Outcome, rationale: string) =>
  call<T.Dispute>("rule_dispute", { disputeId, outcome, rationale });

// Data
export const importPreview = (path: string, kind: T.RecordKind) =>
  call<T.ImportPreview>("import_preview", { path, kind });
export const importFile = (
  path: string,
  kind: T.RecordKind,
  mapping: { header: string; field: string }[] | null,
  onProgress: (event: T.ProgressEvent) => void,
  check = true,
) => call<T.ImportReport>("import_file", { path, kind, mapping, check, onProgress: progressChannel(onProgress) });

// Head accounts
export const headAccounts = (region: string | null, search: string | null, offset: number, limit: number) =>
  call<T.Paged<T.HeadAccount>>("head_accounts", { region, search, offset, limit });
export const addHeadAccount = (account: T.HeadAccount) => call<T.HeadAccount>("add_head_account", { account });
export const removeHeadAccount = (accountId: string, reason: string) =>
  call<void>("remove_head_account", { accountId, reason });

// Settings
export const settings = () => call<T.VersionedSettings>("settings");
export const saveSettings = (value: T.Settings, reason: string | null) =>
  call<number>("save_settings", { settings: value, reason });
export const settingsHistory = () => call<T.SettingsChange[]>("settings_history");
export const previewSettings = (value: T.Settings) => call<T.ReplayReport>("preview_settings", { settings: value });

// Intake: a registration taken by hand
export const proposeRegistration = (form: T.RegistrationForm) => call<T.Registered>("propose_registration", { form });
export const register = (form: T.RegistrationForm) => call<T.Registered>("register", { form });

// Audit
export const auditLog = (filter: T.AuditFilter) => call<T.Paged<T.AuditEntry>>("audit_log", { filter });
export const verifyAudit = () => call<T.VerifyOutcome>("verify_audit");
export const exportAudit = (path: string, format: T.ExportFormat, filter: T.AuditFilter) =>
  call<T.ExportSummary>("export_audit", { path, format, filter });

// Dashboard
export const dashboard = () => call<T.DashboardView>("dashboard");

// File dialogs (tauri-plugin-dialog's commands, called directly: same IPC as @tauri-apps/plugin-dialog).
export interface DialogFilter {
  name: string;
  extensions: string[];
}
/** Asks for a file to open; null when cancelled. */
export const chooseOpenPath = (filters: DialogFilter[]) =>
  call<string | null>("plugin:dialog|open", { options: { multiple: false, directory: false, filters } });
/** Asks where to save; null when cancelled. */
export const chooseSavePath = (defaultPath: string, filters: DialogFilter[]) =>
  call<string | null>("plugin:dialog|save", { options: { defaultPath, filters } });
