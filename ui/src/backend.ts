// The UI's only door to the Tauri backend: the generated command wrappers, events and dialogs, errors made one shape.
//
// The wrappers are `bindings.ts`'s `commands.*` (generated, never edited by hand); file dialogs go through
// `@tauri-apps/plugin-dialog`; every failure becomes one `{code, message}`.
import { Channel } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { open as openDialog, save as saveDialog } from "@tauri-apps/plugin-dialog";
import { commands } from "./bindings";
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

/** Awaits a generated command wrapper (`commands.*` from bindings.ts), rejecting with a {@link T.ShellError}. */
async function call<R>(pending: Promise<R>): Promise<R> {
  try {
    return await pending;
  } catch (reason) {
    throw toShellError(reason);
  }
}

function progressChannel(onProgress: (event: T.ProgressEvent) => void): Channel<T.ProgressEvent> {
  return new Channel<T.ProgressEvent>(onProgress);
}

// Session
export const appInfo = () => call(commands.appInfo());
/** Tells the backend the language to word errors, summaries and row errors in. */
export const setLanguage = (lang: "zh" | "en") => call(commands.setLanguage(lang));
export const users = () => call(commands.users());
export const currentUser = () => call(commands.currentUser());
export const switchUser = (name: string) => call(commands.switchUser(name));
export const saveUser = (user: T.User) => call(commands.saveUser(user));
export const runDemo = () => call(commands.runDemo());
export const sources = () => call(commands.sources());

// Desktop: native notifications on or off, diagnostics to copy
export const notificationsEnabled = () => call(commands.notificationsEnabled());
export const setNotifications = (enabled: boolean) => call(commands.setNotifications(enabled));
export const diagnostics = () => call(commands.diagnostics());

// Connection: local file or team database
export const connection = () => call(commands.connection());
export const connectTeam = (settings: T.TeamSettings, password: string, remember: boolean) =>
  call(commands.connectTeam(settings, password, remember));
export const useLocalDatabase = () => call(commands.useLocalDatabase());
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
export const queue = (query: T.QueueQuery) => call(commands.queue(query));
export const queueFacets = () => call(commands.queueFacets());
export const review = (registrationId: string) => call(commands.review(registrationId));
export const accept = (registrationId: string) => call(commands.accept(registrationId));
export const overrideDecision = (registrationId: string, outcome: T.Outcome, reason: string) =>
  call(commands.overrideDecision(registrationId, outcome, reason));
export const extendProtection = (registrationId: string, days: number, reason: string) =>
  call(commands.extendProtection(registrationId, days, reason));
export const recheck = (ids: string[] | null, onProgress: (event: T.ProgressEvent) => void) =>
  call(commands.recheck(ids, progressChannel(onProgress)));
export const cancelJob = () => call(commands.cancelJob());

// Inbox: the acting user's tabs, the disputes awaiting them, batch accept
export const inbox = () => call(commands.inbox());
export const inboxDisputes = () => call(commands.inboxDisputes());
export const acceptMany = (registrationIds: string[]) => call(commands.acceptMany(registrationIds));
export const regionsWithoutHead = () => call(commands.regionsWithoutHead());

// Remembered pairs
export const pairLabels = () => call(commands.pairLabels());
export const labelPair = (registrationId: string, source: T.Source, recordId: string, verdict: T.PairVerdict) =>
  call(commands.labelPair(registrationId, source, recordId, verdict));
export const forgetPair = (id: number) => call(commands.forgetPair(id));

// Disputes
export const openDispute = (registrationId: string, claim: string) =>
  call(commands.openDispute(registrationId, claim));
export const disputes = (openOnly: boolean) => call(commands.disputes(openOnly));
export const ruleDispute = (disputeId: number, outcome: T.Outcome, rationale: string) =>
  call(commands.ruleDispute(disputeId, outcome, rationale));

// Data
export const importPreview = (path: string, kind: T.RecordKind) =>
  call(commands.importPreview(path, kind));
export const importFile = (
  path: string,
  kind: T.RecordKind,
  mapping: { header: string; field: string }[] | null,
  onProgress: (event: T.ProgressEvent) => void,
  check = true,
) => call(commands.importFile(path, kind, mapping, check, progressChannel(onProgress)));

// Head accounts
export const headAccounts = (region: string | null, search: string | null, offset: number, limit: number) =>
  call(commands.headAccounts(region, search, offset, limit));
export const addHeadAccount = (account: T.HeadAccount) => call(commands.addHeadAccount(account));
export const removeHeadAccount = (accountId: string, reason: string) =>
  call(commands.removeHeadAccount(accountId, reason));

// Settings
export const settings = () => call(commands.settings());
export const saveSettings = (value: T.Settings, reason: string | null) =>
  call(commands.saveSettings(value, reason));
export const settingsHistory = () => call(commands.settingsHistory());
export const previewSettings = (value: T.Settings) => call(commands.previewSettings(value));

// Intake: a registration taken by hand
export const proposeRegistration = (form: T.RegistrationForm) => call(commands.proposeRegistration(form));
export const register = (form: T.RegistrationForm) => call(commands.register(form));

// Audit
export const auditLog = (filter: T.AuditFilter) => call(commands.auditLog(filter));
export const verifyAudit = () => call(commands.verifyAudit());
export const exportAudit = (path: string, format: T.ExportFormat, filter: T.AuditFilter) =>
  call(commands.exportAudit(path, format, filter));

// Dashboard
export const dashboard = () => call(commands.dashboard());

// File dialogs (@tauri-apps/plugin-dialog)
export interface DialogFilter {
  name: string;
  extensions: string[];
}
/** Asks for a file to open; null when cancelled. */
export const chooseOpenPath = (filters: DialogFilter[]) =>
  call(openDialog({ multiple: false, directory: false, filters }));
/** Asks where to save; null when cancelled. */
export const chooseSavePath = (defaultPath: string, filters: DialogFilter[]) => call(saveDialog({ defaultPath, filters }));
